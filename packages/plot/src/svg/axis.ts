import { formatTick } from "./format.js";
import { logTicks, niceDomain, niceStep, ticksOf } from "./ticks.js";
import type { AxisSpec } from "./types.js";

/** An axis ready to draw: the range shown and its labelled ticks. */
export interface ResolvedAxis {
  /** The range of values the axis spans. */
  domain: [number, number];
  log: boolean;
  /** Categories draw no grid and put labels between the band edges. */
  categorical: boolean;
  /** Whether the domain's first value sits at the far end (top of a vertical axis). */
  reverse: boolean;
  ticks: { value: number; label: string }[];
}

/** About this many ticks per axis. */
const TICKS = 5;

/** Resolves an axis from its spec and the extent of the data drawn against it. */
export function resolveAxis(spec: AxisSpec, extent: [number, number]): ResolvedAxis {
  if (spec.categories) {
    const n = spec.categories.length;
    return {
      domain: [0, n],
      log: false,
      categorical: true,
      reverse: spec.reverse ?? false,
      ticks: spec.categories.map((label, i) => ({ value: i + 0.5, label })),
    };
  }
  let [lo, hi] = spec.domain ?? extent;
  if (spec.log) {
    if (!spec.domain) {
      const pad = (Math.log10(hi) - Math.log10(lo)) * 0.05 || 0.1;
      lo = 10 ** (Math.log10(lo) - pad);
      hi = 10 ** (Math.log10(hi) + pad);
    }
    const ticks = logTicks(lo, hi).map((v) => ({ value: v, label: formatTick(v, v) }));
    return { domain: [lo, hi], log: true, categorical: false, reverse: false, ticks };
  }
  if (spec.zero && !spec.domain) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (lo === hi) {
    const d = spec.integer ? 1 : Math.abs(lo) * 0.1 || 1;
    lo -= d;
    hi += d;
  }
  let step: number;
  if (spec.integer) {
    step = Math.max(1, Math.round(niceStep(hi - lo, TICKS)));
  } else if (spec.domain) {
    step = niceStep(hi - lo, TICKS);
  } else {
    [lo, hi, step] = niceDomain(lo, hi, TICKS);
  }
  let values = ticksOf(lo, hi, step);
  // An integer axis (epochs) labels its first value too: epoch 1, 5, 10, ...
  if (spec.integer && Number.isInteger(lo) && values[0] !== lo)
    values = [lo, ...values.filter((v) => v - lo >= step / 2)];
  const ticks = values.map((v) => ({ value: v, label: formatTick(v, step) }));
  return { domain: [lo, hi], log: false, categorical: false, reverse: false, ticks };
}

/** Maps a value of `axis` to a pixel between `from` (domain start) and `to` (domain end). */
export function scaleOf(axis: ResolvedAxis, from: number, to: number): (v: number) => number {
  const [a, b] = axis.reverse ? [to, from] : [from, to];
  if (axis.log) {
    const l0 = Math.log10(axis.domain[0]);
    const l1 = Math.log10(axis.domain[1]);
    return (v) => a + ((Math.log10(v) - l0) / (l1 - l0)) * (b - a);
  }
  const [d0, d1] = axis.domain;
  return (v) => a + ((v - d0) / (d1 - d0)) * (b - a);
}
