/**
 * Process-wide state shared by every copy of Neurite in one JavaScript realm.
 *
 * The ESM and CommonJS builds of a package loaded side by side each have their
 * own module variables; state that must be one per process (the backend
 * registry, the gradient mode, the layers' global seed) lives on `globalThis`
 * under a `Symbol.for` key instead, so every copy reads and writes the same
 * object. The first copy to ask creates it.
 *
 * @param key - a name unique to the state and to its layout, e.g. `"@neurite/autograd/mode@1"`;
 *   change the suffix when the layout changes, so copies of different versions do not share it
 * @param create - builds the initial state; called at most once per realm
 * @example
 * ```ts
 * const mode = sharedState("@neurite/autograd/mode@1", () => ({ gradEnabled: true }));
 * ```
 */
export function sharedState<T extends object>(key: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const symbol = Symbol.for(key);
  let state = store[symbol];
  if (state === undefined) {
    state = create();
    store[symbol] = state;
  }
  return state;
}
