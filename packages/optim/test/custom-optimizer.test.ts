import { Parameter } from "@neurite/autograd";
import { type TypedArray, tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  type FloatArray,
  Optimizer,
  type OptimizerOptions,
  type OptionSpec,
  type ParamGroup,
  type ParamState,
  type StateLayout,
  StepLR,
} from "../src/index.js";

interface SignOptions extends OptimizerOptions {
  decay: number;
}

const SPEC: OptionSpec<SignOptions> = {
  defaults: { lr: 0.1, decay: 0.5 },
  rules: {
    lr: (v) => (typeof v === "number" && v >= 0 ? null : "a number >= 0"),
    decay: (v) => (typeof v === "number" && v >= 0 && v <= 1 ? null : "a number in [0, 1]"),
  },
};

/** Sign descent with a smoothed sign: m ← decay·m + (1 − decay)·sign(g); θ ← θ − lr·m. */
class SignDescent extends Optimizer<SignOptions> {
  constructor(params: Parameter[], options?: Partial<SignOptions>) {
    super("SignDescent", SPEC, params, options);
  }
  protected override layout(): StateLayout {
    return { required: ["m"] };
  }
  protected override update(
    p: FloatArray,
    g: TypedArray,
    s: ParamState,
    o: ParamGroup<SignOptions>,
  ) {
    const m = this.buffer(s, "m", p);
    for (let i = 0; i < p.length; i++) {
      m[i] = o.decay * m[i]! + (1 - o.decay) * Math.sign(g[i]!);
      p[i] = p[i]! - o.lr * m[i]!;
    }
  }
}

describe("a user-defined optimizer", () => {
  it("gets groups, checks, state, state dicts and schedulers from the base class", () => {
    const w = new Parameter(tensor([1, -1], [2], "float64"), "w");
    const opt = new SignDescent([w]);
    const sched = new StepLR(opt, { stepSize: 1, gamma: 0.5 });
    w.sum().backward(); // g = (1, 1)
    opt.step();
    sched.step();
    // m = 0.5·(1, 1); θ = (1, −1) − 0.1·0.5
    expect(Array.from(w.value.data)).toEqual([0.95, -1.05]);
    expect(opt.paramGroups[0]!.lr).toBe(0.05);
    expect(opt.stateDict().state[0]!.buffers.m!.data).toEqual([0.5, 0.5]);
    expect(() => new SignDescent([w], { decay: 2 })).toThrow(
      "SignDescent: argument 'decay': expected a number in [0, 1], got 2",
    );
  });
});
