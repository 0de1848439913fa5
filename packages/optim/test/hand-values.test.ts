import { Parameter } from "@neurite/autograd";
import { tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { Adam, SGD } from "../src/index.js";

function scalarParam(x: number): Parameter {
  return new Parameter(tensor([x], [1], "float64"), "w");
}

describe("hand-computed values", () => {
  it("SGD with momentum on f(w) = w², w₀ = 1, lr 0.1, μ 0.9", () => {
    // g = 2w.
    // step 1: g = 2;    b = g = 2 (first step: no dampening);  w = 1 − 0.1·2 = 0.8
    // step 2: g = 1.6;  b = 0.9·2 + 1.6 = 3.4;                 w = 0.8 − 0.1·3.4 = 0.46
    // step 3: g = 0.92; b = 0.9·3.4 + 0.92 = 3.98;             w = 0.46 − 0.1·3.98 = 0.062
    const w = scalarParam(1);
    const opt = new SGD([w], { lr: 0.1, momentum: 0.9 });
    const expected = [
      [0.8, 2],
      [0.46, 3.4],
      [0.062, 3.98],
    ];
    for (const [wt, bt] of expected) {
      w.square().sum().backward();
      opt.step();
      opt.zeroGrad();
      expect(w.value.data[0]).toBeCloseTo(wt!, 14);
      expect(opt.stateOf(w)!.buffers.momentumBuffer![0]).toBeCloseTo(bt!, 14);
    }
  });

  it("SGD with Nesterov momentum, first two steps", () => {
    // f(w) = w², w₀ = 1, lr 0.1, μ 0.9, g = 2w.
    // step 1: g = 2;   b = 2;                   update g + μb = 2 + 1.8 = 3.8;     w = 1 − 0.38 = 0.62
    // step 2: g = 1.24; b = 0.9·2 + 1.24 = 3.04; update 1.24 + 0.9·3.04 = 3.976; w = 0.62 − 0.3976 = 0.2224
    const w = scalarParam(1);
    const opt = new SGD([w], { lr: 0.1, momentum: 0.9, nesterov: true });
    for (const wt of [0.62, 0.2224]) {
      w.square().sum().backward();
      opt.step();
      opt.zeroGrad();
      expect(w.value.data[0]).toBeCloseTo(wt, 14);
    }
  });

  it("Adam with Keras defaults, first two steps on the constant gradient g = 2", () => {
    // loss = 2w, so g = 2 at every step; lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7.
    // step 1: m = 0.1·2 = 0.2, v = 0.001·4 = 0.004
    //   α = 0.001·√(1 − 0.999)/(1 − 0.9) = 0.001·0.0316227766/0.1 = 3.16227766e-4
    //   Δ = α·m/(√v + ε) = 6.32455532e-5/(0.0632455532 + 1e-7)
    //     = 0.001/(1 + 1e-7/0.0632455532) = 0.001/1.00000158113883 = 9.99998418864e-4
    //   w₁ = 1 − Δ = 0.999000001581136
    // step 2: m = 0.9·0.2 + 0.1·2 = 0.38, v = 0.999·0.004 + 0.001·4 = 0.007996
    //   α = 0.001·√(1 − 0.999²)/(1 − 0.9²) = 0.001·√0.001999/0.19 = 2.35316725e-4
    //   Δ = α·0.38/(√0.007996 + 1e-7) = 8.94203556e-5/(0.0894203556 + 1e-7)
    //     = 0.001/(1 + 1e-7/0.0894203556) = 0.001/1.00000111831 = 9.99998881688e-4
    //   w₂ = w₁ − Δ = 0.998000002699449
    const w = scalarParam(1);
    const opt = new Adam([w]);
    const expected = [
      [0.999000001581136, 0.2, 0.004],
      [0.998000002699449, 0.38, 0.007996],
    ];
    for (const [wt, mt, vt] of expected) {
      w.mul(2).sum().backward();
      opt.step();
      opt.zeroGrad();
      expect(w.value.data[0]).toBeCloseTo(wt!, 14);
      expect(opt.stateOf(w)!.buffers.expAvg![0]).toBeCloseTo(mt!, 15);
      expect(opt.stateOf(w)!.buffers.expAvgSq![0]).toBeCloseTo(vt!, 15);
    }
  });

  it("Adam with PyTorch's ε placement, first two steps on g = 2", () => {
    // m̂ = m/(1 − β₁ᵗ) = 2 and v̂ = v/(1 − β₂ᵗ) = 4 at every step for a constant g = 2, so
    // Δ = lr·m̂/(√v̂ + ε) = 0.001·2/(2 + 1e-8) = 9.99999995e-4 at both steps:
    // w₁ = 0.999000000005, w₂ = 0.99800000001.
    const w = scalarParam(1);
    const opt = new Adam([w], { eps: 1e-8, epsStyle: "pytorch" });
    for (const wt of [0.999000000005, 0.99800000001]) {
      w.mul(2).sum().backward();
      opt.step();
      opt.zeroGrad();
      expect(w.value.data[0]).toBeCloseTo(wt, 14);
    }
  });
});
