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

interface Block {
  at: number;
  bytes: number;
}

/** The views handed out, and their blocks' addresses (byteOffset). */
const resident = new WeakSet<Float32Array>();
const free: Block[] = [];
const reclaim = new FinalizationRegistry<Block>((block) => {
  free.push(block);
});

/**
 * A zero-filled float32 array of `length` elements inside the runtime's
 * memory, valid for as long as it is referenced; null where memory is not
 * shared or cannot grow.
 */
export function residentArray(rt: WasmRuntime, length: number): Float32Array | null {
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
    const at = rt.arena.reserve(bytes);
    if (at < 0) return null;
    block = { at, bytes };
  }
  const view = new Float32Array(rt.memory.buffer, block.at, length);
  view.fill(0);
  resident.add(view);
  reclaim.register(view, block);
  return view;
}

/** Byte address of `a` in the runtime's memory if it is a resident array, else -1. */
export function residentAddress(a: Float32Array): number {
  return resident.has(a) ? a.byteOffset : -1;
}
