// Elementwise functions of one float32 array, four lanes at a time. Buffers
// are padded to 16 bytes by the loader, so the last partial vector is safe.

import { param, paramF } from "./layout";
import { expV, logV, sigmoidV, tanhV } from "./math";

// Function ids (the loader's unary wrapper uses the same numbers; dense.ts's
// activation derivatives import the ones they handle).
const NEG = 0;
const ABS = 1;
const SQUARE = 2;
const SQRT = 3;
const RECIPROCAL = 4;
export const RELU = 5;
export const LEAKY_RELU = 6;
export const STEP = 7;
const CLIP = 8;
const EXP = 9;
const LOG = 10;
export const SIGMOID = 11;
export const TANH = 12;
export const SIGN = 13;

// Parameter slots.
const KIND = 0;
const X = 1;
const OUT = 2;
const LEN = 3;
const P1 = 4;
const P2 = 5;
const CHUNK = 6;

/**
 * Applies function `kind` to elements [start, end) of `x` into `out`, four at
 * a time: the last vector may run past `end` (callers keep `end` a multiple
 * of 4 except at the padded end of a buffer). One loop per function, so the
 * branch on `kind` is taken once per chunk.
 */
export function unaryRange(
  kind: i32,
  x: usize,
  out: usize,
  start: i32,
  end: i32,
  p1: v128,
  p2: v128,
): void {
  const first = (<usize>start) << 2;
  const last = (<usize>end) << 2;
  switch (kind) {
    case NEG:
      for (let o = first; o < last; o += 16) v128.store(out + o, f32x4.neg(v128.load(x + o)));
      break;
    case ABS:
      for (let o = first; o < last; o += 16) v128.store(out + o, f32x4.abs(v128.load(x + o)));
      break;
    case SQUARE:
      for (let o = first; o < last; o += 16) {
        const v = v128.load(x + o);
        v128.store(out + o, f32x4.mul(v, v));
      }
      break;
    case SQRT:
      for (let o = first; o < last; o += 16) v128.store(out + o, f32x4.sqrt(v128.load(x + o)));
      break;
    case RECIPROCAL:
      for (let o = first; o < last; o += 16) {
        v128.store(out + o, f32x4.div(f32x4.splat(1), v128.load(x + o)));
      }
      break;
    case RELU:
      // max propagates NaN (as the reference does) and gives +0 for -0.
      for (let o = first; o < last; o += 16) {
        v128.store(out + o, f32x4.max(v128.load(x + o), f32x4.splat(0)));
      }
      break;
    case LEAKY_RELU:
      for (let o = first; o < last; o += 16) {
        const v = v128.load(x + o);
        v128.store(out + o, v128.bitselect(v, f32x4.mul(p1, v), f32x4.gt(v, f32x4.splat(0))));
      }
      break;
    case STEP:
      // 1 above the threshold, else 0; NaN lanes keep their NaN.
      for (let o = first; o < last; o += 16) {
        const v = v128.load(x + o);
        const s = v128.and(f32x4.gt(v, p1), f32x4.splat(1));
        v128.store(out + o, v128.bitselect(v, s, f32x4.ne(v, v)));
      }
      break;
    case CLIP:
      for (let o = first; o < last; o += 16) {
        const v = v128.load(x + o);
        const low = v128.bitselect(p1, v, f32x4.lt(v, p1));
        v128.store(out + o, v128.bitselect(p2, low, f32x4.gt(v, p2)));
      }
      break;
    case EXP:
      for (let o = first; o < last; o += 16) v128.store(out + o, expV(v128.load(x + o)));
      break;
    case LOG:
      for (let o = first; o < last; o += 16) v128.store(out + o, logV(v128.load(x + o)));
      break;
    case SIGMOID:
      for (let o = first; o < last; o += 16) v128.store(out + o, sigmoidV(v128.load(x + o)));
      break;
    case TANH:
      for (let o = first; o < last; o += 16) v128.store(out + o, tanhV(v128.load(x + o)));
      break;
    case SIGN:
      for (let o = first; o < last; o += 16) {
        const v = v128.load(x + o);
        const gt = f32x4.gt(v, f32x4.splat(0));
        const lt = f32x4.lt(v, f32x4.splat(0));
        // 1 above 0, -1 below; 0, -0 and NaN keep their value.
        const sign = v128.or(v128.and(gt, f32x4.splat(1)), v128.and(lt, f32x4.splat(-1)));
        v128.store(out + o, v128.bitselect(sign, v, v128.or(gt, lt)));
      }
      break;
    default:
      unreachable();
  }
}

/** One chunk of a unary task: elements [chunk·size, (chunk+1)·size). */
export function unaryChunk(ctl: usize, chunk: i32): void {
  const size = param(ctl, CHUNK);
  const start = chunk * size;
  const end = min(param(ctl, LEN), start + size);
  const p1 = f32x4.splat(paramF(ctl, P1));
  const p2 = f32x4.splat(paramF(ctl, P2));
  unaryRange(param(ctl, KIND), <usize>param(ctl, X), <usize>param(ctl, OUT), start, end, p1, p2);
}
