import type { Tensor } from "./tensor.js";

/** Entries kept at each end of a long axis when a large tensor is summarized. */
const EDGE = 3;
/** Tensors with more elements than this are summarized with `...`. */
const SUMMARIZE_OVER = 1000;
/** Most fractional digits printed. */
const PRECISION = 4;
/** Rows of the last axis wrap at this many characters. */
const LINE_WIDTH = 75;

/** Indices shown along an axis of size `n` (-1 marks the `...`). */
function shownIndices(n: number, summarize: boolean): number[] {
  if (summarize && n > 2 * EDGE) {
    const out: number[] = [];
    for (let i = 0; i < EDGE; i++) out.push(i);
    out.push(-1);
    for (let i = n - EDGE; i < n; i++) out.push(i);
    return out;
  }
  return Array.from({ length: n }, (_, i) => i);
}

/** Fractional digits `s` (from toFixed / toExponential) needs once trailing zeros go. */
function neededDigits(s: string): number {
  const dot = s.indexOf(".");
  if (dot < 0) return 0;
  const e = s.indexOf("e");
  const frac = s.slice(dot + 1, e < 0 ? s.length : e);
  let n = frac.length;
  while (n > 0 && frac[n - 1] === "0") n--;
  return n;
}

function nonFinite(v: number): string {
  return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

/**
 * Builds the formatter of one tensor from the values that will be shown, as
 * NumPy does: every float gets the same number of fractional digits (the most
 * any value needs, up to {@link PRECISION}), in positional notation unless the
 * magnitudes call for scientific notation (>= 1e8, < 1e-4, or a ratio > 1e3).
 */
function makeFormatter(values: readonly number[], isInt: boolean): (v: number) => string {
  if (isInt) return (v) => String(v);
  let maxAbs = 0;
  let minAbs = Number.POSITIVE_INFINITY;
  for (const v of values) {
    const a = Math.abs(v);
    if (!Number.isFinite(a) || a === 0) continue;
    if (a > maxAbs) maxAbs = a;
    if (a < minAbs) minAbs = a;
  }
  const sci =
    minAbs !== Number.POSITIVE_INFINITY &&
    (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
  let digits = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const s = sci ? v.toExponential(PRECISION) : v.toFixed(PRECISION);
    digits = Math.max(digits, neededDigits(s));
  }
  if (sci) {
    return (v) => {
      if (!Number.isFinite(v)) return nonFinite(v);
      const s = v.toExponential(digits); // "1.5e-5" or "1e+2"
      const [mant, exp] = s.split("e") as [string, string];
      const sign = exp[0] === "-" ? "-" : "+";
      const mag = exp.replace(/^[-+]/, "").padStart(2, "0");
      return `${digits === 0 ? `${mant}.` : mant}e${sign}${mag}`;
    };
  }
  return (v) => {
    if (!Number.isFinite(v)) return nonFinite(v);
    const s = v.toFixed(digits);
    return digits === 0 ? `${s}.` : s;
  };
}

/**
 * Renders a tensor the way NumPy prints arrays: nested brackets, one row of the
 * last axis per line (wrapped at 75 characters), every entry right-aligned to
 * the same width with the same number of decimals, and at most 3 leading and
 * trailing entries per axis for tensors of more than 1000 elements.
 *
 * ```text
 * tensor([[ 0.8162, -0.6804],
 *         [-0.1090,  0.9870]])
 * ```
 */
export function formatTensor(t: Tensor): string {
  const prefix = "tensor(";
  const rank = t.rank;
  const summarize = t.size > SUMMARIZE_OVER;
  const shown = t.shape.map((n) => shownIndices(n, summarize));
  const strides: number[] = new Array(rank);
  for (let i = rank - 1, s = 1; i >= 0; i--) {
    strides[i] = s;
    s *= t.shape[i]!;
  }
  // Collect the shown values first: the format depends on them only.
  const values: number[] = [];
  const collect = (dim: number, offset: number): void => {
    if (dim === rank) {
      values.push(t.data[offset]!);
      return;
    }
    for (const i of shown[dim]!) if (i >= 0) collect(dim + 1, offset + i * strides[dim]!);
  };
  if (t.size > 0) collect(0, 0);
  const fmt = makeFormatter(values, t.dtype === "int32");
  const cells = values.map(fmt);
  const width = cells.reduce((w, c) => Math.max(w, c.length), 0);
  let next = 0;

  const render = (dim: number): string => {
    if (rank === 0) return cells[0]!;
    const column = prefix.length + dim; // where this axis' "[" sits
    if (dim === rank - 1) {
      let line = "[";
      let len = column + 1;
      const idx = shown[dim]!;
      for (let k = 0; k < idx.length; k++) {
        const piece =
          (idx[k] === -1 ? "..." : cells[next++]!.padStart(width)) +
          (k < idx.length - 1 ? "," : "");
        if (k > 0) {
          if (len + 1 + piece.length > LINE_WIDTH) {
            line += `\n${" ".repeat(column + 1)}`;
            len = column + 1;
          } else {
            line += " ";
            len += 1;
          }
        }
        line += piece;
        len += piece.length;
      }
      return `${line}]`;
    }
    const sep = `,${"\n".repeat(rank - dim - 1)}${" ".repeat(column + 1)}`;
    const parts = shown[dim]!.map((i) => (i === -1 ? "..." : render(dim + 1)));
    return `[${parts.join(sep)}]`;
  };

  const body = render(0);
  const extras: string[] = [];
  if (t.dtype !== "float32") extras.push(`dtype=${t.dtype}`);
  if (t.size === 0) extras.push(`shape=[${t.shape.join(",")}]`);
  return `${prefix}${body}${extras.map((e) => `, ${e}`).join("")})`;
}
