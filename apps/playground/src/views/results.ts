/**
 * The validation results of a run without a decision map: a confusion matrix
 * (classification; a table, true classes down the side, predicted across) or
 * predicted against actual values (regression; a scatter with the diagonal).
 */
import type { RunInfo } from "../protocol.js";
import { h } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const SIZE = 320;
const PAD = 36;

/** Counts of (true class, predicted class) pairs, `classes × classes`, row = true class. */
export function confusionCounts(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) m[truth[i]!]![predicted[i]!]!++;
  return m;
}

/** Draws the validation predictions of the current run. */
export class ResultsView {
  private info: RunInfo | null = null;

  /**
   * @param container - an empty element for the chart
   * @param caption - the chart's caption
   */
  constructor(
    private readonly container: HTMLElement,
    private readonly caption: HTMLElement,
  ) {}

  /** A new run: clears the chart. */
  setRun(info: RunInfo): void {
    this.info = info;
    this.container.replaceChildren();
    this.caption.textContent = "";
  }

  /** Draws `predictions` (class labels or values) against the run's validation targets. */
  update(predictions: Float32Array): void {
    const info = this.info;
    if (!info || predictions.length !== info.validationTargets.length) return;
    if (info.task === "classification") this.matrix(info, predictions);
    else this.scatter(info, predictions);
  }

  private matrix(info: RunInfo, predicted: Float32Array): void {
    const names = info.targetNames;
    const m = confusionCounts(info.validationTargets, predicted, info.classes);
    const max = Math.max(1, ...m.flat());
    let correct = 0;
    for (let k = 0; k < info.classes; k++) correct += m[k]![k]!;
    const table = h(
      "table",
      { class: "confusion", "data-testid": "confusion-matrix" },
      h(
        "caption",
        {},
        "Confusion matrix on the validation set: true class down the side, predicted class across.",
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "true \\ predicted"),
          ...names.map((n) => h("th", { scope: "col" }, n)),
        ),
      ),
      h(
        "tbody",
        {},
        ...m.map((row, t) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, names[t]!),
            ...row.map((count, p) => {
              const cell = h("td", { class: t === p ? "diagonal" : "" }, String(count));
              const strength = count / max;
              cell.style.background =
                t === p
                  ? `rgba(0, 114, 178, ${(0.12 + 0.6 * strength).toFixed(3)})`
                  : `rgba(213, 94, 0, ${(0.6 * strength).toFixed(3)})`;
              return cell;
            }),
          ),
        ),
      ),
    );
    this.container.replaceChildren(table);
    const n = predicted.length;
    this.caption.textContent = `${correct} of ${n} validation samples classified correctly (${((100 * correct) / Math.max(1, n)).toFixed(1)}%).`;
  }

  private scatter(info: RunInfo, predicted: Float32Array): void {
    const actual = info.validationTargets;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const v of [...actual, ...predicted])
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    if (!Number.isFinite(lo)) return;
    if (hi - lo < 1e-12) hi = lo + 1;
    const at = (v: number) => PAD + ((v - lo) / (hi - lo)) * (SIZE - 2 * PAD);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${SIZE} ${SIZE}`);
    svg.setAttribute("width", String(SIZE));
    svg.setAttribute("height", String(SIZE));
    svg.setAttribute("role", "img");
    svg.setAttribute("data-testid", "prediction-chart");
    const name = info.targetNames[0] ?? "target";
    svg.setAttribute("aria-label", `Predicted against actual ${name} on the validation set`);
    const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
      const e = document.createElementNS(SVG, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      if (text !== undefined) e.textContent = text;
      svg.append(e);
    };
    el("rect", {
      x: PAD,
      y: PAD,
      width: SIZE - 2 * PAD,
      height: SIZE - 2 * PAD,
      fill: "#fff",
      stroke: "#d0d7de",
    });
    el("line", {
      x1: at(lo),
      y1: SIZE - at(lo),
      x2: at(hi),
      y2: SIZE - at(hi),
      stroke: "#57606a",
      "stroke-dasharray": "4 3",
    });
    for (let i = 0; i < actual.length; i++)
      el("circle", {
        cx: at(actual[i]!),
        cy: SIZE - at(predicted[i]!),
        r: 3,
        fill: "#0072b2",
        "fill-opacity": 0.7,
      });
    el(
      "text",
      { x: SIZE / 2, y: SIZE - 8, "text-anchor": "middle", "font-size": 12 },
      `actual ${name}`,
    );
    el(
      "text",
      {
        x: 12,
        y: SIZE / 2,
        "text-anchor": "middle",
        "font-size": 12,
        transform: `rotate(-90 12 ${SIZE / 2})`,
      },
      "predicted",
    );
    el("text", { x: PAD, y: PAD - 6, "font-size": 11 }, `${fmt(lo)} to ${fmt(hi)}`);
    this.container.replaceChildren(svg);
    let se = 0;
    for (let i = 0; i < actual.length; i++) se += (predicted[i]! - actual[i]!) ** 2;
    this.caption.textContent = `Predicted against actual ${name} for the ${actual.length} validation samples (on the dashed diagonal the prediction is exact); mean squared error ${fmt(se / Math.max(1, actual.length))}.`;
  }
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString();
}
