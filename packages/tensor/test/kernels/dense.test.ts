import { describe, expect, it } from "vitest";
import { cpuBackend } from "../../src/backend/cpu/index.js";

const k = cpuBackend.kernels;
const f64 = (xs: number[]) => Float64Array.from(xs);

// x [2, 2], K [2, 3], b [3]: z = x·K + b by hand.
const x = f64([1, 2, -1, 0.5]);
const K = f64([1, 0, -1, 0.5, -2, 1]);
const b = f64([0.5, 1, -0.5]);
// Row 0: [1 + 1, 0 - 4, -1 + 2] + b = [2.5, -3, 0.5]; row 1: [-1 + 0.25, 0 - 1, 1 + 0.5] + b = [-0.25, 0, 1].
const zHand = [2.5, -3, 0.5, -0.25, 0, 1];

describe("reference denseForward", () => {
  it("writes z = x·K + b and y = relu(z)", () => {
    const z = new Float64Array(6);
    const y = new Float64Array(6);
    k.denseForward(x, K, b, z, y, 2, 2, 3, "relu", 0, 0);
    expect(Array.from(z)).toEqual(zHand);
    expect(Array.from(y)).toEqual([2.5, 0, 0.5, 0, 0, 1]);
  });
  it("without z, bias or activation: y = x·K", () => {
    const y = new Float64Array(6);
    k.denseForward(x, K, null, null, y, 2, 2, 3, null, 0, 0);
    expect(Array.from(y)).toEqual([2, -4, 1, -0.75, -1, 1.5]);
    k.denseForward(x, K, b, null, y, 2, 2, 3, "leakyRelu", 0.1, 0);
    expect(y[1]).toBeCloseTo(-0.3, 15);
  });
});

describe("reference denseBackward", () => {
  /** The hand example through relu: dX, dK and db, and dZ when `dz` is given. */
  function reluBackward(dz: Float64Array | null) {
    const z = f64(zHand);
    const y = z.map((v) => Math.max(v, 0));
    const dx = new Float64Array(4);
    const dk = new Float64Array(6);
    const db = new Float64Array(3);
    k.denseBackward(f64([1, 1, 1, 2, 2, 2]), x, K, z, y, dz, dx, dk, db, 2, 2, 3, "relu", 0, 0);
    // db = Σ rows of dZ; dX[0] = [1·1 + 1·(-1), 1·0.5 + 1·1] = [0, 1.5], dX[1] = [2·(-1), 2·1];
    // dK = Xᵀ·dZ: column j of dZ weighted by the inputs.
    expect(Array.from(db)).toEqual([1, 0, 3]);
    expect(Array.from(dx)).toEqual([0, 1.5, -2, 2]);
    expect(Array.from(dk)).toEqual([1, 0, -1, 2, 0, 3]);
  }
  it("dZ = g·relu'(z) with db = Σ rows, dX = dZ·Kᵀ, dK = Xᵀ·dZ (hand values)", () => {
    const dz = new Float64Array(6);
    reluBackward(dz);
    // relu'(z) = [1, 0, 1, 0, 0, 1] (relu'(0) = 0).
    expect(Array.from(dz)).toEqual([1, 0, 1, 0, 0, 2]);
  });
  it("with an activation and dz null, dZ stays inside: the same dX, dK and db", () => {
    reluBackward(null);
    // float32: dZ rounded to float32 as when the caller passes a float32 dz.
    const g32 = new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    const z32 = new Float32Array(zHand);
    const dK = (dz: Float32Array | null) => {
      const dk = new Float32Array(6);
      const [x32, k32] = [new Float32Array(x), new Float32Array(K)];
      k.denseBackward(g32, x32, k32, z32, z32, dz, null, dk, null, 2, 2, 3, "sigmoid", 0, 0);
      return dk;
    };
    const withDz = dK(new Float32Array(6));
    const withoutDz = dK(null);
    expect(Array.from(withoutDz)).toEqual(Array.from(withDz));
  });
  it("identity: dZ is g itself; null outputs are left alone", () => {
    const g = f64([1, 2, 3, 4, 5, 6]);
    const db = new Float64Array(3);
    const dk = f64([9, 9, 9, 9, 9, 9]);
    k.denseBackward(g, x, K, g, g, null, null, null, db, 2, 2, 3, null, 0, 0);
    expect(Array.from(db)).toEqual([5, 7, 9]);
    expect(Array.from(dk)).toEqual([9, 9, 9, 9, 9, 9]);
  });
  it("float32: the bias gradient is summed in float64 and rounded once", () => {
    const rows = 3;
    const g = new Float32Array([1e8, 1, -1e8]);
    const db = new Float32Array(1);
    const one = new Float32Array([1]);
    k.denseBackward(
      g,
      new Float32Array(rows),
      one,
      g,
      g,
      null,
      null,
      null,
      db,
      rows,
      1,
      1,
      null,
      0,
      0,
    );
    expect(db[0]).toBe(1);
  });
  it("a NaN pre-activation gives a NaN column of db", () => {
    const z = f64([Number.NaN, 1, 1, 1, 1, 1]);
    const db = new Float64Array(3);
    const dz = new Float64Array(6);
    k.denseBackward(f64([1, 1, 1, 1, 1, 1]), x, K, z, z, dz, null, null, db, 2, 2, 3, "relu", 0, 0);
    expect(Array.from(db)).toEqual([Number.NaN, 2, 2]);
  });
});
