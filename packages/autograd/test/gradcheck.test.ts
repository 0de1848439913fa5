import * as T from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { gradCheck, noGrad, Parameter, record, type Variable } from "../src/index.js";
import { f64 } from "./helpers.js";

/** x³ with a hand-written rule that is wrong by `error` at flat element `bad`. */
const wrongCube = (bad: number, error: number) => (v: Variable) =>
  record("wrongCube", v.value.pow(3), [v], (g) => {
    const d = g.mul(v.value.square().mul(3));
    d.data[bad]! += error * g.data[bad]!;
    return [d];
  });

describe("gradCheck", () => {
  it("passes a correct composite function and reports small errors", () => {
    const r = gradCheck(
      (a, b, c) => a.matmul(b).add(c).tanh().softmax().mul(a.sum()).logSumExp(0).sum(),
      [T.randn([3, 4], 1), T.randn([4, 5], 2), T.randn([5], 3)],
    );
    expect(r.ok).toBe(true);
    expect(r.maxAbsError).toBeLessThan(1e-6);
    expect(r.worst).not.toBeNull();
  });

  it("reports a deliberately wrong custom gradient as not ok, with the right worst element", () => {
    const x = f64([
      [0.5, -1, 2],
      [1.5, 0.3, -0.7],
    ]);
    const r = gradCheck((v) => wrongCube(4, 0.01)(v).sum(), [x]);
    expect(r.ok).toBe(false);
    expect(r.worst!.input).toBe(0);
    expect(r.worst!.index).toBe(4);
    expect(r.worst!.numeric).toBeCloseTo(3 * 0.3 ** 2, 6);
    expect(r.worst!.analytic - r.worst!.numeric).toBeCloseTo(0.01, 6);
  });

  it("finds the wrong input among several, for non-scalar outputs (random projection)", () => {
    const a = f64([1, 2, 3]);
    const b = f64([
      [0.1, 0.2, 0.3],
      [-0.4, 0.5, 1.2],
    ]);
    const r = gradCheck((x, y) => x.mul(y).add(wrongCube(5, 0.5)(y)), [a, b]);
    expect(r.ok).toBe(false);
    expect(r.worst).toMatchObject({ input: 1, index: 5 });
  });

  it("works on float32 inputs without changing them, and inside noGrad", () => {
    const x = T.tensor([0.5, 1.5, 2.5]);
    const before = Array.from(x.data);
    const r = noGrad(() => gradCheck((v) => v.log().mul(v).sum(), [x]));
    expect(r.ok).toBe(true);
    expect(Array.from(x.data)).toEqual(before);
  });

  it("leaves the .grad of captured parameters untouched", () => {
    const w = new Parameter(f64([1, 2]));
    expect(gradCheck((v) => v.mul(w).sum(), [f64([3, 4])]).ok).toBe(true);
    expect(w.grad).toBeNull();
  });

  it("reports a NaN as not ok", () => {
    const r = gradCheck((v) => v.sqrt().sum(), [f64([-1, 4])]);
    expect(r.ok).toBe(false);
    expect(r.worst!.index).toBe(0);
  });

  it("reports a function that ignores its input as ok with zero gradients", () => {
    const r = gradCheck(() => record("const", T.scalar(1, "float64"), [], () => []), [f64([1])]);
    expect(r.ok).toBe(true);
    expect(r.worst).toEqual({ input: 0, index: 0, analytic: 0, numeric: 0 });
  });

  it("honours looser tolerances", () => {
    const x = f64([1, 2]);
    expect(gradCheck(wrongCube(0, 1e-3), [x]).ok).toBe(false);
    expect(gradCheck(wrongCube(0, 1e-3), [x], { atol: 1e-2 }).ok).toBe(true);
  });
});
