import { ValueError } from "../../errors.js";
import { registerBackend, unregisterBackend } from "../registry.js";
import { WASM_BACKEND, WASM_PRIORITY, wasmBackend } from "./backend.js";
import { loadAsync, loadSync } from "./runtime.js";
import { startWorkers } from "./task.js";

/**
 * Compiles the WebAssembly SIMD kernels asynchronously, registers them and
 * starts their worker threads (see {@link setNumThreads}), resolving once the
 * workers are ready. Needed in browser pages, whose main thread cannot compile
 * the kernels synchronously (until it resolves, kernels run on the TypeScript
 * reference). Optional in Node, where the kernels load on first use and
 * workers start on the first large kernel (which meanwhile runs on the calling
 * thread alone); awaiting it there just has the threads ready up front.
 *
 * @returns true if the WebAssembly backend is registered, false if this
 *   engine lacks WebAssembly SIMD (the reference kernels keep working)
 *
 * @example
 * ```ts
 * await initWasm(); // in a browser, before the first heavy computation
 * ```
 */
export async function initWasm(): Promise<boolean> {
  const rt = loadSync() ?? (await loadAsync());
  if (!rt) return false;
  registerBackend(wasmBackend, { priority: WASM_PRIORITY });
  await startWorkers(rt);
  return true;
}

/** Backend names accepted by {@link useBackend}. */
export type BackendName = "wasm" | "cpu";

/**
 * Chooses the kernels: `"cpu"` makes the TypeScript reference serve every
 * kernel (the WebAssembly backend is unregistered); `"wasm"` registers the
 * WebAssembly backend again, compiling it synchronously if needed. In Node,
 * `NEURITE_BACKEND=cpu` has the effect of `useBackend("cpu")` from the start.
 *
 * @throws ValueError for another name, or for `"wasm"` when WebAssembly SIMD
 *   is unavailable or cannot be compiled synchronously here (in a browser page,
 *   `await initWasm()` first)
 *
 * @example
 * ```ts
 * useBackend("cpu"); // compare against the reference
 * useBackend("wasm");
 * ```
 */
export function useBackend(name: BackendName): void {
  if (name === "cpu") {
    unregisterBackend(WASM_BACKEND);
    return;
  }
  if (name !== "wasm") {
    throw new ValueError("useBackend", "name", `expected "wasm" or "cpu", got ${String(name)}`);
  }
  if (!loadSync()) {
    throw new ValueError(
      "useBackend",
      "name",
      "the WebAssembly SIMD backend is not available here (no SIMD support, or synchronous compilation refused: await initWasm() first)",
    );
  }
  registerBackend(wasmBackend, { priority: WASM_PRIORITY });
}
