import { beforeAll, describe, expect, it } from "vitest";
import type { UnaryOp } from "../../src/backend/kernels.js";
import {
  DENSE_PASS_THREADS_MIN,
  MATMUL_THREADS_MIN,
  MATMUL_WASM_MIN,
} from "../../src/backend/wasm/thresholds.js";
import {
  expectSameBits,
  expectWithin,
  generator,
  inMode,
  prepareThreads,
  rawWasmKernel,
  ref,
  THREAD_MODES,
  wasmKernel,
} from "./helpers.js";

const wasmForward = wasmKernel("denseForward");
const wasmBackward = wasmKernel("denseBackward");

// [rows, inDim, units]: below the wasm threshold; odd units (row tails of 1-3
// columns); past the thread thresholds of the dense passes and of the products.
const SHAPES: [number, number, number][] = [
  [3, 5, 7],
  [33, 20, 17],
  [64, 31, 6],
  [160, 64, 522],
];

/**
 * Multiples of 1/4 in [-2, 2] (with `specials` NaN and ±Infinity at a few
 * places): every product and sum of these shapes is exact in float32 whatever
 * the order, so the fused kernels must match the reference bit for bit and
 * tolerances below only cover the activations' own float32 arithmetic.
 */
function quarters(n: number, seed: number, specials = false): Float32Array {
  const rand = generator(seed);
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.floor(rand() * 17 - 8) / 4;
  if (specials && n > 8) {
    a[1] = Number.NaN;
    a[n - 2] = Number.POSITIVE_INFINITY;
    a[n - 5] = Number.NEGATIVE_INFINITY;
  }
  return a;
}

interface Case {
  rows: number;
  inDim: number;
  units: number;
  x: Float32Array;
  k: Float32Array;
  b: Float32Array;
}

function caseOf([rows, inDim, units]: [number, number, number], seed: number): Case {
  return {
    rows,
    inDim,
    units,
    x: quarters(rows * inDim, seed, true),
    k: quarters(inDim * units, seed + 1),
    b: quarters(units, seed + 2),
  };
}

function forward(c: Case, op: UnaryOp | null, p1: number, fwd: typeof wasmForward) {
  const z = new Float32Array(c.rows * c.units);
  const y = new Float32Array(c.rows * c.units);
  fwd(c.x, c.k, c.b, z, y, c.rows, c.inDim, c.units, op, p1, 0);
  return { z, y };
}

function backward(
  c: Case,
  op: UnaryOp | null,
  p1: number,
  z: Float32Array,
  y: Float32Array,
  g: Float32Array,
  bwd: typeof wasmBackward,
) {
  const dz = new Float32Array(c.rows * c.units);
  const dx = new Float32Array(c.rows * c.inDim);
  const dk = new Float32Array(c.inDim * c.units);
  const db = new Float32Array(c.units);
  bwd(g, c.x, c.k, z, y, dz, dx, dk, db, c.rows, c.inDim, c.units, op, p1, 0);
  return { dz, dx, dk, db };
}

/** Activations exact on quarter inputs (alpha 0.25 is a power of two). */
const EXACT: [UnaryOp | null, number][] = [
  [null, 0],
  ["relu", 0],
  ["leakyRelu", 0.25],
  ["step", 0],
  ["sign", 0],
];

describe("wasm dense kernels match the reference", () => {
  beforeAll(async () => {
    await prepareThreads();
  });

  it("covers the thresholds", () => {
    const macs = SHAPES.map(([r, i, u]) => r * i * u);
    expect(Math.min(...macs)).toBeLessThan(MATMUL_WASM_MIN);
    expect(Math.max(...macs)).toBeGreaterThanOrEqual(MATMUL_THREADS_MIN);
    expect(Math.max(...SHAPES.map(([r, , u]) => r * u))).toBeGreaterThanOrEqual(
      DENSE_PASS_THREADS_MIN,
    );
  });

  for (const shape of SHAPES) {
    for (const [op, p1] of EXACT) {
      it(`${op ?? "identity"} on [${shape}]: bit-identical forward and backward in every thread mode`, () => {
        const c = caseOf(shape, shape[0] + shape[2]);
        const want = forward(c, op, p1, ref.denseForward);
        const g = quarters(c.rows * c.units, 99);
        const wantB = backward(c, op, p1, want.z, want.y, g, ref.denseBackward);
        for (const mode of THREAD_MODES) {
          inMode(mode, () => {
            const got = forward(c, op, p1, wasmForward);
            expectSameBits(got.z, want.z, `z ${mode.name}`);
            expectSameBits(got.y, want.y, `y ${mode.name}`);
            const gotB = backward(c, op, p1, want.z, want.y, g, wasmBackward);
            if (op !== null) expectSameBits(gotB.dz, wantB.dz, `dz ${mode.name}`);
            expectSameBits(gotB.db, wantB.db, `db ${mode.name}`);
            expectSameBits(gotB.dx, wantB.dx, `dx ${mode.name}`);
            expectSameBits(gotB.dk, wantB.dk, `dk ${mode.name}`);
          });
        }
      });
    }

    for (const op of ["sigmoid", "tanh"] as const) {
      it(`${op} on [${shape}]: within float32 rounding of the reference; 1 and 2 threads bit-identical`, () => {
        const c = caseOf(shape, 3 * shape[0]);
        const want = forward(c, op, 0, ref.denseForward);
        const g = quarters(c.rows * c.units, 7);
        const wantB = backward(c, op, 0, want.z, want.y, g, ref.denseBackward);
        for (const mode of THREAD_MODES) {
          inMode(mode, () => {
            const got = forward(c, op, 0, wasmForward);
            const gotB = backward(c, op, 0, want.z, want.y, g, wasmBackward);
            // z is exact; y is the polynomial sigmoid / tanh of the unary kernel (4e-7 relative).
            expectSameBits(got.z, want.z, `z ${mode.name}`);
            expectWithin(
              got.y,
              want.y,
              (i) => 4e-7 * Math.abs(want.y[i]!) + 1e-38,
              `y ${mode.name}`,
            );
            // dZ = g·s·(1 − s) (or g·(1 − t²)) in float32 against float64 rounded once:
            // three roundings plus the cancellation in 1 − s, bounded by 4 ulp of |g|/4.
            expectWithin(gotB.dz, wantB.dz, (i) => 2 ** -22 * Math.abs(g[i]!), `dz ${mode.name}`);
            // Sums of `rows` such terms, and products over them.
            expectWithin(gotB.db, wantB.db, () => c.rows * 2 ** -22 * 2, `db ${mode.name}`);
            const tol = () => (c.units + c.rows) * 2 ** -22 * 4;
            expectWithin(gotB.dx, wantB.dx, tol, `dx ${mode.name}`);
            expectWithin(gotB.dk, wantB.dk, tol, `dk ${mode.name}`);
          });
        }
      });
    }
  }

  it("1 and 2 threads give the same bits for sigmoid and tanh past the thread thresholds", () => {
    const c = caseOf(SHAPES[SHAPES.length - 1]!, 5);
    const g = quarters(c.rows * c.units, 8);
    for (const op of ["sigmoid", "tanh"] as const) {
      const results = THREAD_MODES.map((mode) => {
        let r: ReturnType<typeof forward> & ReturnType<typeof backward> = {} as never;
        inMode(mode, () => {
          const f = forward(c, op, 0, wasmForward);
          r = { ...f, ...backward(c, op, 0, f.z, f.y, g, wasmBackward) };
        });
        return r;
      });
      for (const r of results.slice(1)) {
        for (const key of ["y", "dz", "db", "dx", "dk"] as const)
          expectSameBits(r[key], results[0]![key], `${op} ${key}`);
      }
    }
  });

  it("with dz null keeps dZ inside and gives the same dX, dK and db bits", () => {
    const c = caseOf([160, 64, 522], 9);
    const { z, y } = forward(c, "tanh", 0, wasmForward);
    const g = quarters(c.rows * c.units, 10);
    const run = (dz: Float32Array | null) => {
      const dx = new Float32Array(c.rows * c.inDim);
      const dk = new Float32Array(c.inDim * c.units);
      const db = new Float32Array(c.units);
      const b = rawWasmKernel("denseBackward");
      expect(
        b(g, c.x, c.k, z, y, dz, dx, dk, db, c.rows, c.inDim, c.units, "tanh", 0, 0),
      ).toBeUndefined();
      return { dx, dk, db };
    };
    const kept = run(new Float32Array(c.rows * c.units));
    const inside = run(null);
    for (const key of ["dx", "dk", "db"] as const) expectSameBits(inside[key], kept[key], key);
  });

  it("takes float32 products from the threshold on, and declines float64, small products and activations it has no kernel for", () => {
    const f = rawWasmKernel("denseForward");
    const b = rawWasmKernel("denseBackward");
    const c = caseOf([33, 20, 17], 1);
    const y = new Float32Array(33 * 17);
    expect(f(c.x, c.k, c.b, null, y, 33, 20, 17, "relu", 0, 0)).toBeUndefined();
    expect(
      b(y, c.x, c.k, y, y, new Float32Array(y.length), null, null, null, 33, 20, 17, "relu", 0, 0),
    ).toBeUndefined();
    expect(f(c.x, c.k, c.b, null, y, 33, 20, 17, "gelu", 0, 0)).toBe(false);
    const x64 = Float64Array.from(c.x);
    expect(
      f(x64, Float64Array.from(c.k), null, null, new Float64Array(33 * 17), 33, 20, 17, null, 0, 0),
    ).toBe(false);
    const s = caseOf([3, 5, 7], 1);
    expect(f(s.x, s.k, s.b, null, new Float32Array(21), 3, 5, 7, "relu", 0, 0)).toBe(false);
    expect(b(y, c.x, c.k, y, y, y, null, null, null, 33, 20, 17, "elu", 1, 0)).toBe(false);
  });
});
