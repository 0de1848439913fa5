// Feature detection for WebAssembly SIMD, relaxed SIMD and shared memory.
import { envVar, nodeBuiltin } from "./env.js";

// (module (func (result v128) (v128.const i32x4 0 0 0 0)))
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
]);

/** True if this engine runs WebAssembly with 128-bit SIMD. */
export function simdSupported(): boolean {
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/**
 * True if shared WebAssembly memory can be created and handed to workers: always
 * in Node, and in browsers only on cross-origin isolated pages.
 */
export function sharedMemorySupported(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown };
  if (typeof g.SharedArrayBuffer !== "function") return false;
  if (g.crossOriginIsolated === false) return false;
  try {
    const m = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return m.buffer instanceof (g.SharedArrayBuffer as typeof SharedArrayBuffer);
  } catch {
    return false;
  }
}

// (module (func (param v128 v128 v128) (result v128)
//   (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2))))
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11, 0,
  32, 0, 32, 1, 32, 2, 253, 133, 2, 11,
]);

function validates(bytes: Uint8Array): boolean {
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(bytes as BufferSource);
  } catch {
    return false;
  }
}

/**
 * True if the kernels should use relaxed SIMD (a fused multiply-add in the
 * matmul micro-kernel, about a third faster): the engine has it (browsers,
 * Node 22+), or it is Node 20/21, where V8 has it behind a flag that can be
 * set at run time before the module is compiled. `NEURITE_RELAXED_SIMD=0`
 * turns it off (results then match engines without it bit for bit).
 */
export function relaxedSimdSupported(): boolean {
  if (envVar("NEURITE_RELAXED_SIMD") === "0") return false;
  if (validates(RELAXED_PROBE)) return true;
  const v8 = nodeBuiltin<{ setFlagsFromString(flags: string): void }>("node:v8");
  if (!v8) return false;
  try {
    v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
  } catch {
    return false;
  }
  return validates(RELAXED_PROBE);
}
