import { brand } from "./brand.js";
import { describe, ValueError } from "./errors.js";

const GOLDEN = 0x9e3779b9;

/** A bijective 32-bit mixer (xor-shift / multiply rounds); 0 maps to 0 only. */
function mix32(z: number): number {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// ---- a logarithm made of + - * / only ----------------------------------------
// Math.log is not specified bit for bit by ECMAScript, and engines differ in the
// last bit. IEEE 754 does fix + - * / and sqrt, so a log written with those
// alone gives the same bits everywhere, and so does every normal sample.

const LN2_HI = 0.6931471803691238; // ln 2 rounded to 32 significant bits: e·LN2_HI is exact
const LN2_LO = 1.9082149292705877e-10; // ln 2 - LN2_HI

const bits = new DataView(new ArrayBuffer(8));

/**
 * Natural logarithm of a positive finite `x`, within about one ulp, computed
 * with IEEE basic operations only, so it is bit-identical in every engine.
 * Used by {@link Rng.normal}; exported for tests.
 */
export function portableLog(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x === Infinity ? x : Number.NaN;
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: lift subnormals into the normal range
    e = -54;
  }
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  bits.setUint32(0, (hi & 0x000fffff) | 0x3ff00000); // same mantissa, exponent 0: m in [1, 2)
  let m = bits.getFloat64(0);
  if (m > Math.SQRT2) {
    m *= 0.5; // m in (sqrt(1/2), sqrt(2)]
    e += 1;
  }
  // log(m) = 2 atanh(s) with s = (m-1)/(m+1), |s| <= 0.1716: an odd series in s.
  const f = m - 1; // exact (Sterbenz)
  const s = f / (2 + f);
  const z = s * s;
  const r =
    z *
    (1 / 3 +
      z *
        (1 / 5 +
          z *
            (1 / 7 +
              z *
                (1 / 9 +
                  z *
                    (1 / 11 +
                      z * (1 / 13 + z * (1 / 15 + z * (1 / 17 + z * (1 / 19 + z * (1 / 21))))))))));
  const logm = 2 * s + 2 * s * r;
  return e * LN2_HI + (logm + e * LN2_LO);
}

/**
 * A seedable random number generator: xoshiro128** over 32-bit integer
 * arithmetic, so the same seed gives the same bits in Node and in every
 * browser. Floats are built from those bits with exact arithmetic, and
 * {@link Rng.normal} avoids `Math.log`/`Math.sin` (whose last bit engines may
 * disagree on), so normal samples are bit-identical across engines too.
 *
 * Every random function in Neurite takes an `Rng` or a seed.
 *
 * @example
 * ```ts
 * const rng = new Rng(42);
 * rng.uniform();            // in [0, 1)
 * rng.int(6);               // 0..5, unbiased
 * randn([2, 3], rng);       // tensors draw from the same stream
 * const child = rng.fork(); // an independent stream for a sub-component
 * ```
 */
export class Rng {
  static {
    // instanceof holds across copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_Rng)
    brand(this, "Rng");
  }

  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal = 0;
  private hasSpare = false;

  /**
   * @param seed - any safe integer (negative allowed); distinct seeds give distinct streams
   * @throws ValueError for a seed that is not a safe integer
   */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed))
      throw new ValueError("Rng", "seed", `expected a safe integer, got ${describe(seed)}`);
    // Split the seed into its two's-complement 32-bit halves and mix them with a
    // 3-round Feistel network: invertible, so distinct seeds give distinct states,
    // and every state word depends on both halves.
    let lo = seed >>> 0;
    let hi = Math.floor(seed / 0x100000000) >>> 0;
    hi = (hi ^ mix32((lo + GOLDEN) | 0)) >>> 0;
    lo = (lo ^ mix32((hi + GOLDEN) | 0)) >>> 0;
    hi = (hi ^ mix32((lo + GOLDEN) | 0)) >>> 0;
    this.a = lo;
    this.b = hi;
    // mix32(x) is 0 only for x = 0, so c = 0 forces a != 0: the state is never all zero.
    this.c = mix32((lo + 2 * GOLDEN) | 0);
    this.d = mix32((hi + 3 * GOLDEN) | 0);
  }

  /** The next 32 random bits as an unsigned integer in `[0, 2^32)`. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A uniform float in `[0, 1)` with 53 random bits (two 32-bit draws). */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * A uniform float in `[low, high)`: `low + (high - low) * uniform()`.
   * Rounding can make it equal `high` for extreme bounds; the tensor function
   * {@link uniform} guards against that.
   */
  uniformRange(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /**
   * A standard normal sample (Marsaglia's polar method, which needs only a
   * logarithm and a square root; samples come in pairs and the second is cached).
   */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * portableLog(s)) / s);
    this.spareNormal = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /**
   * A uniform integer in `[0, n)`, without modulo bias (rejection sampling).
   * @throws ValueError unless `n` is an integer in `[1, 2^32]`
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x100000000) {
      throw new ValueError("Rng.int", "n", `expected an integer in [1, 2^32], got ${describe(n)}`);
    }
    const limit = 0x100000000 - (0x100000000 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /**
   * A random permutation of `0..n-1` (Fisher–Yates), as an Int32Array.
   * @throws ValueError unless `n` is a non-negative integer
   */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff)
      throw new ValueError(
        "Rng.permutation",
        "n",
        `expected a non-negative integer, got ${describe(n)}`,
      );
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    this.shuffleInPlace(p);
    return p;
  }

  /** Shuffles an array or typed array in place (Fisher–Yates) and returns it. */
  shuffleInPlace<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /**
   * A new independent generator seeded from this one's stream, for handing to a
   * sub-component (one layer's init, one loader's shuffle) without sharing state.
   * Advances this generator by two 32-bit draws.
   */
  fork(): Rng {
    return new Rng(this.nextUint32() * 2097152 + (this.nextUint32() >>> 11));
  }
}

/**
 * Accepts an `Rng` (returned as is) or an integer seed (a new `Rng`);
 * `undefined` falls back to `defaultSeed`.
 * @throws ValueError for anything else
 */
export function toRng(rngOrSeed: Rng | number | undefined, defaultSeed = 0): Rng {
  if (rngOrSeed instanceof Rng) return rngOrSeed;
  if (rngOrSeed !== undefined && typeof rngOrSeed !== "number") {
    throw new ValueError(
      "toRng",
      "rng",
      `expected an Rng or an integer seed, got ${describe(rngOrSeed)}`,
    );
  }
  return new Rng(rngOrSeed ?? defaultSeed);
}
