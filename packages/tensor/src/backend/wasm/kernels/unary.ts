import type { Kernels, UnaryOp } from "../../kernels.js";
import { OP } from "../layout.js";
import { loadedRuntime } from "../runtime.js";
import { runTask, threadsFor, writeFloatParam, writeParams } from "../task.js";
import {
  UNARY_MATH_THREADS_MIN,
  UNARY_MATH_WASM_MIN,
  UNARY_THREADS_MIN,
  UNARY_WASM_MIN,
} from "../thresholds.js";

/** Function ids of assembly/unary.ts (also used by the dense epilogue); ops not listed stay on the reference. */
export const UNARY_IDS: Partial<Record<UnaryOp, number>> = {
  neg: 0,
  abs: 1,
  square: 2,
  sqrt: 3,
  reciprocal: 4,
  relu: 5,
  leakyRelu: 6,
  step: 7,
  clip: 8,
  exp: 9,
  log: 10,
  sigmoid: 11,
  tanh: 12,
  sign: 13,
};

/** Functions costly enough in JavaScript (Math.exp & co.) that WebAssembly wins early. */
const MATH = new Set<UnaryOp>(["exp", "log", "sigmoid", "tanh"]);

/** Elements per chunk (a multiple of 4). */
const CHUNK = 16384;

/** float32 elementwise functions in WebAssembly (see {@link Kernels.unary}). */
export const unary: Kernels["unary"] = (op, x, out, p1, p2) => {
  const rt = loadedRuntime();
  const id = UNARY_IDS[op];
  const n = x.length;
  const math = MATH.has(op);
  if (
    !rt ||
    id === undefined ||
    n < (math ? UNARY_MATH_WASM_MIN : UNARY_WASM_MIN) ||
    !(x instanceof Float32Array) ||
    !(out instanceof Float32Array)
  ) {
    return false;
  }
  const arena = rt.arena;
  arena.reset();
  const buf = arena.alloc(n);
  if (buf < 0) {
    return false;
  }
  arena.views().f32.set(x, buf >> 2);
  // The kernel works in place in the arena: it reads each vector before writing it.
  writeParams(rt, [id, buf, buf, n, 0, 0, CHUNK]);
  writeFloatParam(rt, 4, p1);
  writeFloatParam(rt, 5, p2);
  const chunks = Math.ceil(n / CHUNK);
  const minSplit = math ? UNARY_MATH_THREADS_MIN : UNARY_THREADS_MIN;
  runTask(rt, OP.unary, 0, chunks, threadsFor(rt, n, minSplit, chunks));
  arena.copyOut(buf, n, out);
};
