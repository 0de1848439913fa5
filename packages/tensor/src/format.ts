import type { Tensor } from "./tensor.js";

const EDGE = 3;
const SUMMARIZE_OVER = 1000;

function formatNumber(v: number, isInt: boolean, fixed: boolean): string {
  if (isInt || Number.isNaN(v) || !Number.isFinite(v)) return String(v);
  if (fixed) return Number.isInteger(v) ? `${v}.` : v.toFixed(4).replace(/0+$/, "");
  return v.toExponential(4);
}

/**
 * Renders a tensor the way NumPy prints arrays: nested brackets, aligned columns,
 * at most 3 leading and trailing entries per axis for large tensors.
 */
export function formatTensor(t: Tensor): string {
  const isInt = t.dtype === "int32";
  let maxAbs = 0;
  let minAbs = Infinity;
  for (let i = 0; i < t.size; i++) {
    const a = Math.abs(t.data[i]!);
    if (Number.isFinite(a)) {
      if (a > maxAbs) maxAbs = a;
      if (a > 0 && a < minAbs) minAbs = a;
    }
  }
  const fixed = maxAbs < 1e8 && (minAbs === Infinity || minAbs >= 1e-4);
  const summarize = t.size > SUMMARIZE_OVER;
  const cells: string[] = [];
  for (let i = 0; i < t.size; i++) cells.push(formatNumber(t.data[i]!, isInt, fixed));
  const width = cells.reduce((w, c) => Math.max(w, c.length), 0);
  const prefix = "tensor(";
  const strides: number[] = [];
  let s = 1;
  for (let i = t.rank - 1; i >= 0; i--) {
    strides[i] = s;
    s *= t.shape[i]!;
  }
  const render = (dim: number, offset: number, indent: string): string => {
    if (t.rank === 0) return cells[0]!;
    const n = t.shape[dim]!;
    const keep =
      summarize && n > 2 * EDGE
        ? [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)]
        : [...Array(n).keys()];
    if (dim === t.rank - 1) {
      return `[${keep.map((i) => (i === -1 ? "..." : cells[offset + i]!.padStart(width))).join(", ")}]`;
    }
    const sep = `,${"\n".repeat(t.rank - dim - 1)}${indent} `;
    return `[${keep.map((i) => (i === -1 ? "..." : render(dim + 1, offset + i * strides[dim]!, `${indent} `))).join(sep)}]`;
  };
  const body = render(0, 0, " ".repeat(prefix.length));
  const suffix = t.dtype === "float32" ? "" : `, dtype=${t.dtype}`;
  return `${prefix}${body}${suffix}${t.size === 0 ? `, shape=[${t.shape.join(",")}]` : ""})`;
}
