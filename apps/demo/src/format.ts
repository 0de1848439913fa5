/**
 * Plain-text formatting for the demo's console output: numbers, matrices,
 * tables and durations. Nothing here prints; every function returns strings.
 */

/** A number with `digits` decimals, `-0` shown as `0`, and NaN/∞ spelled out. */
export function num(value: number, digits = 4): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  const s = value.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** A percentage with one decimal: `0.9111 → "91.1%"`. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Milliseconds as `"57 ms"` below a second, else `"1.23 s"`. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * A 1-D or 2-D array of numbers as aligned rows in brackets, e.g.
 * `[[ 0.1234, -1.0000],` / ` [ 2.5000,  0.0000]]`, indented by `indent`.
 */
export function matrix(
  values: readonly number[] | readonly (readonly number[])[],
  digits = 4,
  indent = "",
): string {
  const flat = values.length === 0 || typeof values[0] === "number";
  const rows = flat ? [values as readonly number[]] : (values as readonly (readonly number[])[]);
  const cells = rows.map((r) => r.map((v) => num(v, digits)));
  const width = Math.max(0, ...cells.flat().map((c) => c.length));
  const line = (r: string[]) => `[${r.map((c) => c.padStart(width)).join(", ")}]`;
  if (flat) return `${indent}${line(cells[0] ?? [])}`;
  return cells
    .map((r, i) => `${indent}${i === 0 ? "[" : " "}${line(r)}${i === cells.length - 1 ? "]" : ","}`)
    .join("\n");
}

/** Column alignment of {@link table}. */
export type Align = "left" | "right";

/**
 * A text table with a header row and a rule under it. Numbers are expected
 * to be formatted already; `align` defaults to right-aligned for every
 * column but the first.
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const a = (i: number): Align => align?.[i] ?? (i === 0 ? "left" : "right");
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (a(i) === "left" ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** A heading line followed by a rule of the same length. */
export function heading(text: string): string {
  return `\n${text}\n${"=".repeat(text.length)}`;
}

/** Median of a list of numbers (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
