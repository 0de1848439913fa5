import type { Rng } from "@neurite/tensor";

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 53-bit base seed taken from an `Rng` (consumes two draws) or a seed as is. */
export function baseSeed(seedOrRng: number | Rng): number {
  if (typeof seedOrRng === "number") return seedOrRng;
  return (seedOrRng.nextUint32() & 0x1fffff) * 4294967296 + seedOrRng.nextUint32();
}

/**
 * The seed of epoch `epoch`'s shuffle: a hash of the base seed and the epoch,
 * so any epoch's order can be computed directly and is the same on every run.
 */
export function epochSeed(base: number, epoch: number): number {
  const lo = base >>> 0;
  const hi = Math.floor(base / 4294967296) >>> 0;
  const w1 = mix32(lo ^ mix32((epoch ^ 0x5bd1e995) >>> 0));
  const w2 = mix32(hi ^ mix32((w1 + epoch + 0x9e3779b9) >>> 0));
  return (w1 & 0x1fffff) * 4294967296 + w2;
}
