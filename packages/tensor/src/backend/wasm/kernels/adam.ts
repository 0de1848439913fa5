import type { Kernels } from "../../kernels.js";
import { CTL, OP } from "../layout.js";
import { loadedRuntime } from "../runtime.js";
import { runTask, threadsFor, writeParams } from "../task.js";
import { ADAM_THREADS_MIN, ADAM_WASM_MIN } from "../thresholds.js";

/** Elements per chunk (even, so every chunk but the last runs two lanes at a time). */
const CHUNK = 32768;

/**
 * The Adam step in WebAssembly for float32 arrays (see {@link Kernels.adam}):
 * copies p, g, m and v in, updates them two lanes at a time in float64 (so
 * the result is bit-identical to the reference), copies p, m and v back.
 */
export const adam: NonNullable<Kernels["adam"]> = (p, g, m, v, a, c, beta1, beta2, eps) => {
  const rt = loadedRuntime();
  const n = p.length;
  if (
    !rt ||
    n < ADAM_WASM_MIN ||
    !(p instanceof Float32Array) ||
    !(g instanceof Float32Array) ||
    !(m instanceof Float32Array) ||
    !(v instanceof Float32Array)
  ) {
    return false;
  }
  const arena = rt.arena;
  arena.reset();
  const bp = arena.alloc(n);
  const bg = arena.alloc(n);
  const bm = arena.alloc(n);
  const bv = arena.alloc(n);
  if (bv < 0) {
    return false;
  }
  const f32 = arena.views().f32;
  f32.set(p, bp >> 2);
  f32.set(g, bg >> 2);
  f32.set(m, bm >> 2);
  f32.set(v, bv >> 2);
  writeParams(rt, [bp, bg, bm, bv, n, CHUNK]);
  // Slots 8-17 hold five float64 scalars (the control block is 64-byte aligned).
  const scalars = new Float64Array(f32.buffer, rt.ctl + CTL.params + 32, 5);
  scalars[0] = a;
  scalars[1] = c;
  scalars[2] = beta1;
  scalars[3] = beta2;
  scalars[4] = eps;
  const chunks = Math.ceil(n / CHUNK);
  runTask(rt, OP.adam, 0, chunks, threadsFor(rt, n, ADAM_THREADS_MIN, chunks));
  const out = arena.views().f32;
  p.set(out.subarray(bp >> 2, (bp >> 2) + n));
  m.set(out.subarray(bm >> 2, (bm >> 2) + n));
  v.set(out.subarray(bv >> 2, (bv >> 2) + n));
};
