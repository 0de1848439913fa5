import { DTypeError, ShapeError, Tensor, ValueError } from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type StreamChunk, StreamLoader, streamCsv } from "../src/index.js";
import { collect, expectAsyncError, expectError } from "./helpers.js";

/** Rows 0..n-1 cut into chunks of the given sizes; x = [i, -i], y = 10·i. */
function chunks(n: number, sizes: number[]): StreamChunk[] {
  const out: StreamChunk[] = [];
  for (let start = 0, k = 0; start < n; k++) {
    const m = Math.min(sizes[k % sizes.length]!, n - start);
    const x = new Float32Array(m * 2);
    const y = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      x[2 * i] = start + i;
      x[2 * i + 1] = -(start + i);
      y[i] = 10 * (start + i);
    }
    out.push({ x: new Tensor(x, [m, 2]), y: new Tensor(y, [m]) });
    start += m;
  }
  return out;
}

describe("StreamLoader", () => {
  it("re-cuts chunks of any size into batches of batchSize, in order", async () => {
    const loader = new StreamLoader(chunks(11, [3, 5]), { batchSize: 4 });
    const batches = await collect(loader);
    expect(batches.map((b) => b.x.shape)).toEqual([
      [4, 2],
      [4, 2],
      [3, 2],
    ]);
    expect(batches.flatMap((b) => Array.from(b.y.data))).toEqual(
      Array.from({ length: 11 }, (_, i) => 10 * i),
    );
    expect(batches.map((b) => [b.epoch, b.iteration])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
    ]);
  });
  it("dropLast leaves out a short last batch", async () => {
    const batches = await collect(
      new StreamLoader(chunks(11, [3]), { batchSize: 4, dropLast: true }),
    );
    expect(batches.map((b) => b.x.shape[0])).toEqual([4, 4]);
  });
  it("runs one epoch per for await", async () => {
    const loader = new StreamLoader(chunks(5, [2]), { batchSize: 2 });
    await collect(loader);
    const second = await collect(loader);
    expect(second[0]!.epoch).toBe(1);
    expect(loader.nextEpoch).toBe(2);
  });
  it("property: with a shuffle window every row comes exactly once, paired, and the same seed repeats", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 0, max: 1000 }),
        async (n, sizes, bs, window, seed) => {
          const source = chunks(n, sizes);
          const a = await collect(
            new StreamLoader(source, { batchSize: bs, shuffleBuffer: window, seed }).epoch(3),
          );
          const b = await collect(
            new StreamLoader(source, { batchSize: bs, shuffleBuffer: window, seed }).epoch(3),
          );
          const rows = a.flatMap((bt) => Array.from(bt.x.data).filter((_, i) => i % 2 === 0));
          expect([...rows].sort((p, q) => p - q)).toEqual(Array.from({ length: n }, (_, i) => i));
          expect(a.flatMap((bt) => Array.from(bt.y.data))).toEqual(rows.map((r) => 10 * r));
          expect(b.flatMap((bt) => Array.from(bt.x.data))).toEqual(
            a.flatMap((bt) => Array.from(bt.x.data)),
          );
          expect(a.length).toBe(Math.ceil(n / bs));
        },
      ),
      { numRuns: 150 },
    );
  });
  it("a shuffle window actually reorders rows", async () => {
    const [b] = await collect(
      new StreamLoader(chunks(50, [50]), { batchSize: 50, shuffleBuffer: 50, seed: 1 }),
    );
    expect(Array.from(b!.y.data)).not.toEqual(Array.from({ length: 50 }, (_, i) => 10 * i));
  });
  it("takes streamCsv batches directly", async () => {
    let text = "a,b,y\n";
    for (let i = 0; i < 10; i++) text += `${i},${2 * i},${i % 2}\n`;
    const loader = new StreamLoader(
      streamCsv(text, { batchSize: 3, target: "y", classes: [0, 1] }),
      { batchSize: 4 },
    );
    const batches = await collect(loader);
    expect(batches.map((b) => b.x.shape[0])).toEqual([4, 4, 2]);
    expect(batches[0]!.y.dtype).toBe("int32");
  });
});

describe("StreamLoader errors", () => {
  it("batch size 0 or missing", () => {
    expectError(
      () => new StreamLoader([], { batchSize: 0 }),
      ValueError,
      "StreamLoader",
      "options.batchSize",
      "got 0",
    );
    expectError(
      () => new StreamLoader([], {} as { batchSize: number }),
      ValueError,
      "options.batchSize",
      "got none",
    );
  });
  it("a negative shuffle window", () => {
    expectError(
      () => new StreamLoader([], { batchSize: 1, shuffleBuffer: -1 }),
      ValueError,
      "options.shuffleBuffer",
    );
  });
  it("a source that is not iterable", () => {
    expectError(
      () => new StreamLoader(5 as unknown as StreamChunk[], { batchSize: 1 }),
      DTypeError,
      "StreamLoader",
      "'source'",
      "iterable",
    );
  });
  it("a chunk without targets", () => {
    return expectAsyncError(
      () => collect(new StreamLoader(streamCsv("a,b\n1,2\n", { batchSize: 1 }), { batchSize: 1 })),
      ValueError,
      "source chunk 0 has no targets",
    );
  });
  it("a chunk whose rows differ from the first chunk's", () => {
    const source = [
      ...chunks(2, [2]),
      { x: new Tensor(new Float32Array(3), [1, 3]), y: new Tensor(new Int32Array(1), [1]) },
    ];
    return expectAsyncError(
      () => collect(new StreamLoader(source, { batchSize: 2 })),
      ShapeError,
      "source chunk 1",
      "[1,3]",
      "earlier chunks had rows of [2]",
    );
  });
  it("a chunk with x and y of different lengths", () => {
    const source = [
      { x: new Tensor(new Float32Array(4), [2, 2]), y: new Tensor(new Int32Array(3), [3]) },
    ];
    return expectAsyncError(
      () => collect(new StreamLoader(source, { batchSize: 2 })),
      ShapeError,
      "same number of samples",
    );
  });
  it("a chunk that is not { x, y }", () => {
    return expectAsyncError(
      () => collect(new StreamLoader([1] as unknown as StreamChunk[], { batchSize: 2 })),
      DTypeError,
      "source chunk 0",
      "{ x, y }",
    );
  });
});
