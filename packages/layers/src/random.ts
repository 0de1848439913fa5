import { Rng, sharedState, ValueError } from "@neurite/tensor";

// One global generator per process, so setSeed through the ESM build also
// seeds layers built by the CJS build loaded beside it (and the other way round).
function seeded(): { rng: Rng } {
  return sharedState("@neurite/layers/global-rng@1", () => ({ rng: new Rng(0) }));
}

/**
 * Resets the generator that layers without a `seed` or `rng` draw from. Each
 * such layer forks its own generator from it when it is constructed, so after
 * `setSeed(s)` the same code builds bit-identical models. The default seed at
 * load time is 0, so runs are repeatable even without calling this.
 */
export function setSeed(seed: number): void {
  if (!Number.isSafeInteger(seed))
    throw new ValueError("setSeed", "seed", `expected a safe integer, got ${seed}`);
  seeded().rng = new Rng(seed);
}

/** Options shared by everything random: give a seed, or an `Rng` to draw from, or neither. */
export interface RandomOptions {
  /** A seed for a fresh generator owned by this object. */
  seed?: number;
  /** A generator to draw from (shared with the caller; it advances). */
  rng?: Rng;
}

/**
 * The generator an object should use: its own `rng`, a new one from `seed`,
 * or one forked from the package's global generator (see {@link setSeed}).
 */
export function resolveRng(op: string, options: RandomOptions): Rng {
  const { seed, rng } = options;
  if (rng !== undefined && seed !== undefined)
    throw new ValueError(op, "seed", "give either a seed or an rng, not both");
  if (rng !== undefined) {
    if (!(rng instanceof Rng))
      throw new ValueError(op, "rng", "expected an Rng from @neurite/tensor");
    return rng;
  }
  if (seed !== undefined) {
    if (!Number.isSafeInteger(seed))
      throw new ValueError(op, "seed", `expected a safe integer, got ${seed}`);
    return new Rng(seed);
  }
  return seeded().rng.fork();
}
