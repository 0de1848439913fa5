import type { FloatArray } from "../../contract/optimizer.js";
import { CTL } from "../layout.js";
import { residentAddress } from "../resident.js";
import { loadedRuntime } from "../runtime.js";
import { runTask, threadsFor, writeParams } from "../task.js";
import { OPTIMIZER_THREADS_MIN, OPTIMIZER_WASM_MIN } from "../thresholds.js";

/** Elements per chunk (even, so Adam's chunks but the last run two lanes at a time). */
const CHUNK = 32768;

/**
 * Runs one optimizer update in WebAssembly (the layout of assembly/update.ts):
 * `arrays` are `[p, g, ...state]` with null for an absent optional state
 * array; every one but `g` (index 1) is written back. Resident arrays (see
 * resident.ts) are updated where they lie, the others copied in and out. Declines (returns
 * false, having written nothing) unless the runtime is loaded, every array is
 * float32, and the length reaches the threshold.
 */
export function runUpdate(
  op: number,
  arrays: readonly (FloatArray | null)[],
  scalars: readonly number[],
): false | undefined {
  const rt = loadedRuntime();
  const n = arrays[0]!.length;
  if (!rt || n < OPTIMIZER_WASM_MIN) return false;
  for (const a of arrays) if (a !== null && !(a instanceof Float32Array)) return false;
  const arena = rt.arena;
  arena.reset();
  // Resident state (allocState) is used where it lies; the rest is copied in.
  const at = arrays.map((a) => {
    if (a === null) return 0;
    const r = residentAddress(a as Float32Array);
    return r >= 0 ? r : arena.alloc(n);
  });
  if (at.some((x) => x < 0)) return false;
  const f32 = arena.views().f32;
  const copied = arrays.map((a) => a !== null && residentAddress(a as Float32Array) < 0);
  arrays.forEach((a, i) => {
    if (copied[i]) f32.set(a!, at[i]! >> 2);
  });
  const slots = [0, 0, 0, 0, 0, 0, n, CHUNK];
  at.forEach((x, i) => {
    slots[i] = x;
  });
  writeParams(rt, slots);
  // Slots 8.. hold float64 scalars (the control block is 64-byte aligned).
  new Float64Array(f32.buffer, rt.ctl + CTL.params + 32, scalars.length).set(scalars);
  const chunks = Math.ceil(n / CHUNK);
  runTask(rt, op, 0, chunks, threadsFor(rt, n, OPTIMIZER_THREADS_MIN, chunks));
  const out = arena.views().f32;
  arrays.forEach((a, i) => {
    if (copied[i] && i !== 1) a!.set(out.subarray(at[i]! >> 2, (at[i]! >> 2) + n));
  });
  return undefined;
}
