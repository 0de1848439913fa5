import {
  WASM_PLAIN,
  WASM_PLAIN_RELAXED,
  WASM_SHARED,
  WASM_SHARED_RELAXED,
} from "./module.generated.js";

/** Decodes base64 with `atob` (browsers, Node >= 16). */
function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The kernel binary: the shared-memory build for threads or the plain build,
 * each with relaxed SIMD (fused multiply-add in matmul) or without.
 */
export function wasmBytes(shared: boolean, relaxed: boolean): Uint8Array {
  if (relaxed) return decode(shared ? WASM_SHARED_RELAXED : WASM_PLAIN_RELAXED);
  return decode(shared ? WASM_SHARED : WASM_PLAIN);
}
