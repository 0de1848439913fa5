// Batch normalization of a float32 [rows, features] array, forward (training
// and inference) and backward. A chunk owns a block of features and does all
// of its rows, so each feature's sums run in one fixed order whatever the
// number of threads. Everything is float64, two lanes at a time, in the
// reference's order of operations (no fused multiply-add), so the results are
// bit-identical to it.

import { param, paramD } from "./layout";
import { load2, store2 } from "./update";

// Parameter slots (shared by the three kernels).
const X = 0;
const DY = 1;
const GAMMA = 2;
const BETA = 3;
/** y (forward) or dx (backward). */
const OUT = 4;
/** float64 [features] each. */
const MEAN = 5;
const VAR = 6;
const INV = 7;
const SUMG = 8;
const SUMGX = 9;
const ROWS = 10;
const FEATURES = 11;
/** Features per chunk (even). */
const BLOCK = 12;
/** Bits: 1 gamma given, 2 beta given, 4 dx wanted, 8 training-mode backward. */
const FLAGS = 13;
/** epsilon, a float64 in slots 16-17. */
const EPS = 16;

function f64At(a: usize, j: i32): usize {
  return a + ((<usize>j) << 3);
}

function f32At(a: usize, j: i32): usize {
  return a + ((<usize>j) << 2);
}

/** gamma (or 1) and beta (or 0) of features j, j + 1. */
function scaleOf(ctl: usize, j: i32): v128 {
  return param(ctl, FLAGS) & 1 ? load2(f32At(<usize>param(ctl, GAMMA), j)) : f64x2.splat(1);
}

function shiftOf(ctl: usize, j: i32): v128 {
  return param(ctl, FLAGS) & 2 ? load2(f32At(<usize>param(ctl, BETA), j)) : f64x2.splat(0);
}

function scale1(ctl: usize, j: i32): f64 {
  return param(ctl, FLAGS) & 1 ? <f64>load<f32>(f32At(<usize>param(ctl, GAMMA), j)) : 1;
}

function shift1(ctl: usize, j: i32): f64 {
  return param(ctl, FLAGS) & 2 ? <f64>load<f32>(f32At(<usize>param(ctl, BETA), j)) : 0;
}

/** `1/√(variance + ε)` of this chunk's features into INV. */
function inverseStd(ctl: usize, j0: i32, j1: i32): void {
  const v = <usize>param(ctl, VAR);
  const inv = <usize>param(ctl, INV);
  const eps = paramD(ctl, EPS);
  for (let j = j0; j < j1; j++)
    store<f64>(f64At(inv, j), 1 / Math.sqrt(load<f64>(f64At(v, j)) + eps));
}

/** One past the last feature of the chunk starting at `j0`. */
function blockEnd(ctl: usize, j0: i32): i32 {
  return min(param(ctl, FEATURES), j0 + param(ctl, BLOCK));
}

/** Zeroes float64 sums `a` and `b` over features [j0, j1). */
function zero2(a: usize, b: usize, j0: i32, j1: i32): void {
  for (let j = j0; j < j1; j++) {
    store<f64>(f64At(a, j), 0);
    store<f64>(f64At(b, j), 0);
  }
}

/** Training forward, chunk `c`: shifted sums, statistics, then y. */
export function batchNormTrainingChunk(ctl: usize, c: i32): void {
  const x = <usize>param(ctl, X);
  const y = <usize>param(ctl, OUT);
  const mean = <usize>param(ctl, MEAN);
  const vr = <usize>param(ctl, VAR);
  const inv = <usize>param(ctl, INV);
  const rows = param(ctl, ROWS);
  const F = param(ctl, FEATURES);
  const j0 = c * param(ctl, BLOCK);
  const j1 = blockEnd(ctl, j0);
  const pairs = j0 + ((j1 - j0) & ~1);
  // Pass 1: Σ(x − x₀) into MEAN, Σ(x − x₀)² into VAR.
  zero2(mean, vr, j0, j1);
  for (let r = 0; r < rows; r++) {
    const row = x + ((<usize>r * <usize>F) << 2);
    let j = j0;
    for (; j < pairs; j += 2) {
      const d = f64x2.sub(load2(f32At(row, j)), load2(f32At(x, j)));
      v128.store(f64At(mean, j), f64x2.add(v128.load(f64At(mean, j)), d));
      v128.store(f64At(vr, j), f64x2.add(v128.load(f64At(vr, j)), f64x2.mul(d, d)));
    }
    for (; j < j1; j++) {
      const d = <f64>load<f32>(f32At(row, j)) - <f64>load<f32>(f32At(x, j));
      store<f64>(f64At(mean, j), load<f64>(f64At(mean, j)) + d);
      store<f64>(f64At(vr, j), load<f64>(f64At(vr, j)) + d * d);
    }
  }
  const n = <f64>rows;
  for (let j = j0; j < j1; j++) {
    const m = load<f64>(f64At(mean, j)) / n;
    store<f64>(f64At(mean, j), <f64>load<f32>(f32At(x, j)) + m);
    const v = load<f64>(f64At(vr, j)) / n - m * m;
    store<f64>(f64At(vr, j), v > 0 || F64.isNaN(v) ? v : 0);
  }
  inverseStd(ctl, j0, j1);
  // Pass 2: y = gamma·((x − mean)·invStd) + beta.
  for (let r = 0; r < rows; r++) {
    const off = (<usize>r * <usize>F) << 2;
    let j = j0;
    for (; j < pairs; j += 2) {
      const h = f64x2.mul(
        f64x2.sub(load2(f32At(x + off, j)), v128.load(f64At(mean, j))),
        v128.load(f64At(inv, j)),
      );
      store2(f32At(y + off, j), f64x2.add(f64x2.mul(scaleOf(ctl, j), h), shiftOf(ctl, j)));
    }
    for (; j < j1; j++) {
      const h =
        (<f64>load<f32>(f32At(x + off, j)) - load<f64>(f64At(mean, j))) * load<f64>(f64At(inv, j));
      store<f32>(f32At(y + off, j), <f32>(scale1(ctl, j) * h + shift1(ctl, j)));
    }
  }
}

/** Inference forward, chunk `c`: y = (gamma·(x − mean))·invStd + beta. */
export function batchNormInferenceChunk(ctl: usize, c: i32): void {
  const x = <usize>param(ctl, X);
  const y = <usize>param(ctl, OUT);
  const mean = <usize>param(ctl, MEAN);
  const inv = <usize>param(ctl, INV);
  const rows = param(ctl, ROWS);
  const F = param(ctl, FEATURES);
  const j0 = c * param(ctl, BLOCK);
  const j1 = blockEnd(ctl, j0);
  const pairs = j0 + ((j1 - j0) & ~1);
  inverseStd(ctl, j0, j1);
  for (let r = 0; r < rows; r++) {
    const off = (<usize>r * <usize>F) << 2;
    let j = j0;
    for (; j < pairs; j += 2) {
      const d = f64x2.sub(load2(f32At(x + off, j)), v128.load(f64At(mean, j)));
      const v = f64x2.mul(f64x2.mul(scaleOf(ctl, j), d), v128.load(f64At(inv, j)));
      store2(f32At(y + off, j), f64x2.add(v, shiftOf(ctl, j)));
    }
    for (; j < j1; j++) {
      const d = <f64>load<f32>(f32At(x + off, j)) - load<f64>(f64At(mean, j));
      store<f32>(
        f32At(y + off, j),
        <f32>(scale1(ctl, j) * d * load<f64>(f64At(inv, j)) + shift1(ctl, j)),
      );
    }
  }
}

/** Backward, chunk `c`: Σdy and Σdy·x̂ into SUMG/SUMGX, then dx if wanted. */
export function batchNormBackwardChunk(ctl: usize, c: i32): void {
  const x = <usize>param(ctl, X);
  const dy = <usize>param(ctl, DY);
  const dx = <usize>param(ctl, OUT);
  const mean = <usize>param(ctl, MEAN);
  const inv = <usize>param(ctl, INV);
  const sg = <usize>param(ctl, SUMG);
  const sgx = <usize>param(ctl, SUMGX);
  const rows = param(ctl, ROWS);
  const F = param(ctl, FEATURES);
  const flags = param(ctl, FLAGS);
  const wantDx = (flags & 4) !== 0;
  const training = (flags & 8) !== 0;
  const j0 = c * param(ctl, BLOCK);
  const j1 = blockEnd(ctl, j0);
  const pairs = j0 + ((j1 - j0) & ~1);
  inverseStd(ctl, j0, j1);
  zero2(sg, sgx, j0, j1);
  // Pass 1 (and, in inference mode, dx = (dy·gamma)·invStd).
  for (let r = 0; r < rows; r++) {
    const off = (<usize>r * <usize>F) << 2;
    let j = j0;
    for (; j < pairs; j += 2) {
      const g = load2(f32At(dy + off, j));
      const d = f64x2.sub(load2(f32At(x + off, j)), v128.load(f64At(mean, j)));
      const vi = v128.load(f64At(inv, j));
      v128.store(f64At(sg, j), f64x2.add(v128.load(f64At(sg, j)), g));
      const gx = training ? f64x2.mul(g, f64x2.mul(d, vi)) : f64x2.mul(f64x2.mul(g, d), vi);
      v128.store(f64At(sgx, j), f64x2.add(v128.load(f64At(sgx, j)), gx));
      if (wantDx && !training)
        store2(f32At(dx + off, j), f64x2.mul(f64x2.mul(g, scaleOf(ctl, j)), vi));
    }
    for (; j < j1; j++) {
      const g = <f64>load<f32>(f32At(dy + off, j));
      const d = <f64>load<f32>(f32At(x + off, j)) - load<f64>(f64At(mean, j));
      const vi = load<f64>(f64At(inv, j));
      store<f64>(f64At(sg, j), load<f64>(f64At(sg, j)) + g);
      const gx = training ? g * (d * vi) : g * d * vi;
      store<f64>(f64At(sgx, j), load<f64>(f64At(sgx, j)) + gx);
      if (wantDx && !training) store<f32>(f32At(dx + off, j), <f32>(g * scale1(ctl, j) * vi));
    }
  }
  if (!wantDx || !training) return;
  // Pass 2: dx = (gamma·invStd/n)·(n·dy − Σdy − x̂·Σdy·x̂).
  const n = <f64>rows;
  const vn = f64x2.splat(n);
  for (let r = 0; r < rows; r++) {
    const off = (<usize>r * <usize>F) << 2;
    let j = j0;
    for (; j < pairs; j += 2) {
      const vi = v128.load(f64At(inv, j));
      const k = f64x2.div(f64x2.mul(scaleOf(ctl, j), vi), vn);
      const h = f64x2.mul(f64x2.sub(load2(f32At(x + off, j)), v128.load(f64At(mean, j))), vi);
      const t = f64x2.sub(
        f64x2.sub(f64x2.mul(vn, load2(f32At(dy + off, j))), v128.load(f64At(sg, j))),
        f64x2.mul(h, v128.load(f64At(sgx, j))),
      );
      store2(f32At(dx + off, j), f64x2.mul(k, t));
    }
    for (; j < j1; j++) {
      const vi = load<f64>(f64At(inv, j));
      const k = (scale1(ctl, j) * vi) / n;
      const h = (<f64>load<f32>(f32At(x + off, j)) - load<f64>(f64At(mean, j))) * vi;
      const t =
        n * <f64>load<f32>(f32At(dy + off, j)) -
        load<f64>(f64At(sg, j)) -
        h * load<f64>(f64At(sgx, j));
      store<f32>(f32At(dx + off, j), <f32>(k * t));
    }
  }
}
