/**
 * The decision-boundary heat map: each cell of the input plane is tinted by
 * the class the network predicts there (stronger where it is surer), with
 * the training points (white outline) and test points (dark outline) on top.
 */
import type { Domain, RunInfo } from "../protocol.js";

/** Class colours (Okabe–Ito, distinguishable with the common colour-vision deficiencies), as RGB. */
export const CLASS_COLORS: readonly (readonly [number, number, number])[] = [
  [230, 159, 0],
  [0, 114, 178],
  [0, 158, 115],
  [204, 121, 167],
  [86, 180, 233],
  [213, 94, 0],
];

/** The colour of class `k` as CSS. */
export function classColor(k: number): string {
  const [r, g, b] = CLASS_COLORS[k % CLASS_COLORS.length]!;
  return `rgb(${r} ${g} ${b})`;
}

/**
 * Writes the RGBA pixels of a probability grid (`cells` cells, `classes`
 * values each) into `out`: the probability-weighted class colour, blended
 * with white by the prediction's confidence (white where all classes are
 * equally likely).
 */
export function tint(
  probabilities: Float32Array,
  classes: number,
  cells: number,
  out: Uint8ClampedArray,
): void {
  const uniform = 1 / classes;
  for (let i = 0; i < cells; i++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let max = 0;
    for (let k = 0; k < classes; k++) {
      const p = probabilities[i * classes + k]!;
      const c = CLASS_COLORS[k % CLASS_COLORS.length]!;
      r += p * c[0];
      g += p * c[1];
      b += p * c[2];
      if (p > max) max = p;
    }
    const confidence = classes > 1 ? Math.max(0, (max - uniform) / (1 - uniform)) : 1;
    const a = 0.15 + 0.6 * confidence;
    out[i * 4] = 255 * (1 - a) + r * a;
    out[i * 4 + 1] = 255 * (1 - a) + g * a;
    out[i * 4 + 2] = 255 * (1 - a) + b * a;
    out[i * 4 + 3] = 255;
  }
}

/** Draws the heat map and the points on a canvas. */
export class HeatmapView {
  private readonly canvas: HTMLCanvasElement;
  private readonly cells: HTMLCanvasElement;
  private info: RunInfo | null = null;
  private probabilities: Float32Array | null = null;
  private grid = 0;
  /** Whether the test points are drawn. */
  showTest = true;

  /** @param canvas - the canvas to draw on; its CSS size is kept, its pixel size follows the device */
  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    this.cells = document.createElement("canvas");
  }

  /** Starts a new run: new points and domain, no predictions yet. */
  setRun(info: RunInfo): void {
    this.info = info;
    this.probabilities = null;
    this.draw();
  }

  /** New predictions (`grid × grid` cells, row 0 at the top). */
  update(probabilities: Float32Array, grid: number): void {
    this.probabilities = probabilities;
    this.grid = grid;
    this.draw();
  }

  /** Redraws everything (also after a resize). */
  draw(): void {
    const canvas = this.canvas;
    const dpr = globalThis.devicePixelRatio || 1;
    const cssSize = canvas.clientWidth || 400;
    const size = Math.round(cssSize * dpr);
    if (canvas.width !== size || canvas.height !== size) {
      canvas.width = size;
      canvas.height = size;
    }
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, size, size);
    const info = this.info;
    if (!info) return;
    const p = this.probabilities;
    if (p && this.grid > 0) {
      const g = this.grid;
      this.cells.width = g;
      this.cells.height = g;
      const cctx = this.cells.getContext("2d");
      if (cctx) {
        const image = cctx.createImageData(g, g);
        tint(p, info.classes, g * g, image.data);
        cctx.putImageData(image, 0, 0);
        ctx.imageSmoothingEnabled = true;
        ctx.imageSmoothingQuality = "high";
        ctx.drawImage(this.cells, 0, 0, size, size);
      }
    }
    this.drawAxes(ctx, info.domain, size, dpr);
    const radius = Math.max(2.5, Math.min(5, 700 / Math.sqrt(info.labels.length) / 10)) * dpr;
    const n = info.labels.length;
    for (let i = 0; i < n; i++) {
      const test = i >= info.trainSize;
      if (test && !this.showTest) continue;
      const [x, y] = this.toPixel(info.domain, size, info.points[2 * i]!, info.points[2 * i + 1]!);
      ctx.beginPath();
      ctx.arc(x, y, radius, 0, 2 * Math.PI);
      ctx.fillStyle = classColor(info.labels[i]!);
      ctx.fill();
      ctx.lineWidth = (test ? 1.6 : 1.2) * dpr;
      ctx.strokeStyle = test ? "#111" : "#fff";
      ctx.stroke();
    }
  }

  private toPixel(d: Domain, size: number, x: number, y: number): [number, number] {
    return [((x - d.xMin) / (d.xMax - d.xMin)) * size, ((d.yMax - y) / (d.yMax - d.yMin)) * size];
  }

  /** Light lines through the origin and at whole numbers, labelled along the edges. */
  private drawAxes(ctx: CanvasRenderingContext2D, d: Domain, size: number, dpr: number): void {
    const span = d.xMax - d.xMin;
    const step = niceStep(span / 5);
    ctx.save();
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ctx.fillStyle = "rgba(0,0,0,0.55)";
    ctx.lineWidth = dpr;
    for (let v = Math.ceil(d.xMin / step) * step; v <= d.xMax; v += step) {
      const [x] = this.toPixel(d, size, v, 0);
      ctx.strokeStyle = Math.abs(v) < step / 2 ? "rgba(0,0,0,0.35)" : "rgba(0,0,0,0.08)";
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, size);
      ctx.stroke();
      ctx.fillText(label(v), x + 3 * dpr, size - 4 * dpr);
    }
    for (let v = Math.ceil(d.yMin / step) * step; v <= d.yMax; v += step) {
      const [, y] = this.toPixel(d, size, 0, v);
      ctx.strokeStyle = Math.abs(v) < step / 2 ? "rgba(0,0,0,0.35)" : "rgba(0,0,0,0.08)";
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.lineTo(size, y);
      ctx.stroke();
      ctx.fillText(label(v), 3 * dpr, y - 3 * dpr);
    }
    ctx.restore();
  }
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

function label(v: number): string {
  const r = Math.round(v * 1e6) / 1e6;
  return Object.is(r, -0) ? "0" : String(r);
}
