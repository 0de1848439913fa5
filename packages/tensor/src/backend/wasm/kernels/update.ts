import type { FloatArray } from "../../contract/optimizer.js";
import { residentAddress } from "../resident.js";
import { loadedRuntime } from "../runtime.js";
import { runTask, threadsFor, writeDoubleParams, writeParams } from "../task.js";
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
  // Resident arrays (allocState) are used where they lie; the rest get a block,
  // all before anything is written, so that a decline writes nothing.
  const slots = [0, 0, 0, 0, 0, 0, n, CHUNK];
  let copied = 0; // bit i: arrays[i] is copied in (and, but for the gradient, out)
  for (let i = 0; i < arrays.length; i++) {
    const a = arrays[i];
    if (a === null) continue;
    const resident = residentAddress(a as Float32Array);
    const at = resident >= 0 ? resident : arena.alloc(n);
    if (at < 0) return false;
    slots[i] = at;
    if (resident < 0) copied |= 1 << i;
  }
  const f32 = arena.views().f32;
  for (let i = 0; i < arrays.length; i++)
    if (copied & (1 << i)) f32.set(arrays[i]!, slots[i]! >> 2);
  writeParams(rt, slots);
  // Slots 8.. hold float64 scalars.
  writeDoubleParams(rt, 8, scalars);
  const chunks = Math.ceil(n / CHUNK);
  runTask(rt, op, 0, chunks, threadsFor(rt, n, OPTIMIZER_THREADS_MIN, chunks));
  for (let i = 0; i < arrays.length; i++)
    if (i !== 1 && copied & (1 << i)) arena.copyOut(slots[i]!, n, arrays[i]!);
  return undefined;
}
