import type { Backend } from "../kernels.js";
import { WASM_PRIORITY, wasmBackend } from "./backend.js";
import { envVar } from "./env.js";
import { loadSync } from "./runtime.js";

/**
 * Backends to register when the kernel registry is first used: the WebAssembly
 * backend if it can be compiled synchronously here (Node, workers) and
 * `NEURITE_BACKEND` is not `cpu`. In a browser page, call `initWasm()` instead.
 * Called lazily, so importing the package has no side effects.
 */
export function autoBackends(): { backend: Backend; priority: number }[] {
  if (envVar("NEURITE_BACKEND") === "cpu") return [];
  return loadSync() ? [{ backend: wasmBackend, priority: WASM_PRIORITY }] : [];
}
