import type { TypedArray } from "../../dtype.js";
import type { BinaryOp } from "../kernels.js";

// Two-slot scratch for branch-free selection: `sel[cond]` picks one of two
// values without a conditional jump. With random data (signs of activations,
// comparisons of noise) a branch is mispredicted half the time, which costs
// 5-7x in V8; comparisons likewise use Number(x > y) rather than `? 1 : 0`.
const sel = new Float64Array(2);

/**
 * `out[o + j] = a[ai + j·as] op b[bi + j·bs]` for `j < n`. The switch runs once
 * per call and every case is its own tight loop: no per-element function call.
 */
function run(
  op: BinaryOp,
  a: TypedArray,
  ai: number,
  as: number,
  b: TypedArray,
  bi: number,
  bs: number,
  out: TypedArray,
  o: number,
  n: number,
): void {
  const end = o + n;
  switch (op) {
    case "add":
      for (; o < end; o++, ai += as, bi += bs) out[o] = a[ai]! + b[bi]!;
      return;
    case "sub":
      for (; o < end; o++, ai += as, bi += bs) out[o] = a[ai]! - b[bi]!;
      return;
    case "mul":
      // int32: Math.imul wraps modulo 2³² exactly, as NumPy and PyTorch do; a
      // float product of two int32 values above 2⁵³ would lose its low bits first.
      if (out instanceof Int32Array)
        for (; o < end; o++, ai += as, bi += bs) out[o] = Math.imul(a[ai]!, b[bi]!);
      else for (; o < end; o++, ai += as, bi += bs) out[o] = a[ai]! * b[bi]!;
      return;
    case "div":
      for (; o < end; o++, ai += as, bi += bs) out[o] = a[ai]! / b[bi]!;
      return;
    case "pow":
      for (; o < end; o++, ai += as, bi += bs) out[o] = a[ai]! ** b[bi]!;
      return;
    case "maximum":
      // x when x > y or x is NaN, else y (so NaN on either side gives NaN, as NumPy).
      for (; o < end; o++, ai += as, bi += bs) {
        const x = a[ai]!;
        sel[0] = b[bi]!;
        sel[1] = x;
        out[o] = sel[Number(x > sel[0]!) | Number(Number.isNaN(x))]!;
      }
      return;
    case "minimum":
      for (; o < end; o++, ai += as, bi += bs) {
        const x = a[ai]!;
        sel[0] = b[bi]!;
        sel[1] = x;
        out[o] = sel[Number(x < sel[0]!) | Number(Number.isNaN(x))]!;
      }
      return;
    case "eq":
      for (; o < end; o++, ai += as, bi += bs) out[o] = Number(a[ai] === b[bi]);
      return;
    case "ne":
      for (; o < end; o++, ai += as, bi += bs) out[o] = Number(a[ai] !== b[bi]);
      return;
    case "gt":
      for (; o < end; o++, ai += as, bi += bs) out[o] = Number(a[ai]! > b[bi]!);
      return;
    case "ge":
      for (; o < end; o++, ai += as, bi += bs) out[o] = Number(a[ai]! >= b[bi]!);
      return;
    case "lt":
      for (; o < end; o++, ai += as, bi += bs) out[o] = Number(a[ai]! < b[bi]!);
      return;
    case "le":
      for (; o < end; o++, ai += as, bi += bs) out[o] = Number(a[ai]! <= b[bi]!);
      return;
  }
}

/**
 * Reference broadcast binary kernel; see {@link Kernels.binary}.
 *
 * Dimensions of size 1 are dropped and neighbouring dimensions that both
 * operands traverse contiguously are merged, so `[N, M] + [N, M]` and
 * `[N, M] + scalar` become one flat loop and a bias add `[N, M] + [M]`
 * becomes N loops of M. The remaining outer dimensions are walked with an
 * index counter.
 */
export function binary(
  op: BinaryOp,
  a: TypedArray,
  aStrides: readonly number[],
  b: TypedArray,
  bStrides: readonly number[],
  out: TypedArray,
  outShape: readonly number[],
): void {
  const n = out.length;
  if (n === 0) return;
  const dims: number[] = [];
  const sa: number[] = [];
  const sb: number[] = [];
  for (let d = 0; d < outShape.length; d++) {
    const size = outShape[d]!;
    if (size === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && sa[last] === aStrides[d]! * size && sb[last] === bStrides[d]! * size) {
      dims[last]! *= size;
      sa[last] = aStrides[d]!;
      sb[last] = bStrides[d]!;
    } else {
      dims.push(size);
      sa.push(aStrides[d]!);
      sb.push(bStrides[d]!);
    }
  }
  const rank = dims.length;
  if (rank <= 1) {
    run(op, a, 0, rank ? sa[0]! : 0, b, 0, rank ? sb[0]! : 0, out, 0, n);
    return;
  }
  const inner = dims[rank - 1]!;
  const ias = sa[rank - 1]!;
  const ibs = sb[rank - 1]!;
  const idx = new Array<number>(rank - 1).fill(0);
  let ai = 0;
  let bi = 0;
  for (let o = 0; o < n; o += inner) {
    run(op, a, ai, ias, b, bi, ibs, out, o, inner);
    for (let d = rank - 2; d >= 0; d--) {
      ai += sa[d]!;
      bi += sb[d]!;
      if (++idx[d]! < dims[d]!) break;
      ai -= sa[d]! * dims[d]!;
      bi -= sb[d]! * dims[d]!;
      idx[d] = 0;
    }
  }
}
