/**
 * The validation results of a run without a decision map, drawn by
 * `@neurite/plot`: a confusion matrix (classification) or predicted against
 * actual values (regression).
 */
import { confusionMatrixChart, predictionChart } from "@neurite/plot";
import type { RunInfo } from "../protocol.js";

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
    const n = predictions.length;
    const actual = info.validationTargets;
    if (info.task === "classification") {
      this.show(
        "confusion-matrix",
        confusionMatrixChart(Int32Array.from(actual), Int32Array.from(predictions), {
          labels: info.targetNames,
          title: "Confusion matrix (validation set)",
          width: 380,
          height: 320,
        }),
      );
      let correct = 0;
      for (let i = 0; i < n; i++) if (predictions[i] === actual[i]) correct++;
      this.caption.textContent = `${correct} of ${n} validation samples classified correctly (${((100 * correct) / Math.max(1, n)).toFixed(1)}%): true classes down the side, predicted across.`;
      return;
    }
    const name = info.targetNames[0] ?? "value";
    this.show(
      "prediction-chart",
      predictionChart(
        { actual, predicted: predictions },
        {
          variant: "scatter",
          valueLabel: name,
          title: "Predicted against actual (validation set)",
          width: 380,
          height: 320,
        },
      ),
    );
    let se = 0;
    for (let i = 0; i < n; i++) se += (predictions[i]! - actual[i]!) ** 2;
    this.caption.textContent = `Predicted against actual ${name} for the ${n} validation samples (on the diagonal the prediction is exact); mean squared error ${Number((se / Math.max(1, n)).toPrecision(3))}.`;
  }

  /** Puts the chart's SVG (a string `@neurite/plot` builds from numbers and names) into the page. */
  private show(kind: string, svg: string): void {
    this.container.innerHTML = svg;
    this.container.dataset.chart = kind;
  }
}
