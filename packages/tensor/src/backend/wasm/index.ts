// Public surface of the WebAssembly SIMD backend.
export { type BackendName, initWasm, useBackend } from "./api.js";
export { WASM_BACKEND, wasmBackend } from "./backend.js";
export { getNumThreads, setNumThreads } from "./threads.js";
