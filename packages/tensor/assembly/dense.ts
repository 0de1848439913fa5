// The elementwise passes of the fused dense layer, float32, run in place in
// the arena between the matrix products (which stay in matmul.ts):
//
// - forward epilogue: z[r, :] += b, then y = f(z) with unary.ts's functions,
//   chunked by rows (a multiple of 4 rows' worth of elements per chunk);
// - backward: dZ = g·f'(·) for relu, leakyRelu, step, sign, sigmoid, tanh,
//   fused with the bias gradient db = Σ_rows dZ, chunked by columns so each
//   column's sum is accumulated by one thread, in float64, in row order
//   (the reference's order), whatever the thread count.

import { param, paramF } from "./layout";
import { LEAKY_RELU, RELU, SIGMOID, SIGN, STEP, TANH, unaryRange } from "./unary";

/** No activation (the loader's id for the identity). */
const IDENTITY = -1;

// Epilogue parameter slots.
const E_Z = 0;
const E_BIAS = 1;
const E_Y = 2;
const E_ROWS = 3;
const E_UNITS = 4;
const E_KIND = 5;
const E_P1 = 6;
const E_P2 = 7;
const E_ROWS_PER_CHUNK = 8;

/** Forward epilogue for rows [chunk·per, (chunk+1)·per): bias, then the activation. */
export function denseEpilogueChunk(ctl: usize, chunk: i32): void {
  const units = param(ctl, E_UNITS);
  const per = param(ctl, E_ROWS_PER_CHUNK);
  const r0 = chunk * per;
  const r1 = min(param(ctl, E_ROWS), r0 + per);
  const z = <usize>param(ctl, E_Z);
  const bias = <usize>param(ctl, E_BIAS);
  if (bias !== 0) {
    const vecEnd = units & ~3;
    const rowBytes = (<usize>units) << 2;
    for (let r = r0; r < r1; r++) {
      const row = z + <usize>r * rowBytes;
      for (let j = 0; j < vecEnd; j += 4) {
        const at = row + ((<usize>j) << 2);
        v128.store(at, f32x4.add(v128.load(at), v128.load(bias + ((<usize>j) << 2))));
      }
      for (let j = vecEnd; j < units; j++) {
        const at = row + ((<usize>j) << 2);
        store<f32>(at, load<f32>(at) + load<f32>(bias + ((<usize>j) << 2)));
      }
    }
  }
  const kind = param(ctl, E_KIND);
  if (kind !== IDENTITY) {
    const p1 = f32x4.splat(paramF(ctl, E_P1));
    const p2 = f32x4.splat(paramF(ctl, E_P2));
    unaryRange(kind, z, <usize>param(ctl, E_Y), r0 * units, r1 * units, p1, p2);
  }
}

// Backward parameter slots.
const G_G = 0;
const G_IN = 1;
const G_DZ = 2;
const G_DB = 3;
const G_ROWS = 4;
const G_UNITS = 5;
const G_KIND = 6;
const G_P1 = 7;
const G_COLS_PER_CHUNK = 8;

/**
 * `g·f'` for four lanes; `v` is the forward's input z (relu, leakyRelu, step,
 * sign) or output y (sigmoid, tanh). A NaN `v` gives NaN. Also the body of
 * the standalone unaryGrad kernel (activation.ts).
 */
export function gradV(kind: i32, g: v128, v: v128, p1: v128): v128 {
  const zero = f32x4.splat(0);
  const nan = f32x4.ne(v, v);
  switch (kind) {
    case IDENTITY:
      return g;
    case RELU:
      return v128.bitselect(v, v128.and(g, f32x4.gt(v, zero)), nan);
    case LEAKY_RELU:
      return v128.bitselect(v, v128.bitselect(g, f32x4.mul(p1, g), f32x4.gt(v, zero)), nan);
    case STEP:
    case SIGN:
      // 0 for every number, the NaN itself for NaN.
      return v128.and(v, nan);
    case SIGMOID:
      return f32x4.mul(f32x4.mul(g, v), f32x4.sub(f32x4.splat(1), v));
    case TANH:
      return f32x4.mul(g, f32x4.sub(f32x4.splat(1), f32x4.mul(v, v)));
    default:
      unreachable();
      return g;
  }
}

/** Adds the four lanes of `d` to the float64 sums at `db` (4 doubles). */
function accumulate(db: usize, d: v128): void {
  const lo = f64x2.promote_low_f32x4(d);
  const hi = f64x2.promote_low_f32x4(i32x4.shuffle(d, d, 2, 3, 0, 1));
  v128.store(db, f64x2.add(v128.load(db), lo));
  v128.store(db + 16, f64x2.add(v128.load(db + 16), hi));
}

/**
 * Backward pass for columns [chunk·per, (chunk+1)·per): dZ into `dz` (unless
 * the identity, where dZ is g) and its column sums into the float64 `db`.
 * Columns past the last whole vector of a row go through `scratch`, so no
 * vector store crosses into the next row (another chunk's columns).
 */
export function denseGradChunk(ctl: usize, chunk: i32, scratch: usize): void {
  const units = param(ctl, G_UNITS);
  const rows = param(ctl, G_ROWS);
  const per = param(ctl, G_COLS_PER_CHUNK);
  const c0 = chunk * per;
  const c1 = min(units, c0 + per);
  const vecEnd = min(c1, units & ~3);
  const kind = param(ctl, G_KIND);
  const p1 = f32x4.splat(paramF(ctl, G_P1));
  const g = <usize>param(ctl, G_G);
  const input = <usize>param(ctl, G_IN);
  const dz = <usize>param(ctl, G_DZ);
  const db = <usize>param(ctl, G_DB);
  const rowBytes = (<usize>units) << 2;
  if (db !== 0) for (let j = c0; j < c1; j++) store<f64>(db + ((<usize>j) << 3), 0);
  for (let r = 0; r < rows; r++) {
    const row = <usize>r * rowBytes;
    for (let j = c0; j < vecEnd; j += 4) {
      const at = row + ((<usize>j) << 2);
      const d = gradV(kind, v128.load(g + at), v128.load(input + at), p1);
      if (kind !== IDENTITY) v128.store(dz + at, d);
      if (db !== 0) accumulate(db + ((<usize>j) << 3), d);
    }
    if (vecEnd < c1) {
      // The row's last 1-3 columns, padded to a vector in this thread's scratch.
      const n = c1 - vecEnd;
      const at = row + ((<usize>vecEnd) << 2);
      v128.store(scratch, f32x4.splat(0));
      v128.store(scratch + 16, f32x4.splat(0));
      for (let t = 0; t < n; t++) {
        store<f32>(scratch + ((<usize>t) << 2), load<f32>(g + at + ((<usize>t) << 2)));
        store<f32>(scratch + 16 + ((<usize>t) << 2), load<f32>(input + at + ((<usize>t) << 2)));
      }
      const d = gradV(kind, v128.load(scratch), v128.load(scratch + 16), p1);
      v128.store(scratch, d);
      for (let t = 0; t < n; t++) {
        const v = load<f32>(scratch + ((<usize>t) << 2));
        if (kind !== IDENTITY) store<f32>(dz + at + ((<usize>t) << 2), v);
        if (db !== 0) {
          const s = db + ((<usize>(vecEnd + t)) << 3);
          store<f64>(s, load<f64>(s) + <f64>v);
        }
      }
    }
  }
}
