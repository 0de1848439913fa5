import { describe, ValueError } from "./errors.js";

/**
 * The edit distance between two strings: how many single-character
 * insertions, deletions, substitutions or swaps of two neighbours turn `a`
 * into `b` (the optimal-string-alignment distance, so the common typo
 * `alpah` is one edit from `alpha`).
 */
export function editDistance(a: string, b: string): number {
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0); // row i-2
  let prev = Array.from({ length: n + 1 }, (_, j) => j); // row i-1
  let row = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
    }
    [before, prev, row] = [prev, row, before];
  }
  return prev[n]!;
}

/**
 * The candidate closest to `name` (ignoring case), for a "did you mean ...?"
 * hint: undefined when even the closest needs more than `maxDistance` edits
 * (default: a third of the name's length, between 1 and 3), so that unrelated
 * names are not suggested.
 */
export function closestName(
  name: string,
  candidates: Iterable<string>,
  maxDistance = Math.min(3, Math.max(1, Math.floor(name.length / 3))),
): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return bestDistance <= maxDistance ? best : undefined;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Refuses an options object with a key the function does not know, so that a
 * misspelled option (`{ activaton: "relu" }`, `{ transposeb: true }`) fails
 * loudly instead of being ignored. The message names the function, the
 * unknown key, the closest known key when one is close ("did you mean
 * 'activation'?") and every known key. `undefined` passes (no options);
 * anything that is not a plain object (null, an array, a number, a string) is
 * refused too. Every package of Neurite checks its options objects with it.
 *
 * @param op - the function or class, for the message (`"Dense"`, `"matmul"`)
 * @param options - what the caller passed
 * @param known - the option names the function accepts
 * @param arg - the argument's name in the message (default `"options"`)
 * @throws ValueError for a non-object or an unknown key
 * @example
 * ```ts
 * checkOptions("matmul", { transposeb: true }, ["transposeA", "transposeB"]);
 * // ValueError: matmul: argument 'options': unknown option 'transposeb' (did you mean 'transposeB'?); known options: transposeA, transposeB
 * ```
 */
export function checkOptions(
  op: string,
  options: unknown,
  known: readonly string[],
  arg = "options",
): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw new ValueError(
      op,
      arg,
      `expected an options object ({ ${known.join(", ")} }), got ${describe(options)}`,
    );
  for (const key in options) {
    if (!hasOwn.call(options, key) || known.includes(key)) continue;
    throw new ValueError(op, arg, unknownOptionMessage(key, known));
  }
}

/** `unknown option 'x' (did you mean 'y'?); known options: ...`. */
function unknownOptionMessage(key: string, known: readonly string[]): string {
  const close = closestName(key, known);
  const hint = close === undefined ? "" : ` (did you mean '${close}'?)`;
  const list = known.length === 0 ? "it takes none" : `known options: ${known.join(", ")}`;
  return `unknown option '${key}'${hint}; ${list}`;
}

/**
 * The option names of an options type, as an array for {@link checkOptions}.
 * The compiler checks that the object lists every option of `T` and nothing
 * else, so the list cannot drift from the type:
 * `optionNames<MatmulOptions>({ transposeA: true, transposeB: true })`.
 */
export function optionNames<T extends object>(
  all: {
    readonly [K in keyof T]-?: true;
  },
): readonly string[] {
  return Object.freeze(Object.keys(all));
}
