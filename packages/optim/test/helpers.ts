import { Parameter, type Variable } from "@neurite/autograd";
import { type DType, type Tensor, tensor } from "@neurite/tensor";
import { expect } from "vitest";

/** Starting point, target and weights of the test problem f(w) = Σ c·(w − t)². */
export const W0 = [0.5, -1.2, 2.0, 0.1, -0.3, 1.5];
export const TARGET = [1.0, 0.5, -1.0, 0.3, 0.2, -2.0];
export const WEIGHT = [1.0, 0.5, 2.0, 3.0, 0.25, 1.5];
export const SHAPE = [2, 3];

/** A fresh parameter at W0. */
export function makeParam(dtype: DType = "float32", values = W0, shape = SHAPE): Parameter {
  return new Parameter(tensor(values, shape, dtype), "w");
}

/** f(w) = Σ c·(w − t)² built with autograd ops, so backward() fills w.grad. */
export function quadLoss(w: Variable): Variable {
  const t = tensor(TARGET, SHAPE, w.dtype);
  const c = tensor(WEIGHT, SHAPE, w.dtype);
  return w.sub(t).square().mul(c).sum();
}

/** ∇f(w) = 2c(w − t), computed by hand in float64 for the references. */
export function quadGrad(w: readonly number[]): number[] {
  return w.map((x, i) => 2 * WEIGHT[i]! * (x - TARGET[i]!));
}

/** The values of a tensor as a plain number array. */
export function values(t: Tensor): number[] {
  return Array.from(t.data);
}

/** Asserts elementwise `|a − e| <= atol + rtol·|e|`, reporting the worst element. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: readonly number[],
  rtol: number,
  atol: number,
  label = "",
): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  let worst = -1;
  let excess = 0;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i]! - expected[i]!);
    const over = err - (atol + rtol * Math.abs(expected[i]!));
    if (!(over <= 0) && (worst < 0 || over > excess || Number.isNaN(over))) {
      worst = i;
      excess = over;
    }
  }
  if (worst >= 0) {
    expect.fail(
      `${label}: element ${worst} is ${actual[worst]}, expected ${expected[worst]} (rtol ${rtol}, atol ${atol})`,
    );
  }
}

/** Float32 tolerance for trajectories (a few float32 roundings per step, 6 steps). */
export const F32 = { rtol: 2e-6, atol: 1e-6 };
/** Float64 tolerance: the same formula evaluated in another order. */
export const F64 = { rtol: 1e-12, atol: 1e-13 };

/** Deterministic values in [-1, 1) (a linear congruential generator), as float32 or float64. */
export function seededValues(
  n: number,
  seed: number,
  Type: typeof Float32Array | typeof Float64Array = Float32Array,
): Float32Array | Float64Array {
  const out = new Type(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Index of the first element that differs (bit for bit, so NaN and -0 count), or -1. */
export function firstDifference(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) return Math.min(got.length, want.length);
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) return i;
  return -1;
}
