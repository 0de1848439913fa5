/**
 * The loss curves, drawn with uPlot: training loss (mean over each epoch's
 * mini-batches, dropout on) and validation loss (evaluation mode) per epoch,
 * on a linear or logarithmic scale. The legend shows the latest epoch's
 * values unless the pointer is over the chart.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { CurvePoint } from "../protocol.js";

/** Colours of the two curves (Okabe–Ito blue and vermilion). */
export const CURVE_COLORS = { train: "#0072b2", test: "#d55e00" } as const;

const HEIGHT = 240;
/** Most points kept per curve before thinning. */
const MAX_POINTS = 2000;
const EPOCH_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];

/** A uPlot chart of the loss per epoch, appended to as training goes. */
export class CurvesView {
  private readonly container: HTMLElement;
  private plot: uPlot;
  private log = false;
  private epochs: number[] = [];
  private train: (number | null)[] = [];
  private test: (number | null)[] = [];
  private pending = false;
  private stride = 1;

  /**
   * @param container - an empty element the chart fills (its width)
   * @param logScale - the loss axis on a logarithmic scale
   */
  constructor(container: HTMLElement, logScale = false) {
    this.container = container;
    this.log = logScale;
    this.plot = this.create();
  }

  private create(): uPlot {
    const opts: uPlot.Options = {
      width: this.width(),
      height: HEIGHT,
      scales: { x: { time: false }, y: this.log ? { distr: 3, log: 10 } : {} },
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      hooks: {
        // Off the chart, the legend shows the latest epoch instead of blanks.
        setCursor: [(u) => this.showLatest(u)],
      },
      series: [
        { label: "epoch" },
        {
          label: "training loss",
          stroke: CURVE_COLORS.train,
          width: 2,
          value: (_u, v) => fmt(v),
        },
        {
          label: "validation loss",
          stroke: CURVE_COLORS.test,
          width: 2,
          dash: [6, 4],
          value: (_u, v) => fmt(v),
        },
      ],
      axes: [
        // Whole epochs only.
        { label: "epoch", size: 40, incrs: EPOCH_STEPS },
        {
          label: this.log ? "loss (log scale)" : "loss",
          size: 56,
          values: (_u, ticks) => ticks.map((t) => fmt(t)),
        },
      ],
    };
    const plot = new uPlot(
      opts,
      [this.epochs, this.series(this.train), this.series(this.test)],
      this.container,
    );
    this.showLatest(plot);
    this.container.dataset.scale = this.log ? "log" : "linear";
    return plot;
  }

  /** A log scale cannot show 0 or less: such points are left out. */
  private series(values: (number | null)[]): (number | null)[] {
    return this.log ? values.map((v) => (v !== null && v > 0 ? v : null)) : values;
  }

  private showLatest(u: uPlot): void {
    if (u.cursor.idx == null && this.epochs.length > 0)
      u.setLegend({ idx: this.epochs.length - 1 }, false);
  }

  /** True when the loss axis is logarithmic. */
  get logScale(): boolean {
    return this.log;
  }

  /** Switches the loss axis between linear and logarithmic (the chart is rebuilt with its data). */
  setLogScale(on: boolean): void {
    if (on === this.log) return;
    this.log = on;
    this.plot.destroy();
    this.plot = this.create();
  }

  private width(): number {
    return Math.max(240, Math.floor(this.container.clientWidth || 480));
  }

  private thin(): void {
    this.stride *= 2;
    const keep = this.epochs.map((e) => e % this.stride === 0);
    this.epochs = this.epochs.filter((_, i) => keep[i]);
    this.train = this.train.filter((_, i) => keep[i]);
    this.test = this.test.filter((_, i) => keep[i]);
  }

  /** Empties the chart for a new run. */
  reset(): void {
    this.stride = 1;
    this.epochs = [];
    this.train = [];
    this.test = [];
    this.plot.setData([[], [], []]);
  }

  /**
   * Adds points (epochs in increasing order) and redraws on the next frame.
   * Long runs are thinned: past {@link MAX_POINTS} points, only every
   * `stride`-th epoch is kept (the stride doubles each time).
   */
  append(points: readonly CurvePoint[]): void {
    if (points.length === 0) return;
    for (const p of points) {
      if (p.epoch % this.stride !== 0) continue;
      this.epochs.push(p.epoch);
      this.train.push(Number.isFinite(p.trainLoss) ? p.trainLoss : null);
      this.test.push(Number.isFinite(p.testLoss) ? p.testLoss : null);
    }
    if (this.epochs.length > MAX_POINTS) this.thin();
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.plot.setData([this.epochs, this.series(this.train), this.series(this.test)]);
      this.showLatest(this.plot);
    });
  }

  /** Number of points drawn (one per epoch, plus the start). */
  get length(): number {
    return this.epochs.length;
  }

  /** Follows the container's width. */
  resize(): void {
    this.plot.setSize({ width: this.width(), height: HEIGHT });
  }
}

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(2);
}
