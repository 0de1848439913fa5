import type { WasmRuntime } from "./runtime.js";

// Optimizer state resident in WebAssembly memory: Float32Array views of
// blocks the arena reserved for good (Arena.reserve), so the update kernels
// use them in place instead of copying them in and out on every step.
//
// Only with shared memory: growing a shared memory leaves existing views
// valid (a SharedArrayBuffer never detaches), whereas growing an unshared one
// detaches every view of it, which would lose the state; there the state stays
// in ordinary arrays. A block returns to a free list once its view is garbage
// collected, and is reused for a later state array of the same or smaller size.
//
// A collected view's block comes back only when the finalization callback
// runs, which is never during one synchronous run of JavaScript: a loop that
// builds and trains model after model without yielding would otherwise grow
// the memory (which never shrinks) by every model's state and gradients. So
// reserved blocks are capped at RESIDENT_MAX_BYTES; past it, arrays stay
// ordinary (the kernels then copy them, as without shared memory).

interface Block {
  at: number;
  bytes: number;
}

/** The views handed out, and their blocks' addresses (byteOffset). */
const resident = new WeakSet<Float32Array>();
const free: Block[] = [];
/** The most memory reserved for resident arrays, free or in use. */
export const RESIDENT_MAX_BYTES = 256 * 1024 * 1024;
/** Bytes reserved for resident arrays so far (blocks are reused, never released). */
let reserved = 0;
const reclaim = new FinalizationRegistry<Block>((block) => {
  free.push(block);
});

/**
 * A float32 array of `length` elements filled with `fill`, inside the
 * runtime's memory, valid for as long as it is referenced; null where memory
 * is not shared or cannot grow.
 */
export function residentArray(rt: WasmRuntime, length: number, fill = 0): Float32Array | null {
  if (!rt.shared) return null;
  const bytes = (length * 4 + 63) & ~63;
  let best = -1;
  for (let i = 0; i < free.length; i++) {
    const b = free[i]!;
    if (b.bytes >= bytes && (best < 0 || b.bytes < free[best]!.bytes)) best = i;
  }
  let block: Block;
  if (best >= 0) {
    block = free[best]!;
    free.splice(best, 1);
  } else {
    if (reserved + bytes > RESIDENT_MAX_BYTES) return null;
    const at = rt.arena.reserve(bytes);
    if (at < 0) return null;
    reserved += bytes;
    block = { at, bytes };
  }
  const view = new Float32Array(rt.memory.buffer, block.at, length);
  view.fill(fill);
  resident.add(view);
  reclaim.register(view, block);
  return view;
}

/** Bytes reserved for resident arrays so far, in use or free (at most {@link RESIDENT_MAX_BYTES}). */
export function residentBytes(): number {
  return reserved;
}

/** Byte address of `a` in the runtime's memory if it is a resident array, else -1. */
export function residentAddress(a: Float32Array): number {
  return resident.has(a) ? a.byteOffset : -1;
}
