import type { Kernels, UnaryOp } from "../../kernels.js";
import { OP } from "../layout.js";
import { loadedRuntime } from "../runtime.js";
import { runTask, threadsFor, writeFloatParam, writeParams } from "../task.js";
import { UNARY_GRAD_THREADS_MIN, UNARY_GRAD_WASM_MIN } from "../thresholds.js";
import { UNARY_IDS } from "./unary.js";

/**
 * Activations whose derivative assembly/dense.ts's `gradV` computes, and
 * whether it reads the output `y` (true) or the input `x`.
 */
export const GRAD_READS_Y: Partial<Record<UnaryOp, boolean>> = {
  relu: false,
  leakyRelu: false,
  step: false,
  sign: false,
  sigmoid: true,
  tanh: true,
};

/** Elements per chunk (a multiple of 4). */
const CHUNK = 16384;

/**
 * float32 `out = g·f'` in WebAssembly for relu, leakyRelu, step, sign,
 * sigmoid and tanh (see {@link ActivationKernels.unaryGrad}); other ops,
 * dtypes and small arrays go to the reference.
 */
export const unaryGrad: Kernels["unaryGrad"] = (op, g, x, y, out, p1) => {
  const rt = loadedRuntime();
  const readsY = GRAD_READS_Y[op];
  const n = g.length;
  const v = readsY ? y : x;
  if (
    !rt ||
    readsY === undefined ||
    n < UNARY_GRAD_WASM_MIN ||
    !(g instanceof Float32Array) ||
    !(v instanceof Float32Array) ||
    !(out instanceof Float32Array)
  ) {
    return false;
  }
  const arena = rt.arena;
  arena.reset();
  const pg = arena.alloc(n);
  const pv = arena.alloc(n);
  if (pg < 0 || pv < 0) return false;
  const f32 = arena.views().f32;
  f32.set(g, pg >> 2);
  f32.set(v, pv >> 2);
  // In place over g: each vector is read before it is written.
  writeParams(rt, [UNARY_IDS[op] as number, pg, pv, pg, n, 0, CHUNK]);
  writeFloatParam(rt, 5, p1);
  const chunks = Math.ceil(n / CHUNK);
  runTask(rt, OP.unaryGrad, 0, chunks, threadsFor(rt, n, UNARY_GRAD_THREADS_MIN, chunks));
  arena.copyOut(pg, n, out);
};
