import { DTypeError, Rng, ShapeError, Tensor, tensor, ValueError } from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DataLoader } from "../src/index.js";
import { expectError } from "./helpers.js";

/** Sum of the values. */
const total = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v) => s + v, 0);

/** x = [[0], [1], …], y = [0, 10, 20, …] so a batch shows which rows it holds. */
function data(n: number): { x: Tensor; y: Tensor } {
  return {
    x: new Tensor(
      Float32Array.from({ length: n }, (_, i) => i),
      [n, 1],
    ),
    y: new Tensor(
      Int32Array.from({ length: n }, (_, i) => 10 * i),
      [n],
    ),
  };
}

describe("DataLoader: batch size, epoch, iteration", () => {
  it("wine's numbers: 133 samples, batch 5 → 27 iterations per epoch, 810 updates in 30 epochs", () => {
    const { x, y } = data(133);
    const loader = new DataLoader(x, y, { batchSize: 5, shuffle: true, seed: 0 });
    expect(loader.iterationsPerEpoch).toBe(27);
    let updates = 0;
    const sizes: number[] = [];
    for (let e = 0; e < 30; e++)
      for (const b of loader) {
        updates++;
        if (e === 0) sizes.push(b.x.shape[0]!);
        expect(b.epoch).toBe(e);
        expect(b.step).toBe(updates - 1);
      }
    expect(updates).toBe(810);
    expect(sizes).toEqual([...new Array<number>(26).fill(5), 3]);
  });
  it("dropLast: ⌊133 / 5⌋ = 26 iterations, every batch full", () => {
    const { x, y } = data(133);
    const loader = new DataLoader(x, y, { batchSize: 5, dropLast: true });
    expect(loader.iterationsPerEpoch).toBe(26);
    expect([...loader].every((b) => b.x.shape[0] === 5)).toBe(true);
  });
  it("other sizes: ⌈n / b⌉ or ⌊n / b⌋", () => {
    const cases: [number, number, number, number][] = [
      [10, 5, 2, 2],
      [10, 3, 4, 3],
      [1, 1, 1, 1],
      [379, 5, 76, 75],
      [7, 7, 1, 1],
      [7, 8, 1, 1],
    ];
    for (const [n, bs, plain, dropLast] of cases) {
      const { x, y } = data(n);
      expect(new DataLoader(x, y, { batchSize: bs }).iterationsPerEpoch).toBe(plain);
      if (bs <= n)
        expect(new DataLoader(x, y, { batchSize: bs, dropLast: true }).iterationsPerEpoch).toBe(
          dropLast,
        );
    }
  });
  it("without shuffle, batches visit rows in order and y stays paired with x", () => {
    const { x, y } = data(7);
    const batches = [...new DataLoader(x, y, { batchSize: 3 })];
    expect(batches.map((b) => Array.from(b.x.data))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(batches.map((b) => Array.from(b.y.data))).toEqual([[0, 10, 20], [30, 40, 50], [60]]);
    expect(batches.map((b) => b.iteration)).toEqual([0, 1, 2]);
    expect(batches[1]!.x.shape).toEqual([3, 1]);
  });
  it("without shuffle, batches are views of x (no copy)", () => {
    const { x, y } = data(6);
    const [b] = [...new DataLoader(x, y, { batchSize: 3 })];
    expect(b!.x.data.buffer).toBe(x.data.buffer);
  });
  it("for...of runs epoch 0, 1, 2, … even after a loop stopped early; epoch(e) does not move it", () => {
    const { x, y } = data(10);
    const loader = new DataLoader(x, y, { batchSize: 4, shuffle: true, seed: 9 });
    for (const b of loader) {
      expect(b.epoch).toBe(0);
      break;
    }
    expect(loader.nextEpoch).toBe(1);
    expect([...loader.epoch(5)][0]!.epoch).toBe(5);
    expect([...loader][0]!.epoch).toBe(1);
  });
  it("epoch e's shuffle depends only on the seed and e: identical bits across loaders", () => {
    const { x, y } = data(50);
    const a = new DataLoader(x, y, { batchSize: 8, shuffle: true, seed: 123 });
    const b = new DataLoader(x, y, { batchSize: 8, shuffle: true, seed: 123 });
    const c = new DataLoader(x, y, { batchSize: 8, shuffle: true, seed: 124 });
    const flat = (l: DataLoader, e: number): number[] =>
      [...l.epoch(e)].flatMap((bt) => Array.from(bt.x.data));
    expect(flat(a, 3)).toEqual(flat(b, 3));
    expect(flat(a, 3)).not.toEqual(flat(a, 4));
    expect(flat(a, 3)).not.toEqual(flat(c, 3));
    expect(Array.from(a.order(3))).toEqual(flat(b, 3));
  });
  it("an Rng seeds the loader (and is advanced by it)", () => {
    const { x, y } = data(20);
    const rng = new Rng(7);
    const a = new DataLoader(x, y, { batchSize: 5, shuffle: true, seed: rng });
    const b = new DataLoader(x, y, { batchSize: 5, shuffle: true, seed: rng });
    const c = new DataLoader(x, y, { batchSize: 5, shuffle: true, seed: new Rng(7) });
    expect(Array.from(a.order(0))).toEqual(Array.from(c.order(0)));
    expect(Array.from(a.order(0))).not.toEqual(Array.from(b.order(0)));
  });
  it("property: every index appears exactly once per epoch, with or without shuffle", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 1000 }),
        (n, bs, shuffle, seed, epoch) => {
          const { x, y } = data(n);
          const loader = new DataLoader(x, y, { batchSize: bs, shuffle, seed });
          const seen: number[] = [];
          let iterations = 0;
          for (const b of loader.epoch(epoch)) {
            iterations++;
            b.x.data.forEach((v, i) => {
              seen.push(v);
              expect(b.y.data[i]).toBe(10 * v);
            });
            expect(Array.from(b.indices)).toEqual(Array.from(b.x.data));
          }
          expect(iterations).toBe(Math.ceil(n / bs));
          expect(seen.sort((p, q) => p - q)).toEqual(Array.from({ length: n }, (_, i) => i));
        },
      ),
      { numRuns: 300 },
    );
  });
  it("reuseBuffers: shuffled batches alternate between two buffers", () => {
    const { x, y } = data(20);
    const loader = new DataLoader(x, y, { batchSize: 4, shuffle: true, reuseBuffers: true });
    const bufs = [...loader].map((b) => b.x.data.buffer);
    expect(bufs[0]).toBe(bufs[2]);
    expect(bufs[1]).toBe(bufs[3]);
    expect(bufs[0]).not.toBe(bufs[1]);
    const fresh = [...new DataLoader(x, y, { batchSize: 4, shuffle: true })].map(
      (b) => b.x.data.buffer,
    );
    expect(fresh[0]).not.toBe(fresh[2]);
  });
  it("reuseBuffers in a training loop sees the same values as fresh batches", () => {
    const { x, y } = data(23);
    const a = new DataLoader(x, y, { batchSize: 4, shuffle: true, seed: 5, reuseBuffers: true });
    const b = new DataLoader(x, y, { batchSize: 4, shuffle: true, seed: 5 });
    const sums = (l: DataLoader): number[] =>
      [...l.epoch(2)].map((bt) => total(bt.x.data) + total(bt.y.data));
    // Consumed one batch at a time (like a training loop), reuse is invisible.
    const seq: number[] = [];
    for (const bt of a.epoch(2)) seq.push(total(bt.x.data) + total(bt.y.data));
    expect(seq).toEqual(sums(b));
  });
  it("works with for await", async () => {
    const { x, y } = data(9);
    const loader = new DataLoader(x, y, { batchSize: 4 });
    const sizes: number[] = [];
    for await (const b of loader) sizes.push(b.x.shape[0]!);
    expect(sizes).toEqual([4, 4, 1]);
    expect(loader.nextEpoch).toBe(1);
  });
  it("keeps extra axes of x and y", () => {
    const x = new Tensor(new Float32Array(6 * 2 * 2), [6, 2, 2]);
    const y = new Tensor(new Float32Array(6 * 3), [6, 3]);
    const [b] = [...new DataLoader(x, y, { batchSize: 4, shuffle: true })];
    expect(b!.x.shape).toEqual([4, 2, 2]);
    expect(b!.y.shape).toEqual([4, 3]);
  });
});

describe("DataLoader errors", () => {
  const { x, y } = data(10);
  it("batch size 0", () => {
    expectError(
      () => new DataLoader(x, y, { batchSize: 0 }),
      ValueError,
      "DataLoader",
      "options.batchSize",
      "integer >= 1",
      "got 0",
    );
  });
  it("a fractional or missing batch size", () => {
    expectError(
      () => new DataLoader(x, y, { batchSize: 2.5 }),
      ValueError,
      "options.batchSize",
      "2.5",
    );
    expectError(
      () => new DataLoader(x, y, {} as { batchSize: number }),
      ValueError,
      "options.batchSize",
      "got none",
    );
  });
  it("a batch size larger than the data with dropLast", () => {
    expectError(
      () => new DataLoader(x, y, { batchSize: 11, dropLast: true }),
      ValueError,
      "DataLoader",
      "batch size 11 is larger than the 10 samples",
      "dropLast",
    );
  });
  it("x and y of different lengths", () => {
    expectError(
      () => new DataLoader(x, tensor([1, 2, 3]), { batchSize: 2 }),
      ShapeError,
      "DataLoader",
      "same number of samples",
      "x has 10",
      "y has 3",
    );
  });
  it("no samples", () => {
    const e = data(0);
    expectError(
      () => new DataLoader(e.x, e.y, { batchSize: 1 }),
      ValueError,
      "DataLoader",
      "at least one sample",
    );
  });
  it("a scalar or a non-tensor x", () => {
    expectError(
      () => new DataLoader(tensor(1), y, { batchSize: 1 }),
      ShapeError,
      "DataLoader",
      "'x'",
      "scalar",
    );
    expectError(
      () => new DataLoader([1] as unknown as Tensor, y, { batchSize: 1 }),
      DTypeError,
      "'x'",
      "expected a Tensor",
    );
  });
  it("bad shuffle, dropLast, seed, epoch", () => {
    expectError(
      () => new DataLoader(x, y, { batchSize: 2, shuffle: "yes" as unknown as boolean }),
      ValueError,
      "options.shuffle",
    );
    expectError(
      () => new DataLoader(x, y, { batchSize: 2, dropLast: 1 as unknown as boolean }),
      ValueError,
      "options.dropLast",
    );
    expectError(
      () => new DataLoader(x, y, { batchSize: 2, seed: "a" as unknown as number }),
      ValueError,
      "options.seed",
    );
    expectError(
      () => new DataLoader(x, y, { batchSize: 2 }).epoch(-1),
      ValueError,
      "DataLoader.epoch",
      "'epoch'",
      "-1",
    );
  });
});
