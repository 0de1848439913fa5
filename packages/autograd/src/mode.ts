import { sharedState } from "@neurite/tensor";

// One mode per process: noGrad entered through the ESM build also holds for
// ops of the CJS build loaded beside it (and the other way round).
// Looked up on first use (importing writes nothing to globalThis), then kept:
// every op asks for the mode.
let shared: { gradEnabled: boolean } | undefined;
function mode(): { gradEnabled: boolean } {
  shared ??= sharedState("@neurite/autograd/mode@1", () => ({ gradEnabled: true }));
  return shared;
}

/** True unless inside {@link noGrad}: operations then record the graph needed by backward. */
export function isGradEnabled(): boolean {
  return mode().gradEnabled;
}

/**
 * Runs `fn` without recording the graph: results do not require gradients,
 * have no node, and nothing is kept for backward. Use it for inference and for
 * parameter updates. Returns what `fn` returns; the previous mode is restored
 * even if `fn` throws. Async functions are not supported: the scope ends when
 * `fn` returns, not when its promise settles.
 *
 * @example
 * ```ts
 * const predictions = noGrad(() => model(x)); // no graph, nothing to free
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  const m = mode();
  const previous = m.gradEnabled;
  m.gradEnabled = false;
  try {
    return fn();
  } finally {
    m.gradEnabled = previous;
  }
}

/** Runs `fn` with graph recording on, even inside {@link noGrad}; restores the previous mode afterwards. */
export function enableGrad<T>(fn: () => T): T {
  const m = mode();
  const previous = m.gradEnabled;
  m.gradEnabled = true;
  try {
    return fn();
  } finally {
    m.gradEnabled = previous;
  }
}
