import type { TypedArray } from "../../dtype.js";
import type { BinaryOp } from "../kernels.js";

type Fn = (x: number, y: number) => number;

const FNS: Record<BinaryOp, Fn> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
  pow: (x, y) => x ** y,
  maximum: (x, y) => (x > y || Number.isNaN(x) ? x : y),
  minimum: (x, y) => (x < y || Number.isNaN(x) ? x : y),
  eq: (x, y) => (x === y ? 1 : 0),
  ne: (x, y) => (x !== y ? 1 : 0),
  gt: (x, y) => (x > y ? 1 : 0),
  ge: (x, y) => (x >= y ? 1 : 0),
  lt: (x, y) => (x < y ? 1 : 0),
  le: (x, y) => (x <= y ? 1 : 0),
};

/** out[i] = a[i] op b[i] for same-shape operands: the common case, kept tight for + - * /. */
function sameShape(op: BinaryOp, a: TypedArray, b: TypedArray, out: TypedArray): void {
  const n = out.length;
  switch (op) {
    case "add":
      for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
      return;
    case "sub":
      for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
      return;
    case "mul":
      for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
      return;
    case "div":
      for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!;
      return;
    default: {
      const f = FNS[op];
      for (let i = 0; i < n; i++) out[i] = f(a[i]!, b[i]!);
    }
  }
}

/** out[r, j] = a[r, j] op b[j]: a row vector broadcast over rows (bias add). */
function rowBroadcast(
  op: BinaryOp,
  a: TypedArray,
  b: TypedArray,
  out: TypedArray,
  rows: number,
  cols: number,
  bIsRow: boolean,
): void {
  const f = FNS[op];
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    if (bIsRow) {
      if (op === "add") for (let j = 0; j < cols; j++) out[base + j] = a[base + j]! + b[j]!;
      else if (op === "mul") for (let j = 0; j < cols; j++) out[base + j] = a[base + j]! * b[j]!;
      else if (op === "sub") for (let j = 0; j < cols; j++) out[base + j] = a[base + j]! - b[j]!;
      else for (let j = 0; j < cols; j++) out[base + j] = f(a[base + j]!, b[j]!);
    } else {
      for (let j = 0; j < cols; j++) out[base + j] = f(a[j]!, b[base + j]!);
    }
  }
}

function isContiguous(strides: readonly number[], shape: readonly number[]): boolean {
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== s) return false;
    s *= shape[i]!;
  }
  return true;
}

/** Reference broadcast binary kernel; see {@link Kernels.binary}. */
export function binary(
  op: BinaryOp,
  a: TypedArray,
  aStrides: readonly number[],
  b: TypedArray,
  bStrides: readonly number[],
  out: TypedArray,
  outShape: readonly number[],
): void {
  const rank = outShape.length;
  const n = out.length;
  if (n === 0) return;
  const aFull = isContiguous(aStrides, outShape);
  const bFull = isContiguous(bStrides, outShape);
  if (aFull && bFull) {
    sameShape(op, a, b, out);
    return;
  }
  const f = FNS[op];
  if (a.length === 1 && bFull) {
    const x = a[0]!;
    for (let i = 0; i < n; i++) out[i] = f(x, b[i]!);
    return;
  }
  if (b.length === 1 && aFull) {
    const y = b[0]!;
    if (op === "mul") for (let i = 0; i < n; i++) out[i] = a[i]! * y;
    else if (op === "add") for (let i = 0; i < n; i++) out[i] = a[i]! + y;
    else for (let i = 0; i < n; i++) out[i] = f(a[i]!, y);
    return;
  }
  const cols = outShape[rank - 1]!;
  if (rank >= 1 && cols > 1) {
    // A vector along the last axis broadcast against a full operand.
    const lastOnly = (s: readonly number[]) =>
      s[rank - 1] === 1 && s.every((v, i) => i === rank - 1 || v === 0);
    if (aFull && lastOnly(bStrides)) {
      rowBroadcast(op, a, b, out, n / cols, cols, true);
      return;
    }
    if (bFull && lastOnly(aStrides)) {
      rowBroadcast(op, a, b, out, n / cols, cols, false);
      return;
    }
  }
  // General case: walk the output in row-major order with an index counter.
  const idx = new Array<number>(rank).fill(0);
  const inner = outShape[rank - 1] ?? 1;
  const as = aStrides[rank - 1] ?? 0;
  const bs = bStrides[rank - 1] ?? 0;
  let ai = 0;
  let bi = 0;
  for (let o = 0; o < n; o += inner) {
    let pa = ai;
    let pb = bi;
    for (let j = 0; j < inner; j++) {
      out[o + j] = f(a[pa]!, b[pb]!);
      pa += as;
      pb += bs;
    }
    // advance the outer index counter
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]!++;
      ai += aStrides[d]!;
      bi += bStrides[d]!;
      if (idx[d]! < outShape[d]!) break;
      ai -= aStrides[d]! * outShape[d]!;
      bi -= bStrides[d]! * outShape[d]!;
      idx[d] = 0;
    }
  }
}
