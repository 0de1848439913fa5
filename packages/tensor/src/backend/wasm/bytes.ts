import { WASM_PLAIN, WASM_SHARED } from "./module.generated.js";

/** Decodes base64 with `atob` (browsers, Node >= 16). */
function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The kernel binary: the shared-memory build for threads, or the plain build. */
export function wasmBytes(shared: boolean): Uint8Array {
  return decode(shared ? WASM_SHARED : WASM_PLAIN);
}
