/**
 * Small charts of every activation function of `@neurite/layers` and its
 * derivative, computed by the package's own kernels (`activations.curve`).
 * The ones the current network uses are marked.
 */
import { type ActivationName, activations } from "@neurite/layers";

/** A one-line formula and a remark for each activation. */
export const ACTIVATION_NOTES: Record<ActivationName, { formula: string; note: string }> = {
  step: { formula: "1 if x > 0, else 0", note: "Not differentiable: no gradient flows." },
  sign: { formula: "1, 0 or −1 by the sign of x", note: "Not differentiable either." },
  sigmoid: {
    formula: "1 / (1 + e^−x)",
    note: "Between 0 and 1; its slope is at most ¼, so gradients vanish through many layers.",
  },
  tanh: { formula: "(eˣ − e^−x) / (eˣ + e^−x)", note: "A sigmoid rescaled to (−1, 1)." },
  relu: { formula: "max(0, x)", note: "No upper bound; slope 0 or 1." },
  leakyRelu: { formula: "x if x > 0, else 0.3·x", note: "Negative inputs keep a small slope." },
  identity: { formula: "x", note: "Unbounded, constant slope: layers of it stay linear." },
  softmax: {
    formula: "eˣⁱ / Σ eˣʲ",
    note: "For the output layer. Drawn for the pair [x, 0]: its first output is σ(x).",
  },
  elu: { formula: "x if x > 0, else eˣ − 1", note: "Smooth, negative values down to −1." },
  selu: { formula: "λ·elu(x), λ ≈ 1.051, α ≈ 1.673", note: "Scaled to self-normalize." },
  gelu: { formula: "x·Φ(x)", note: "Weights x by the Gaussian CDF." },
  softplus: { formula: "log(1 + eˣ)", note: "A smooth ReLU; its slope is σ(x)." },
  swish: { formula: "x·σ(x)", note: "Also called SiLU." },
  hardSigmoid: { formula: "clip(x/6 + ½, 0, 1)", note: "A piecewise-linear sigmoid." },
  logSoftmax: { formula: "xᵢ − log Σ eˣʲ", note: "Drawn for the pair [x, 0]." },
};

/** Colours of the function and its derivative. */
export const ACTIVATION_COLORS = { fn: "#0072b2", derivative: "#d55e00" } as const;

const X_MIN = -4;
const X_MAX = 4;
const SAMPLES = 241;

/** Samples of the function and its derivative on [−4, 4] (one kernel call each), and a y-range that fits both. */
export function sampleActivation(name: ActivationName): {
  xs: number[];
  ys: number[];
  ds: number[];
  yMin: number;
  yMax: number;
} {
  const a = activations.get(name);
  const xs = Array.from(
    { length: SAMPLES },
    (_, i) => X_MIN + ((X_MAX - X_MIN) * i) / (SAMPLES - 1),
  );
  const curve = activations.curve(a, xs);
  const ys = Array.from(curve.values);
  const ds = Array.from(curve.derivatives);
  let lo = Math.min(0, ...ys, ...ds);
  let hi = Math.max(1, ...ys, ...ds);
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  return { xs, ys, ds, yMin: lo, yMax: hi };
}

/** The grid of activation charts. */
export class ActivationsView {
  private readonly figures = new Map<ActivationName, HTMLElement>();
  private readonly canvases = new Map<ActivationName, HTMLCanvasElement>();

  /** @param container - filled with two groups: the book's activations and the others */
  constructor(container: HTMLElement) {
    const groups: [string, readonly ActivationName[]][] = [
      ["The book's activation functions", activations.book],
      ["More activation functions", activations.names.filter((n) => !activations.book.includes(n))],
    ];
    for (const [title, names] of groups) {
      const h = document.createElement("h3");
      h.textContent = title;
      const list = document.createElement("div");
      list.className = "activation-grid";
      for (const name of names) list.append(this.figure(name));
      container.append(h, list);
    }
  }

  private figure(name: ActivationName): HTMLElement {
    const fig = document.createElement("figure");
    fig.className = "activation";
    fig.dataset.activation = name;
    const canvas = document.createElement("canvas");
    canvas.width = 200;
    canvas.height = 130;
    canvas.setAttribute("role", "img");
    const info = ACTIVATION_NOTES[name];
    canvas.setAttribute(
      "aria-label",
      `${name}: f(x) = ${info.formula}, drawn with its derivative for x from ${X_MIN} to ${X_MAX}`,
    );
    const cap = document.createElement("figcaption");
    const title = document.createElement("strong");
    title.textContent = name;
    const used = document.createElement("span");
    used.className = "used-badge";
    used.textContent = "in use";
    const formula = document.createElement("code");
    formula.textContent = info.formula;
    const note = document.createElement("span");
    note.className = "note";
    note.textContent = info.note;
    cap.append(title, " ", used, document.createElement("br"), formula, " ", note);
    fig.append(canvas, cap);
    this.figures.set(name, fig);
    this.canvases.set(name, canvas);
    return fig;
  }

  /** Draws every chart (once the canvases are in the document). */
  draw(): void {
    for (const [name, canvas] of this.canvases) drawActivation(canvas, name);
  }

  /** Marks the activations the network uses. */
  setUsed(names: Iterable<string>): void {
    const used = new Set(names);
    for (const [name, fig] of this.figures) fig.classList.toggle("in-use", used.has(name));
  }
}

/** Draws one activation (solid) and its derivative (dashed) with axes through the origin. */
export function drawActivation(canvas: HTMLCanvasElement, name: ActivationName): void {
  const dpr = globalThis.devicePixelRatio || 1;
  const w = canvas.clientWidth || 200;
  const h = canvas.clientHeight || 130;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.scale(dpr, dpr);
  const { xs, ys, ds, yMin, yMax } = sampleActivation(name);
  const px = (x: number) => ((x - X_MIN) / (X_MAX - X_MIN)) * w;
  const py = (y: number) => ((yMax - y) / (yMax - yMin)) * h;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = "#bbb";
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, py(0));
  ctx.lineTo(w, py(0));
  ctx.moveTo(px(0), 0);
  ctx.lineTo(px(0), h);
  ctx.stroke();
  ctx.fillStyle = "#666";
  ctx.font = "10px system-ui, sans-serif";
  ctx.fillText(String(Math.round(yMax * 10) / 10), px(0) + 3, 10);
  ctx.fillText(String(X_MAX), w - 10, py(0) - 3);
  const line = (vals: number[], color: string, dash: number[]) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    vals.forEach((v, i) => {
      const x = px(xs[i]!);
      const y = py(v);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
    ctx.setLineDash([]);
  };
  line(ds, ACTIVATION_COLORS.derivative, [4, 3]);
  line(ys, ACTIVATION_COLORS.fn, []);
}
