import { getNumThreads, initWasm, kernelOwner, setNumThreads } from "@neurite/tensor";

/**
 * Loads Neurite's WebAssembly kernels and starts `threads` kernel threads, so
 * no timed call pays for compilation or worker start-up. Returns the backend
 * that serves matmul (`"wasm"`, or `"cpu"` without WebAssembly SIMD).
 */
export async function setUpNeurite(threads: number): Promise<string> {
  setNumThreads(threads);
  await initWasm();
  return kernelOwner("matmul");
}

/** Sets the thread count for the next Neurite measurements. */
export function useNeuriteThreads(threads: number): void {
  if (getNumThreads() !== threads) setNumThreads(threads);
}
