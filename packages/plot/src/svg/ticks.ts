/**
 * Tick positions people read easily: steps of 1, 2 or 5 times a power of ten
 * (the rule of Heckbert's "nice numbers", used by most plotting libraries).
 */

/** The nice step that splits `span` into about `count` intervals. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const m = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
  return m * power;
}

/** Rounds away float noise (0.30000000000000004 → 0.3) relative to `step`. */
function clean(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(v.toFixed(Math.min(20, digits)));
}

/** Multiples of `step` within `[lo, hi]` (inclusive, up to float noise). */
export function ticksOf(lo: number, hi: number, step: number): number[] {
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const out: number[] = [];
  for (let k = first; k <= last; k++) out.push(clean(k * step, step));
  return out;
}

/** `[lo, hi]` widened to multiples of the nice step, and that step. */
export function niceDomain(lo: number, hi: number, count: number): [number, number, number] {
  const step = niceStep(hi - lo, count);
  return [
    clean(Math.floor(lo / step + 1e-9) * step, step),
    clean(Math.ceil(hi / step - 1e-9) * step, step),
    step,
  ];
}

/** Ticks of a log axis: the powers of ten inside `[lo, hi]`, with 2× and 5× added when fewer than three fit. */
export function logTicks(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const inside = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  const decades: number[] = [];
  for (let e = a; e <= b; e++) decades.push(10 ** e);
  let ticks = decades.filter(inside);
  if (ticks.length < 3) ticks = decades.flatMap((d) => [d, 2 * d, 5 * d]).filter(inside);
  if (ticks.length < 2)
    ticks = decades.flatMap((d) => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => m * d)).filter(inside);
  return ticks.map((v) => Number(v.toPrecision(12)));
}
