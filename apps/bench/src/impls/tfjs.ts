import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { PeerName } from "../types.js";

export { tf };

/**
 * Prepares TensorFlow.js: production mode (no debug checks or warnings), and
 * the WebAssembly backend with SIMD on one thread, its .wasm files loaded from
 * the installed package. Throws if SIMD is not active, since the comparison
 * would then be meaningless.
 */
export async function setUpTfjs(): Promise<void> {
  tf.env().set("PROD", true);
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"));
  setWasmPaths(`${join(pkg, "dist")}/`);
  setThreadsCount(1);
  await tf.setBackend("wasm");
  await tf.ready();
  if (!tf.env().getBool("WASM_HAS_SIMD_SUPPORT")) {
    throw new Error("tfjs-backend-wasm: SIMD is not available, refusing to benchmark without it");
  }
  await tf.setBackend("cpu");
  await tf.ready();
}

/** Makes `peer` the active TensorFlow.js backend. */
export async function useTfjs(peer: PeerName): Promise<void> {
  const name = peer === "tfjs-cpu" ? "cpu" : "wasm";
  if (tf.getBackend() !== name) await tf.setBackend(name);
}
