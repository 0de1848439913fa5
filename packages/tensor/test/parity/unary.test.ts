import { beforeAll, describe, expect, it } from "vitest";
import type { UnaryOp } from "../../src/backend/kernels.js";
import {
  UNARY_MATH_THREADS_MIN,
  UNARY_MATH_WASM_MIN,
  UNARY_THREADS_MIN,
  UNARY_WASM_MIN,
} from "../../src/backend/wasm/thresholds.js";
import {
  expectSameBits,
  expectWithin,
  generator,
  inMode,
  prepareThreads,
  ref,
  SPECIALS,
  THREAD_MODES,
  wasmKernel,
} from "./helpers.js";

const wasmUnary = wasmKernel("unary");

/** Ops computed exactly (the same float32 bits as the reference). */
const EXACT: [UnaryOp, number, number][] = [
  ["neg", 0, 0],
  ["abs", 0, 0],
  ["square", 0, 0],
  ["sqrt", 0, 0],
  ["reciprocal", 0, 0],
  ["relu", 0, 0],
  ["step", 0, 0],
  ["step", 0.5, 0],
  ["clip", -0.25, 0.5],
  ["sign", 0, 0],
];

/** Ops by polynomial approximation, with their relative tolerance. */
const APPROX: [UnaryOp, number][] = [
  ["exp", 4e-7],
  ["log", 4e-7],
  ["sigmoid", 4e-7],
  ["tanh", 4e-7],
];

/** Ops the wasm backend leaves to the reference: results must be identical. */
const DELEGATED: UnaryOp[] = [
  "log1p",
  "floor",
  "round",
  "elu",
  "softplus",
  "selu",
  "gelu",
  "geluTanh",
  "swish",
  "hardSigmoid",
];

/** Random values over several scales, plus the special values, for `n` elements. */
function data(n: number, seed: number, positive = false): Float32Array {
  const rand = generator(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const scale = [1, 10, 100, 1e-3][i % 4]!;
    const v = (rand() * 2 - 1) * scale;
    x[i] = positive ? Math.abs(v) * [1, 1e20, 1e-20, 1][i % 4]! : v;
  }
  x.set(SPECIALS, n - SPECIALS.length);
  return x;
}

function run(op: UnaryOp, x: Float32Array, p1: number, p2: number) {
  const expected = new Float32Array(x.length);
  ref.unary(op, x, expected, p1, p2);
  const results = THREAD_MODES.map((mode) => {
    const out = new Float32Array(x.length);
    inMode(mode, () => wasmUnary(op, x, out, p1, p2));
    return { mode: mode.name, out };
  });
  return { expected, results };
}

describe("wasm unary kernels match the reference", () => {
  beforeAll(async () => {
    await prepareThreads();
  });

  // Below and above the wasm threshold, and past the threading one; odd lengths.
  const sizes = (op: UnaryOp) => [
    UNARY_MATH_WASM_MIN - 1,
    UNARY_WASM_MIN + 3,
    (APPROX.some(([a]) => a === op) ? UNARY_MATH_THREADS_MIN : UNARY_THREADS_MIN) + 37,
  ];

  for (const [op, p1, p2] of EXACT) {
    for (const n of sizes(op)) {
      it(`${op}(${p1}, ${p2}) on ${n} elements`, () => {
        const x = data(n, n + op.length);
        const { expected, results } = run(op, x, p1, p2);
        for (const r of results) expectSameBits(r.out, expected, `${op} ${r.mode}`);
      });
    }
  }

  it("leakyRelu within one float32 rounding (alpha is applied in float32)", () => {
    const x = data(UNARY_WASM_MIN + 5, 3);
    const { expected, results } = run("leakyRelu", x, 0.01, 0);
    for (const r of results) {
      expectWithin(r.out, expected, (i) => 1.2e-7 * Math.abs(expected[i]!), `leakyRelu ${r.mode}`);
    }
  });

  for (const [op, rtol] of APPROX) {
    for (const n of sizes(op)) {
      it(`${op} on ${n} elements within ${rtol} relative`, () => {
        const x = data(n, 7 * n + op.length, op === "log");
        const { expected, results } = run(op, x, 0, 0);
        // Results below the smallest normal float32 may be flushed to zero.
        const tol = (i: number) => rtol * Math.abs(expected[i]!) + 1.2e-38;
        for (const r of results) expectWithin(r.out, expected, tol, `${op} ${r.mode}`);
        for (let i = 1; i < results.length; i++) {
          expectSameBits(results[i]!.out, results[0]!.out, `${op} ${results[i]!.mode}`);
        }
      });
    }
  }

  // An activation must never turn a NaN into a number (relu, step and sign once did).
  const ACTIVATIONS: [UnaryOp, number, number][] = [
    ["relu", 0, 0],
    ["leakyRelu", 0.3, 0],
    ["step", 0, 0],
    ["step", 0.5, 0],
    ["sign", 0, 0],
    ["sigmoid", 0, 0],
    ["tanh", 0, 0],
    ["elu", 1, 0],
    ["softplus", 0, 0],
    ["clip", -0.25, 0.5],
  ];
  for (const [op, p1, p2] of ACTIVATIONS) {
    it(`${op}(${p1}) keeps NaN in every lane, in the reference and in wasm`, () => {
      const x = data(UNARY_THREADS_MIN + 37, 5);
      const nans = [0, 1, 2, 3, 17, 1000, x.length - 2, x.length - 1];
      for (const i of nans) x[i] = Number.NaN;
      const { expected, results } = run(op, x, p1, p2);
      for (const out of [expected, ...results.map((r) => r.out)])
        for (const i of nans) expect(out[i], `${op} at ${i}`).toBeNaN();
    });
  }

  it("log of negative numbers, zero, infinity and NaN", () => {
    const x = new Float32Array(UNARY_WASM_MIN).fill(-2);
    x.set([0, -0, Number.POSITIVE_INFINITY, Number.NaN, -1e-40, 1e-45]);
    const { expected, results } = run("log", x, 0, 0);
    for (const r of results) {
      expectWithin(r.out, expected, (i) => 4e-7 * Math.abs(expected[i]!), `log ${r.mode}`);
    }
  });

  for (const op of DELEGATED) {
    it(`${op} falls back to the reference`, () => {
      const x = data(UNARY_WASM_MIN + 1, 11);
      const { expected, results } = run(op, x, 1, 0);
      for (const r of results) expectSameBits(r.out, expected, `${op} ${r.mode}`);
    });
  }

  it("float64 and int32 arrays go to the reference", () => {
    const x = Float64Array.from(data(UNARY_WASM_MIN + 1, 5));
    const out = new Float64Array(x.length);
    const expected = new Float64Array(x.length);
    wasmUnary("exp", x, out, 0, 0);
    ref.unary("exp", x, expected, 0, 0);
    expectSameBits(out, expected, "float64 exp");
    const xi = Int32Array.from({ length: UNARY_WASM_MIN + 1 }, (_, i) => i - 50);
    const outi = new Int32Array(xi.length);
    wasmUnary("relu", xi, outi, 0, 0);
    expect(outi[0]).toBe(0);
    expect(outi[100]).toBe(50);
  });

  it("works in place (out = x)", () => {
    const x = data(UNARY_WASM_MIN + 9, 1);
    const expected = new Float32Array(x.length);
    ref.unary("tanh", x, expected, 0, 0);
    wasmUnary("tanh", x, x, 0, 0);
    expectWithin(x, expected, (i) => 4e-7 * Math.abs(expected[i]!) + 1.2e-38, "in place");
  });
});
