import { gradCheck, Variable } from "@neurite/autograd";
import { ones, Rng, randn, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { Dropout, functional } from "../src/index.js";
import { bytesOf } from "./helpers.js";

describe("Dropout", () => {
  it("drops the expected fraction and scales survivors by 1/(1 − rate)", () => {
    const n = 100_000;
    for (const rate of [0.1, 0.3, 0.5, 0.8]) {
      const y = new Dropout(rate, { seed: 1 }).call(ones([n])).value;
      let zeros = 0;
      let others = 0;
      let sum = 0;
      const scale = Math.fround(1 / (1 - rate));
      for (let i = 0; i < n; i++) {
        if (y.data[i] === 0) zeros++;
        else if (y.data[i] !== scale) others++;
        sum += y.data[i]!;
      }
      expect(others).toBe(0);
      // binomial: 5 standard deviations of the dropped share
      const sd = Math.sqrt((rate * (1 - rate)) / n);
      expect(Math.abs(zeros / n - rate), `rate ${rate}`).toBeLessThan(5 * sd);
      // inverted dropout keeps the mean: E[y] = 1
      expect(Math.abs(sum / n - 1)).toBeLessThan(5 * sd * scale);
    }
  });

  it("is the identity in eval mode", () => {
    const d = new Dropout(0.5, { seed: 1 });
    const x = new Variable(randn([10, 10], 0));
    expect(d.eval().call(x)).toBe(x);
  });

  it("same seed gives the same masks; successive calls give new ones", () => {
    const x = ones([1000]);
    const a = new Dropout(0.5, { seed: 3 });
    const b = new Dropout(0.5, { seed: 3 });
    const a1 = a.call(x).value;
    expect(bytesOf(a1)).toEqual(bytesOf(b.call(x).value));
    const a2 = a.call(x).value;
    expect(bytesOf(a2)).not.toEqual(bytesOf(a1));
    expect(bytesOf(a2)).toEqual(bytesOf(b.call(x).value));
  });

  it("sends the gradient through the same mask", () => {
    const x = new Variable(randn([50], 1), { requiresGrad: true });
    const y = new Dropout(0.4, { seed: 2 }).call(x);
    y.sum().backward();
    const scale = Math.fround(1 / 0.6);
    for (let i = 0; i < 50; i++) expect(x.grad!.data[i]).toBe(y.value.data[i] === 0 ? 0 : scale);
    const r = gradCheck(
      (v) => functional.dropout(v, 0.3, new Rng(5)),
      [randn([4, 5], 3, "float64")],
    );
    expect(r.ok).toBe(true);
  });

  it("rate 0 passes values through", () => {
    const x = new Variable(randn([3], 0));
    expect(new Dropout(0).call(x)).toBe(x);
  });

  it("rejects a rate outside [0, 1)", () => {
    for (const r of [-0.1, 1, 1.5, Number.NaN, "0.5"])
      expect(() => new Dropout(r as number), String(r)).toThrow(ValueError);
    expect(() => new Dropout(1)).toThrow(/expected a fraction in \[0, 1\)/);
    expect(() => new Dropout(0.5, { seed: 1.5 })).toThrow(/safe integer/);
    expect(() => new Dropout(0.5, { seed: 1, rng: new Rng(1) })).toThrow(/not both/);
  });

  it("draws the same masks for a seed as before the kernel contract (values pinned from the old code)", () => {
    const x = tensor(
      Float32Array.from({ length: 12 }, (_, i) => i - 5.5),
      [3, 4],
    );
    expect(Array.from(functional.dropout(x, 0.3, new Rng(42)).value.data)).toEqual([
      -7.857142925262451, -6.4285712242126465, -5, -3.5714285373687744, -2.142857074737549, -0,
      0.7142857313156128, 0, 3.5714285373687744, 5, 6.4285712242126465, 7.857142925262451,
    ]);
    const x64 = tensor(
      Float64Array.from({ length: 6 }, (_, i) => 0.1 * i + 0.05),
      [6],
    );
    expect(Array.from(functional.dropout(x64, 0.6, new Rng(7)).value.data)).toEqual([
      0, 0.37500000000000006, 0, 0.8750000000000001, 0, 0,
    ]);
  });
});
