import { beforeAll, describe, expect, it } from "vitest";
import type { BinaryOp } from "../../src/backend/kernels.js";
import { operandLayout } from "../../src/backend/wasm/kernels/binary.js";
import { BINARY_THREADS_MIN, BINARY_WASM_MIN } from "../../src/backend/wasm/thresholds.js";
import { broadcastShapes, broadcastStrides, sizeOf } from "../../src/shape.js";
import {
  expectCoversThresholds,
  expectSameBits,
  generator,
  inMode,
  prepareThreads,
  ref,
  SPECIALS,
  THREAD_MODES,
  wasmKernel,
} from "./helpers.js";

const wasmBinary = wasmKernel("binary");

const OPS: BinaryOp[] = [
  "add",
  "sub",
  "mul",
  "div",
  "maximum",
  "minimum",
  "eq",
  "ne",
  "gt",
  "ge",
  "lt",
  "le",
  "pow", // left to the reference
];

/** Random values with repeats (so eq/ne see equal pairs) and special values. */
function data(n: number, seed: number): Float32Array {
  const rand = generator(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.round((rand() * 2 - 1) * 8) / 4;
  for (let i = 0; i < Math.min(n, SPECIALS.length); i++) x[(i * 7919) % n] = SPECIALS[i]!;
  return x;
}

/** Broadcast patterns [a shape, b shape] and whether the wasm kernel handles them itself. */
const R = 67; // odd row count
const C = 129; // odd column count (row ends are scalar)
const C4 = 128; // columns a multiple of 4
const BIG = Math.ceil(BINARY_THREADS_MIN / C4) + 3;
const CASES: [string, number[], number[]][] = [
  ["same shape", [R, C], [R, C]],
  ["tensor and scalar", [R, C], []],
  ["scalar and tensor", [1], [R, C]],
  ["rows + row vector", [R, C], [C]],
  ["row vector + rows", [1, C], [R, C]],
  ["rows + column", [R, C], [R, 1]],
  ["column + rows", [R, 1], [R, C]],
  ["column x row (outer)", [R, 1], [1, C]],
  ["3-d + column", [3, R, C4], [3, R, 1]],
  ["bias over a big batch", [BIG, C4], [C4]],
  ["big same shape", [BIG, C4], [BIG, C4]],
  ["general broadcast (reference)", [R, 1, 8], [1, 9, 8]],
  ["small (reference)", [3, 5], [5]],
];

describe("wasm binary kernels match the reference bit for bit", () => {
  beforeAll(async () => {
    await prepareThreads();
  });

  it("recognises operand layouts", () => {
    expect(operandLayout([3, 1], [4, 3])).toBe(0); // full
    expect(operandLayout([0, 1], [4, 3])).toBe(1); // row
    expect(operandLayout([1, 0], [4, 3])).toBe(2); // column
    expect(operandLayout([0, 0], [4, 3])).toBe(3); // scalar
    expect(operandLayout([0, 1, 0], [2, 3, 4])).toBe(-1); // middle axis only
    expect(operandLayout([0, 3, 0], [2, 3, 4])).toBe(-1);
  });

  it("covers sizes below and above the thresholds", () => {
    const sizes = CASES.map(([, a, b]) => sizeOf(broadcastShapes("test", a, b)));
    expectCoversThresholds(sizes, BINARY_WASM_MIN, BINARY_THREADS_MIN);
  });

  for (const [name, aShape, bShape] of CASES) {
    for (const op of OPS) {
      it(`${op}: ${name} [${aShape}] with [${bShape}]`, () => {
        const shape = broadcastShapes(op, aShape, bShape);
        const a = data(sizeOf(aShape), sizeOf(aShape) + op.length);
        const b = data(sizeOf(bShape), 3 * sizeOf(bShape) + 1);
        const as = broadcastStrides(aShape, shape);
        const bs = broadcastStrides(bShape, shape);
        const expected = new Float32Array(sizeOf(shape));
        ref.binary(op, a, as, b, bs, expected, shape);
        for (const mode of THREAD_MODES) {
          const out = new Float32Array(expected.length);
          inMode(mode, () => wasmBinary(op, a, as, b, bs, out, shape));
          expectSameBits(out, expected, `${op} ${name} (${mode.name})`);
        }
      });
    }
  }

  it("int32 and float64 operands go to the reference", () => {
    const shape = [R, C];
    const n = R * C;
    const a = Int32Array.from({ length: n }, (_, i) => i % 17);
    const b = Int32Array.from({ length: n }, (_, i) => i % 5);
    const out = new Int32Array(n);
    const expected = new Int32Array(n);
    wasmBinary("mul", a, [C, 1], b, [C, 1], out, shape);
    ref.binary("mul", a, [C, 1], b, [C, 1], expected, shape);
    expectSameBits(out, expected, "int32 mul");
    const x = Float64Array.from(data(n, 9));
    const outD = new Float64Array(n);
    const expectedD = new Float64Array(n);
    wasmBinary("div", x, [C, 1], x, [0, 0], outD, shape);
    ref.binary("div", x, [C, 1], x, [0, 0], expectedD, shape);
    expectSameBits(outD, expectedD, "float64 div");
  });
});
