import { DTypeError, Rng, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  type Dataset,
  makeBlobs,
  makeCircles,
  makeClassification,
  makeMoons,
  makeRegression,
  makeSpirals,
  makeXor,
} from "../src/index.js";
import { counts, expectError } from "./helpers.js";

const bits = (d: Dataset): string =>
  Buffer.from(d.x.data.buffer).toString("hex") + Buffer.from(d.y.data.buffer).toString("hex");

const GENERATORS: [string, (o: { nSamples?: number; seed?: number | Rng }) => Dataset][] = [
  ["makeXor", (o) => makeXor({ ...o, noise: 0.1, shuffle: true })],
  ["makeMoons", (o) => makeMoons({ ...o, noise: 0.1 })],
  ["makeCircles", (o) => makeCircles({ ...o, noise: 0.1 })],
  ["makeBlobs", (o) => makeBlobs(o)],
  ["makeSpirals", (o) => makeSpirals({ ...o, noise: 0.1 })],
  ["makeRegression", (o) => makeRegression({ ...o, nFeatures: 5, noise: 1 })],
  ["makeClassification", (o) => makeClassification(o)],
];

describe("every generator", () => {
  it.each(GENERATORS)(
    "%s: the same seed gives identical bits, another seed other data",
    (_, make) => {
      expect(bits(make({ nSamples: 60, seed: 7 }))).toBe(bits(make({ nSamples: 60, seed: 7 })));
      expect(bits(make({ nSamples: 60, seed: 7 }))).not.toBe(bits(make({ nSamples: 60, seed: 8 })));
      expect(bits(make({ nSamples: 60, seed: new Rng(7) }))).toBe(
        bits(make({ nSamples: 60, seed: 7 })),
      );
      const d = make({ nSamples: 60 });
      expect(d.x.dtype).toBe("float32");
      expect(d.x.shape[0]).toBe(60);
      expect(d.y.shape[0]).toBe(60);
      expect(d.featureNames).toHaveLength(d.x.shape[1]!);
    },
  );
  it.each(GENERATORS)("%s: rejects nSamples 0 and a bad seed", (name, make) => {
    expectError(() => make({ nSamples: 0 }), ValueError, name, "options.nSamples", ">= 1", "got 0");
    expectError(() => make({ seed: 0.5 }), ValueError, name, "options.seed", "0.5");
  });
});

describe("makeXor", () => {
  it("defaults to the XOR truth table, in order", () => {
    const d = makeXor();
    expect(d.x.toArray()).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(d.y.toArray()).toEqual([0, 1, 1, 0]);
  });
  it("noise moves points but keeps the labels of their corners", () => {
    const d = makeXor({ nSamples: 400, noise: 0.05, seed: 1 });
    for (let i = 0; i < 400; i++) {
      const [a, b] = [Math.round(d.x.data[2 * i]!), Math.round(d.x.data[2 * i + 1]!)];
      expect(d.y.data[i]).toBe(a ^ b);
    }
    expect(counts(d.y.data)).toEqual({ 0: 200, 1: 200 });
  });
  it("rejects negative noise", () => {
    expectError(
      () => makeXor({ noise: -0.1 }),
      ValueError,
      "makeXor",
      "options.noise",
      ">= 0",
      "-0.1",
    );
  });
});

describe("makeMoons", () => {
  it("without noise, class 0 lies on the upper unit arc and class 1 on the shifted lower arc", () => {
    const d = makeMoons({ nSamples: 101, shuffle: false });
    expect(counts(d.y.data)).toEqual({ 0: 50, 1: 51 });
    for (let i = 0; i < 101; i++) {
      const [px, py] = [d.x.data[2 * i]!, d.x.data[2 * i + 1]!];
      const [cx, cy] = d.y.data[i] === 0 ? [0, 0] : [1, 0.5];
      expect(Math.hypot(px - cx, py - cy)).toBeCloseTo(1, 5);
      expect(d.y.data[i] === 0 ? py >= -1e-6 : py <= 0.5 + 1e-6).toBe(true);
    }
    // first points of each arc: t = 0
    expect([d.x.data[0], d.x.data[1]]).toEqual([1, 0]);
    expect([d.x.data[100], d.x.data[101]]).toEqual([0, 0.5]);
  });
  it("noise has the asked standard deviation", () => {
    const clean = makeMoons({ nSamples: 4000, seed: 2 });
    const noisy = makeMoons({ nSamples: 4000, seed: 2, noise: 0.2 });
    let ss = 0;
    for (let i = 0; i < clean.x.size; i++) ss += (noisy.x.data[i]! - clean.x.data[i]!) ** 2;
    expect(Math.sqrt(ss / clean.x.size)).toBeCloseTo(0.2, 1);
  });
});

describe("makeCircles", () => {
  it("without noise, radii are 1 and factor", () => {
    const d = makeCircles({ nSamples: 40, factor: 0.5 });
    for (let i = 0; i < 40; i++) {
      const r = Math.hypot(d.x.data[2 * i]!, d.x.data[2 * i + 1]!);
      expect(r).toBeCloseTo(d.y.data[i] === 0 ? 1 : 0.5, 6);
    }
    expect(counts(d.y.data)).toEqual({ 0: 20, 1: 20 });
  });
  it("rejects a factor outside [0, 1)", () => {
    expectError(
      () => makeCircles({ factor: 1 }),
      ValueError,
      "makeCircles",
      "options.factor",
      "[0, 1)",
      "got 1",
    );
  });
});

describe("makeBlobs", () => {
  it("draws each cluster around its centre with the given spread", () => {
    const d = makeBlobs({
      nSamples: 3000,
      centers: [
        [0, 0],
        [10, 10],
        [-10, 5],
      ],
      clusterStd: [0.5, 1, 2],
      seed: 4,
    });
    expect(d.centers.toArray()).toEqual([
      [0, 0],
      [10, 10],
      [-10, 5],
    ]);
    expect(counts(d.y.data)).toEqual({ 0: 1000, 1: 1000, 2: 1000 });
    const stds = [0.5, 1, 2];
    for (let k = 0; k < 3; k++) {
      let m = 0;
      let ss = 0;
      let n = 0;
      for (let i = 0; i < 3000; i++)
        if (d.y.data[i] === k) {
          m += d.x.data[2 * i]!;
          n++;
        }
      m /= n;
      for (let i = 0; i < 3000; i++) if (d.y.data[i] === k) ss += (d.x.data[2 * i]! - m) ** 2;
      expect(m).toBeCloseTo(d.centers.data[2 * k]!, 0);
      // the sample standard deviation of 1000 draws is within 10 % (over 4 standard errors)
      expect(Math.abs(Math.sqrt(ss / n) / stds[k]! - 1)).toBeLessThan(0.1);
    }
  });
  it("random centres lie in centerBox; n % k extra samples go to the first clusters", () => {
    const d = makeBlobs({ nSamples: 11, centers: 3, nFeatures: 4, centerBox: [0, 1], seed: 1 });
    expect(d.x.shape).toEqual([11, 4]);
    expect(Array.from(d.centers.data).every((v) => v >= 0 && v < 1)).toBe(true);
    expect(counts(d.y.data)).toEqual({ 0: 4, 1: 4, 2: 3 });
  });
  it("rejects bad centres, deviations and boxes", () => {
    expectError(
      () => makeBlobs({ centers: [[0, 0], [1]] }),
      ValueError,
      "makeBlobs",
      "options.centers",
      "centre 1 should be 2 finite numbers",
    );
    expectError(() => makeBlobs({ clusterStd: -1 }), ValueError, "options.clusterStd", "-1");
    expectError(
      () => makeBlobs({ centers: 2, clusterStd: [1, 2, 3] }),
      ValueError,
      "options.clusterStd",
      "2 of them",
    );
    expectError(() => makeBlobs({ centerBox: [1, 0] }), ValueError, "options.centerBox");
    expectError(() => makeBlobs({ centers: 0 }), ValueError, "options.centers", "got 0");
  });
});

describe("makeSpirals", () => {
  it("puts class k's j-th of m points at radius (j+1)/m and angle 2π(turns·r + k/K)", () => {
    const d = makeSpirals({ nSamples: 30, nClasses: 3, turns: 1.5, shuffle: false });
    expect(counts(d.y.data)).toEqual({ 0: 10, 1: 10, 2: 10 });
    const i = 14; // class 1, j = 4
    const r = 0.5;
    const t = 2 * Math.PI * (1.5 * r + 1 / 3);
    expect(d.x.data[2 * i]).toBeCloseTo(r * Math.cos(t), 6);
    expect(d.x.data[2 * i + 1]).toBeCloseTo(r * Math.sin(t), 6);
  });
  it("rejects 0 classes or negative turns", () => {
    expectError(() => makeSpirals({ nClasses: 0 }), ValueError, "makeSpirals", "options.nClasses");
    expectError(() => makeSpirals({ turns: -1 }), ValueError, "options.turns");
  });
});

describe("makeRegression", () => {
  it("y = x · coef + bias exactly without noise; only nInformative coefficients are non-zero", () => {
    const d = makeRegression({ nSamples: 50, nFeatures: 6, nInformative: 3, bias: 2, seed: 3 });
    expect(d.coef.shape).toEqual([6, 1]);
    const coef = Array.from(d.coef.data);
    expect(coef.filter((c) => c !== 0)).toHaveLength(3);
    expect(coef.every((c) => c >= 0 && c < 100)).toBe(true);
    for (let r = 0; r < 50; r++) {
      let s = 2;
      for (let j = 0; j < 6; j++) s += d.x.data[r * 6 + j]! * coef[j]!;
      expect(d.y.data[r]).toBeCloseTo(s, 2);
    }
  });
  it("several targets give y [n, targets]", () => {
    const d = makeRegression({ nSamples: 5, nFeatures: 3, nTargets: 2 });
    expect(d.y.shape).toEqual([5, 2]);
    expect(d.coef.shape).toEqual([3, 2]);
    expect(d.targetNames).toEqual(["y0", "y1"]);
  });
  it("noise adds N(0, noise²) to the targets", () => {
    const a = makeRegression({ nSamples: 3000, nFeatures: 2, seed: 5, shuffle: false });
    const b = makeRegression({ nSamples: 3000, nFeatures: 2, seed: 5, shuffle: false, noise: 3 });
    let ss = 0;
    for (let i = 0; i < 3000; i++) ss += (a.y.data[i]! - b.y.data[i]!) ** 2;
    expect(Math.sqrt(ss / 3000)).toBeCloseTo(3, 0);
  });
  it("rejects more informative features than features, and negative noise", () => {
    expectError(
      () => makeRegression({ nFeatures: 3, nInformative: 4 }),
      ValueError,
      "makeRegression",
      "options.nInformative",
      "at most nFeatures = 3",
    );
    expectError(() => makeRegression({ noise: -1 }), ValueError, "options.noise");
  });
});

describe("makeClassification", () => {
  it("has the asked shape and, without label noise, the asked class weights", () => {
    const d = makeClassification({
      nSamples: 200,
      nFeatures: 8,
      nInformative: 3,
      nRedundant: 2,
      nRepeated: 1,
      nClasses: 3,
      nClustersPerClass: 1,
      flipY: 0,
      weights: [0.5, 0.25],
      seed: 2,
    });
    expect(d.x.shape).toEqual([200, 8]);
    expect(counts(d.y.data)).toEqual({ 0: 100, 1: 50, 2: 50 });
    expect(d.targetNames).toEqual(["0", "1", "2"]);
  });
  it("a repeated feature is an exact copy of another column", () => {
    const d = makeClassification({
      nSamples: 30,
      nFeatures: 5,
      nInformative: 2,
      nRedundant: 1,
      nRepeated: 1,
      seed: 1,
    });
    const col = (j: number): number[] => Array.from({ length: 30 }, (_, r) => d.x.data[r * 5 + j]!);
    const cols = Array.from({ length: 5 }, (_, j) => col(j).join(","));
    expect(new Set(cols).size).toBe(4);
  });
  it("classes are separable: class means differ in the informative subspace", () => {
    const d = makeClassification({
      nSamples: 1000,
      nFeatures: 2,
      nInformative: 2,
      nRedundant: 0,
      nClustersPerClass: 1,
      flipY: 0,
      classSep: 3,
      seed: 9,
      shuffle: false,
    });
    const mean = (k: number, j: number): number => {
      let s = 0;
      let n = 0;
      for (let r = 0; r < 1000; r++)
        if (d.y.data[r] === k) {
          s += d.x.data[r * 2 + j]!;
          n++;
        }
      return s / n;
    };
    const gap = Math.hypot(mean(0, 0) - mean(1, 0), mean(0, 1) - mean(1, 1));
    expect(gap).toBeGreaterThan(3);
  });
  it("rejects impossible feature counts, too few informative features, bad weights and flipY", () => {
    expectError(
      () => makeClassification({ nFeatures: 3, nInformative: 2, nRedundant: 2 }),
      ValueError,
      "makeClassification",
      "options.nFeatures",
      "at most nFeatures = 3",
    );
    expectError(
      () => makeClassification({ nInformative: 1, nClasses: 3, nClustersPerClass: 1 }),
      ValueError,
      "options.nInformative",
      "3 clusters",
    );
    expectError(
      () => makeClassification({ weights: [0.5], nClasses: 3, nClustersPerClass: 1 }),
      ValueError,
      "options.weights",
      "3 or 2",
    );
    expectError(
      () => makeClassification({ weights: [0.8, 0.7], nClasses: 3, nClustersPerClass: 1 }),
      ValueError,
      "add up to more than 1",
    );
    expectError(() => makeClassification({ flipY: 2 }), ValueError, "options.flipY");
  });
  it("rejects options that are not an object", () => {
    expectError(
      () => makeClassification(3 as never),
      ValueError,
      "makeClassification",
      "'options'",
    );
    expectError(() => makeMoons("x" as never), ValueError, "makeMoons", "'options'");
    expectError(
      () => makeBlobs({ shuffle: 1 as unknown as boolean }),
      ValueError,
      "options.shuffle",
    );
  });
  it("uses DTypeError nowhere for options (all ValueError)", () => {
    expect(() => makeXor({ nSamples: "4" as unknown as number })).toThrow(ValueError);
    expect(() => makeXor({ nSamples: "4" as unknown as number })).not.toThrow(DTypeError);
  });
});
