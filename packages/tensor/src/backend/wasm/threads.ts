import { ValueError } from "../../errors.js";
import { sharedState } from "../../shared-state.js";
import { coreCount, envVar } from "./env.js";
import { THREADS_LIMIT } from "./layout.js";

// One setting per process, whichever copy (ESM or CJS build) sets or reads it;
// looked up on use, so importing the package writes nothing to globalThis.
function threads(): { setting: number | null } {
  return sharedState("@neurite/tensor/threads@1", () => ({ setting: null }));
}

function fromEnv(): number | null {
  const raw = envVar("NEURITE_NUM_THREADS");
  if (raw === undefined || raw === "") return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, THREADS_LIMIT) : null;
}

/**
 * Sets how many threads the WebAssembly kernels may use, the calling thread
 * included: `1` keeps every kernel on the calling thread. The default is the
 * number of cores (or `NEURITE_NUM_THREADS` in Node). Only large kernels are
 * split; small ones always run on the calling thread. Results are identical
 * for every thread count.
 *
 * Threads need shared memory: always available in Node (worker_threads); in
 * browsers only on cross-origin isolated pages, else kernels use one thread.
 *
 * @param n - an integer from 1 to 64
 * @throws ValueError for anything else
 *
 * @example
 * ```ts
 * setNumThreads(1); // single-threaded, e.g. when running several processes
 * ```
 */
export function setNumThreads(n: number): void {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > THREADS_LIMIT) {
    throw new ValueError(
      "setNumThreads",
      "n",
      `expected an integer from 1 to ${THREADS_LIMIT}, got ${String(n)}`,
    );
  }
  threads().setting = n;
}

/** The thread count the WebAssembly kernels may use (see {@link setNumThreads}). */
export function getNumThreads(): number {
  const t = threads();
  t.setting ??= fromEnv() ?? Math.min(coreCount(), THREADS_LIMIT);
  return t.setting;
}
