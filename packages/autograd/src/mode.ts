let gradEnabled = true;

/** True unless inside {@link noGrad}: operations then record the graph needed by backward. */
export function isGradEnabled(): boolean {
  return gradEnabled;
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
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Runs `fn` with graph recording on, even inside {@link noGrad}; restores the previous mode afterwards. */
export function enableGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = true;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}
