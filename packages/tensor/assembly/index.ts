// Entry point of Neurite's WebAssembly SIMD kernels (built by
// scripts/build-wasm.mjs). Memory is imported from the loader, which owns the
// layout: the control block (layout.ts) and a grow-only arena after it.
//
// The loader writes a task's parameters, calls `begin` to publish it, wakes
// the workers, calls `work` itself as thread 0, then `join` to wait for the
// chunks still running on workers; each worker calls `work` with its own
// thread id when it sees the new generation.

export { begin, done, join, work } from "./task";

/** First free byte after the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
