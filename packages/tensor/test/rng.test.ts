import { describe, expect, it } from "vitest";
import {
  arange,
  normal,
  permutation,
  Rng,
  rand,
  randint,
  randn,
  shuffle,
  type Tensor,
  toRng,
  uniform,
} from "../src/index.js";
import { portableLog } from "../src/rng.js";

/** The raw bytes of a tensor's storage, for bit-for-bit comparisons. */
function bytes(t: Tensor): number[] {
  return [...new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)];
}

describe("Rng golden values (a change of algorithm must be deliberate)", () => {
  it("first 32-bit outputs for a few seeds", () => {
    const first4 = (seed: number) => {
      const r = new Rng(seed);
      return [r.nextUint32(), r.nextUint32(), r.nextUint32(), r.nextUint32()];
    };
    expect(first4(0)).toEqual([2792633319, 2227448446, 4199546574, 450414022]);
    expect(first4(42)).toEqual([3882770618, 1451480030, 3868402395, 1806751715]);
    expect(first4(-1)).toEqual([1692498737, 301262328, 2691087543, 65263791]);
    expect(first4(2 ** 40 + 3)).toEqual([732147947, 2720936568, 3282184048, 919883692]);
  });

  it("first floats, normals, ints and forks", () => {
    const u = new Rng(42);
    expect([u.uniform(), u.uniform()]).toEqual([0.9040279786135929, 0.900682616387808]);
    const n = new Rng(42);
    expect([n.normal(), n.normal(), n.normal()]).toEqual([
      1.6461286187122122, 1.336394642047801, 0.18986321524406302,
    ]);
    const i = new Rng(42);
    expect([i.int(10), i.int(1000), i.int(2 ** 32)]).toEqual([8, 30, 3868402395]);
    expect(new Rng(42).fork().nextUint32()).toBe(2802118184);
  });

  it("first tensor samples", () => {
    expect([...randn([4], 7).data]).toEqual([
      -0.040295232087373734, 0.8389456272125244, 0.045953985303640366, 0.7917476296424866,
    ]);
    expect([...rand([2], 7, "float64").data]).toEqual([0.47989075246244717, 0.9186739992714499]);
  });
});

describe("determinism", () => {
  it("a seeded run gives identical bits twice", () => {
    const run = (seed: number) => {
      const rng = new Rng(seed);
      const child = rng.fork();
      return [
        randn([50, 7], rng, "float64"),
        randn([33], rng),
        rand([40], rng),
        uniform([9], -4, 9, rng, "float64"),
        normal([10], 1, 3, child),
        randint([64], -100, 100, rng),
        permutation(30, child),
        shuffle(arange(20), rng),
      ].map(bytes);
    };
    expect(run(123)).toEqual(run(123));
    expect(run(123)).not.toEqual(run(124));
  });

  it("distinct seeds give distinct streams, including seeds above 2^32 and negatives", () => {
    const firsts = new Set<string>();
    const seeds = [0, 1, 2, -1, -2, 2 ** 32, 2 ** 32 + 1, 0x27d4eb2d, 2 ** 53 - 1, -(2 ** 53) + 1];
    for (const s of seeds) {
      const r = new Rng(s);
      firsts.add(`${r.nextUint32()},${r.nextUint32()}`);
    }
    expect(firsts.size).toBe(seeds.length);
  });

  it("fork gives a stream independent of the parent's continuation", () => {
    const parent = new Rng(5);
    const child = parent.fork();
    const a = Array.from({ length: 8 }, () => parent.nextUint32());
    const b = Array.from({ length: 8 }, () => child.nextUint32());
    expect(a).not.toEqual(b);
    // two forks of one parent differ from each other
    const p2 = new Rng(5);
    expect(p2.fork().nextUint32()).not.toBe(p2.fork().nextUint32());
  });

  it("toRng passes an Rng through and seeds from numbers", () => {
    const r = new Rng(1);
    expect(toRng(r)).toBe(r);
    expect(toRng(3).nextUint32()).toBe(new Rng(3).nextUint32());
    expect(toRng(undefined, 8).nextUint32()).toBe(new Rng(8).nextUint32());
    expect(toRng(undefined).nextUint32()).toBe(new Rng(0).nextUint32());
  });

  it("normal samples do not depend on Math.log (portableLog is used and accurate)", () => {
    const r = new Rng(99);
    let maxUlp = 0;
    for (let i = 0; i < 20000; i++) {
      const x = r.uniform() * 10 ** (r.int(40) - 20);
      if (x === 0) continue;
      const want = Math.log(x);
      const err = Math.abs(portableLog(x) - want);
      maxUlp = Math.max(maxUlp, err / (Math.abs(want) * 2 ** -52));
    }
    expect(maxUlp).toBeLessThan(2);
    expect(portableLog(1)).toBe(0);
    expect(portableLog(2)).toBe(Math.LN2);
    expect(portableLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(portableLog(5e-324)).toBeCloseTo(Math.log(5e-324), 12);
  });
});

describe("Rng statistics (1e5 samples, seeded, tolerances of about 5 standard errors)", () => {
  const N = 100_000;

  it("uniform: mean ≈ 1/2, variance ≈ 1/12, all in [0, 1)", () => {
    const r = new Rng(2024);
    let s = 0;
    let s2 = 0;
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < N; i++) {
      const u = r.uniform();
      s += u;
      s2 += u * u;
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    const mean = s / N;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(s2 / N - mean * mean - 1 / 12)).toBeLessThan(0.002);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
  });

  it("normal: mean ≈ 0, std ≈ 1, symmetric tails", () => {
    const x = randn([N], 2025, "float64");
    let s = 0;
    let s2 = 0;
    let beyond2 = 0;
    for (const v of x.data) {
      s += v;
      s2 += v * v;
      if (Math.abs(v) > 2) beyond2++;
    }
    const mean = s / N;
    const std = Math.sqrt(s2 / N - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(std - 1)).toBeLessThan(0.012);
    // P(|z| > 2) = 0.0455
    expect(Math.abs(beyond2 / N - 0.0455)).toBeLessThan(0.004);
  });

  it("int(n): every value in range, counts pass a chi-square test", () => {
    const r = new Rng(7);
    const n = 7;
    const counts = new Array<number>(n).fill(0);
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const v = r.int(n);
      if (!(v >= 0 && v < n && Number.isInteger(v))) outside++;
      else counts[v]!++;
    }
    expect(outside).toBe(0);
    const expected = N / n;
    const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(22.5); // p ≈ 0.001 for 6 degrees of freedom
  });

  it("int(n) has no modulo bias even when n is close to 2^32", () => {
    // n = 3·2^30: plain `bits % n` would land in [0, 2^30) half the time instead of a third.
    const r = new Rng(11);
    const n = 3 * 2 ** 30;
    let low = 0;
    for (let i = 0; i < N; i++) if (r.int(n) < 2 ** 30) low++;
    expect(Math.abs(low / N - 1 / 3)).toBeLessThan(0.008);
    expect(new Rng(1).int(1)).toBe(0);
  });

  it("permutation is uniform: each position takes each value about equally often", () => {
    const r = new Rng(12);
    const n = 4;
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const runs = 20_000;
    for (let i = 0; i < runs; i++) {
      const p = r.permutation(n);
      for (let j = 0; j < n; j++) counts[j]![p[j]!]!++;
    }
    for (const row of counts)
      for (const c of row) expect(Math.abs(c / runs - 1 / n)).toBeLessThan(0.015);
  });
});
