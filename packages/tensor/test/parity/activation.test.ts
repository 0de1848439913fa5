import { beforeAll, describe, expect, it } from "vitest";
import type { UnaryOp } from "../../src/backend/kernels.js";
import { UNARY_GRAD_THREADS_MIN, UNARY_GRAD_WASM_MIN } from "../../src/backend/wasm/thresholds.js";
import {
  expectCoversThresholds,
  expectSameBits,
  expectWithin,
  generator,
  inMode,
  prepareThreads,
  rawWasmKernel,
  ref,
  SPECIALS,
  THREAD_MODES,
  wasmKernel,
} from "./helpers.js";

const wasmUnaryGrad = wasmKernel("unaryGrad");
const SIZES = [UNARY_GRAD_WASM_MIN - 1, UNARY_GRAD_WASM_MIN + 3, UNARY_GRAD_THREADS_MIN + 37];

/** Values over several scales with the specials at the end (and NaN/±Inf in g too). */
function data(n: number, seed: number): Float32Array {
  const rand = generator(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = (rand() * 2 - 1) * [1, 10, 1e-3, 100][i % 4]!;
  x.set(SPECIALS, n - SPECIALS.length);
  return x;
}

function run(op: UnaryOp, n: number, p1: number) {
  const x = data(n, n + op.length);
  const g = data(n, 3 * n);
  g.set([Number.NaN, Number.POSITIVE_INFINITY], 0);
  const y = new Float32Array(n);
  ref.unary(op, x, y, p1, 0);
  const expected = new Float32Array(n);
  ref.unaryGrad(op, g, x, y, expected, p1, 0);
  const results = THREAD_MODES.map((mode) => {
    const out = new Float32Array(n);
    inMode(mode, () => wasmUnaryGrad(op, g, x, y, out, p1, 0));
    return { mode: mode.name, out };
  });
  return { g, expected, results };
}

describe("wasm unaryGrad matches the reference", () => {
  beforeAll(async () => {
    await prepareThreads();
  });

  it("covers the thresholds", () => {
    expectCoversThresholds(SIZES, UNARY_GRAD_WASM_MIN, UNARY_GRAD_THREADS_MIN);
  });

  // Exact: a selection (relu, step, sign) or one product by a power of two.
  const EXACT: [UnaryOp, number][] = [
    ["relu", 0],
    ["leakyRelu", 0.25],
    ["step", 0],
    ["sign", 0],
  ];
  for (const [op, p1] of EXACT) {
    for (const n of SIZES) {
      it(`${op} on ${n} elements: bit-identical in every thread mode`, () => {
        const { expected, results } = run(op, n, p1);
        for (const r of results) expectSameBits(r.out, expected, `${op} ${r.mode}`);
      });
    }
  }

  it("leakyRelu with alpha 0.01 within one float32 rounding (alpha is applied in float32)", () => {
    const { expected, results } = run("leakyRelu", UNARY_GRAD_WASM_MIN + 3, 0.01);
    for (const r of results)
      expectWithin(r.out, expected, (i) => 2 ** -23 * Math.abs(expected[i]!) + 1e-45, r.mode);
  });

  // g·s·(1 − s) and g·(1 − t²) in float32 against float64 rounded once: two
  // more roundings and the rounding of 1 − s (or 1 − t²) relative to g, so
  // within 4 ulp of |g|/4 (resp. |g|); 1 and 2 threads bit-identical.
  for (const [op, scale] of [
    ["sigmoid", 0.25],
    ["tanh", 1],
  ] as const) {
    for (const n of SIZES) {
      it(`${op} on ${n} elements within 4 ulp of |g|·${scale}`, () => {
        const { g, expected, results } = run(op, n, 0);
        const tol = (i: number) => 2 ** -22 * scale * Math.abs(g[i]!) + 1e-45;
        for (const r of results) expectWithin(r.out, expected, tol, `${op} ${r.mode}`);
        for (const r of results.slice(1)) expectSameBits(r.out, results[0]!.out, r.mode);
      });
    }
  }

  it("declines other ops, float64 and small arrays", () => {
    const k = rawWasmKernel("unaryGrad");
    const n = UNARY_GRAD_WASM_MIN + 3;
    const a = new Float32Array(n);
    expect(k("relu", a, a, a, new Float32Array(n), 0, 0)).toBeUndefined();
    expect(k("elu", a, a, a, new Float32Array(n), 1, 0)).toBe(false);
    const d = new Float64Array(n);
    expect(k("relu", d, d, d, new Float64Array(n), 0, 0)).toBe(false);
    const s = new Float32Array(8);
    expect(k("relu", s, s, s, new Float32Array(8), 0, 0)).toBe(false);
  });
});
