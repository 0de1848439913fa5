import { beforeAll, describe, it } from "vitest";
import type { ReduceOp } from "../../src/backend/kernels.js";
import { REDUCE_THREADS_MIN, REDUCE_WASM_MIN } from "../../src/backend/wasm/thresholds.js";
import {
  expectCoversThresholds,
  expectSameBits,
  expectWithin,
  generator,
  inMode,
  prepareThreads,
  ref,
  THREAD_MODES,
  uniformArray,
  wasmKernel,
} from "./helpers.js";

const wasmReduce = wasmKernel("reduce");

// [outer, len, inner]: rows (inner = 1) short and long, columns in whole and
// partial blocks of 16 lanes, a small case for the reference, and big ones for threads.
const SHAPES: [number, number, number][] = [
  [1, 5000, 1],
  [300, 7, 1],
  [97, 131, 1],
  [3, 200, 16],
  [2, 100, 48],
  [5, 90, 19],
  [4, 300, 5],
  [1, 1030, 33],
  [128, 512, 1],
  [1, 128, 512],
  [4, 10, 3],
  [1, 2048, 160],
  [1024, 600, 1],
];
const OPS: ReduceOp[] = ["sum", "max", "min"];

describe("wasm reductions match the reference", () => {
  beforeAll(async () => {
    await prepareThreads();
  });

  it("covers sizes below and above the thresholds", () => {
    const sizes = SHAPES.map(([o, l, i]) => o * l * i);
    expectCoversThresholds(sizes, REDUCE_WASM_MIN, REDUCE_THREADS_MIN);
  });

  for (const [outer, len, inner] of SHAPES) {
    for (const op of OPS) {
      for (const withNaN of [false, true]) {
        const label = `${op} over [${outer}, ${len}, ${inner}]${withNaN ? " with NaN" : ""}`;
        it(label, () => {
          const rand = generator(outer * 7 + len * 13 + inner + op.length);
          const x = uniformArray(outer * len * inner, rand, -4, 4);
          if (withNaN) x[Math.floor(x.length / 3)] = Number.NaN;
          x[x.length - 1] = 1e6; // a large value keeps sums honest about rounding
          const expected = new Float32Array(outer * inner);
          ref.reduce(op, x, expected, outer, len, inner);
          const scale = new Float32Array(outer * inner);
          ref.reduce("sum", Float32Array.from(x, Math.abs), scale, outer, len, inner);
          for (const mode of THREAD_MODES) {
            const out = new Float32Array(outer * inner);
            inMode(mode, () => wasmReduce(op, x, out, outer, len, inner));
            if (op === "sum") {
              // float64 sums in another order can differ by one float32 rounding.
              expectWithin(out, expected, (i) => 1.2e-7 * scale[i]!, `${label} (${mode.name})`);
            } else {
              expectSameBits(out, expected, `${label} (${mode.name})`);
            }
          }
        });
      }
    }
  }
});
