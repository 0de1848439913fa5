/**
 * A tick label: as many decimals as the step needs (0.25 → "0.25", 5 → "5"),
 * thousands without separators, and exponent notation for very small or very
 * large values, so labels stay short.
 */
export function formatTick(value: number, step: number): string {
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-4) return value.toExponential(Math.max(0, significantDecimals(value)));
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
  return value.toFixed(decimals).replace("-", "−");
}

/** Decimals of the mantissa needed to write `v` exactly enough for a label (1.5e-5 → 1). */
function significantDecimals(v: number): number {
  const mantissa = Math.abs(v) / 10 ** Math.floor(Math.log10(Math.abs(v)));
  for (let d = 0; d < 3; d++) if (Math.abs(Number(mantissa.toFixed(d)) - mantissa) < 1e-9) return d;
  return 2;
}

/** A number in running text or a cell (counts, percentages): up to `digits` significant digits. */
export function formatValue(value: number, digits = 3): string {
  if (Number.isInteger(value)) return String(value);
  return Number(value.toPrecision(digits)).toString();
}
