import type { TypedArray } from "../../../dtype.js";
import type { Kernels } from "../../kernels.js";
import { OP } from "../layout.js";
import { loadedRuntime, type WasmRuntime } from "../runtime.js";
import { runTask, threadsFor, writeDoubleParams, writeParams } from "../task.js";
import { BATCHNORM_THREADS_MIN, BATCHNORM_WASM_MIN } from "../thresholds.js";

/** Features per chunk (even: assembly/batchnorm.ts runs them two at a time). */
const BLOCK = 64;

/** Slot of the float64 epsilon. */
const EPS_SLOT = 16;

/** Addresses of one call's buffers in the arena. */
interface Buffers {
  x: number;
  dy: number;
  gamma: number;
  beta: number;
  out: number;
  mean: number;
  variance: number;
  inv: number;
  sumG: number;
  sumGX: number;
}

const f32 = (a: TypedArray | null): a is Float32Array => a instanceof Float32Array;

/** Copies the float32 operands in and reserves float64 [features] buffers; null when memory is short. */
function stage(
  rt: WasmRuntime,
  n: number,
  F: number,
  x: Float32Array,
  dy: Float32Array | null,
  gamma: TypedArray | null,
  beta: TypedArray | null,
): Buffers | null {
  const arena = rt.arena;
  arena.reset();
  const b: Buffers = {
    x: arena.alloc(n),
    dy: dy ? arena.alloc(n) : 0,
    gamma: gamma ? arena.alloc(F) : 0,
    beta: beta ? arena.alloc(F) : 0,
    out: arena.alloc(n),
    mean: arena.alloc(2 * F),
    variance: arena.alloc(2 * F),
    inv: arena.alloc(2 * F),
    sumG: arena.alloc(2 * F),
    sumGX: arena.alloc(2 * F),
  };
  if (Object.values(b).some((p) => p < 0)) return null;
  const v = arena.views().f32;
  v.set(x, b.x >> 2);
  if (dy) v.set(dy, b.dy >> 2);
  if (gamma) v.set(gamma, b.gamma >> 2);
  if (beta) v.set(beta, b.beta >> 2);
  return b;
}

/** Writes the parameters and runs one task over blocks of features. */
function run(
  rt: WasmRuntime,
  op: number,
  b: Buffers,
  rows: number,
  F: number,
  flags: number,
  epsilon: number,
): void {
  const p = [b.x, b.dy, b.gamma, b.beta, b.out, b.mean, b.variance, b.inv, b.sumG, b.sumGX];
  writeParams(rt, [...p, rows, F, BLOCK, flags]);
  writeDoubleParams(rt, EPS_SLOT, [epsilon]);
  const chunks = Math.ceil(F / BLOCK);
  runTask(rt, op, 0, chunks, threadsFor(rt, rows * F, BATCHNORM_THREADS_MIN, chunks));
}

/** The runtime and staged buffers of a float32 forward above the threshold; null to decline. */
function stageForward(
  x: TypedArray,
  gamma: TypedArray | null,
  beta: TypedArray | null,
  y: TypedArray,
  n: number,
  F: number,
): { rt: WasmRuntime; b: Buffers } | null {
  const rt = loadedRuntime();
  if (!rt || n < BATCHNORM_WASM_MIN || !f32(x) || !f32(y)) return null;
  if ((gamma && !f32(gamma)) || (beta && !f32(beta))) return null;
  const b = stage(rt, n, F, x, null, gamma, beta);
  return b && { rt, b };
}

const flagsOf = (gamma: TypedArray | null, beta: TypedArray | null) =>
  (gamma ? 1 : 0) | (beta ? 2 : 0);

/** Copies the given per-feature mean and variance into the staged buffers. */
function stageStatistics(
  rt: WasmRuntime,
  b: Buffers,
  mean: TypedArray,
  variance: TypedArray,
  F: number,
): void {
  rt.arena.f64(b.mean, F).set(mean);
  rt.arena.f64(b.variance, F).set(variance);
}

/** Training-mode BatchNorm forward for float32 in WebAssembly (bit-identical to the reference). */
export const batchNormTraining: Kernels["batchNormTraining"] = (
  x,
  gamma,
  beta,
  y,
  mean,
  variance,
  rows,
  features,
  epsilon,
) => {
  const staged = stageForward(x, gamma, beta, y, rows * features, features);
  if (!staged) return false;
  const { rt, b } = staged;
  const n = rows * features;
  run(rt, OP.batchNormTraining, b, rows, features, flagsOf(gamma, beta), epsilon);
  rt.arena.copyOut(b.out, n, y);
  mean.set(rt.arena.f64(b.mean, features));
  variance.set(rt.arena.f64(b.variance, features));
};

/** Inference-mode BatchNorm forward for float32 in WebAssembly (bit-identical to the reference). */
export const batchNormInference: Kernels["batchNormInference"] = (
  x,
  gamma,
  beta,
  mean,
  variance,
  y,
  rows,
  features,
  epsilon,
) => {
  const staged = stageForward(x, gamma, beta, y, rows * features, features);
  if (!staged) return false;
  const { rt, b } = staged;
  const n = rows * features;
  stageStatistics(rt, b, mean, variance, features);
  run(rt, OP.batchNormInference, b, rows, features, flagsOf(gamma, beta), epsilon);
  rt.arena.copyOut(b.out, n, y);
};

/** BatchNorm backward for float32 in WebAssembly (bit-identical to the reference). */
export const batchNormBackward: Kernels["batchNormBackward"] = (
  training,
  x,
  dy,
  gamma,
  mean,
  variance,
  dx,
  dgamma,
  dbeta,
  rows,
  features,
  epsilon,
) => {
  const rt = loadedRuntime();
  const n = rows * features;
  if (!rt || n < BATCHNORM_WASM_MIN || !f32(x) || !f32(dy)) return false;
  if ((gamma && !f32(gamma)) || (dx && !f32(dx))) return false;
  const b = stage(rt, n, features, x, dy, gamma, null);
  if (!b) return false;
  stageStatistics(rt, b, mean, variance, features);
  const flags = flagsOf(gamma, null) | (dx ? 4 : 0) | (training ? 8 : 0);
  run(rt, OP.batchNormBackward, b, rows, features, flags, epsilon);
  if (dx) rt.arena.copyOut(b.out, n, dx);
  if (dgamma) dgamma.set(rt.arena.f64(b.sumGX, features));
  if (dbeta) dbeta.set(rt.arena.f64(b.sumG, features));
};
