import type { Kernels, ReduceOp } from "../../kernels.js";
import { OP } from "../layout.js";
import { loadedRuntime } from "../runtime.js";
import { runTask, threadsFor, writeParams } from "../task.js";
import { REDUCE_THREADS_MIN, REDUCE_WASM_MIN } from "../thresholds.js";

/** Function ids of assembly/reduce.ts. */
const IDS: Record<ReduceOp, number> = { sum: 0, max: 1, min: 2 };

/** Elements read per chunk. */
const CHUNK = 32768;
/** Lanes of `inner` one work item covers (assembly/reduce.ts BLOCK). */
const BLOCK = 16;

/** float32 sum/max/min over the middle axis of [outer, len, inner] in WebAssembly. */
export const reduce: Kernels["reduce"] = (op, x, out, outer, len, inner) => {
  const rt = loadedRuntime();
  const n = outer * len * inner;
  if (
    !rt ||
    n < REDUCE_WASM_MIN ||
    len === 0 ||
    !(x instanceof Float32Array) ||
    !(out instanceof Float32Array)
  ) {
    return false;
  }
  const arena = rt.arena;
  arena.reset();
  const px = arena.alloc(n);
  const po = arena.alloc(outer * inner);
  if (px < 0 || po < 0) {
    return false;
  }
  arena.views().f32.set(x, px >> 2);
  // Work items: rows when inner = 1, else (outer index, block of 16 lanes) pairs.
  const items = inner === 1 ? outer : outer * Math.ceil(inner / BLOCK);
  const perItem = inner === 1 ? len : len * BLOCK;
  const size = Math.max(1, Math.floor(CHUNK / perItem));
  const chunks = Math.ceil(items / size);
  writeParams(rt, [IDS[op], px, po, outer, len, inner, size]);
  runTask(rt, OP.reduce, 0, chunks, threadsFor(rt, n, REDUCE_THREADS_MIN, chunks));
  arena.copyOut(po, outer * inner, out);
};
