import { gradCheck, Variable } from "@neurite/autograd";
import { DTypeError, erf, erfc, normalCdf, randn, relu, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { ACTIVATION_NAMES, activations, getActivation } from "../src/index.js";

describe("activation registry", () => {
  it("lists the book's eight first, then the rest", () => {
    expect(activations.book).toEqual([
      "step",
      "sign",
      "sigmoid",
      "tanh",
      "relu",
      "leakyRelu",
      "identity",
      "softmax",
    ]);
    expect(ACTIVATION_NAMES).toHaveLength(15);
  });

  it("accepts camelCase, snake_case and Keras aliases", () => {
    expect(getActivation("leaky_relu").name).toBe("leakyRelu");
    expect(getActivation("LeakyReLU").name).toBe("leakyRelu");
    expect(getActivation("hard_sigmoid").name).toBe("hardSigmoid");
    expect(getActivation("log_softmax").name).toBe("logSoftmax");
    expect(getActivation("linear").name).toBe("identity");
    expect(getActivation("silu").name).toBe("swish");
  });

  it("rejects unknown names with a suggestion", () => {
    expect(() => getActivation("rellu")).toThrow(ValueError);
    expect(() => getActivation("rellu")).toThrow(
      /unknown activation 'rellu'\. Did you mean 'relu'\?/,
    );
    expect(() => getActivation("banana")).toThrow(/Known: step, sign/);
  });

  it("rejects options an activation does not take, and bad values", () => {
    expect(() => getActivation("relu", { alpha: 0.1 })).toThrow(/relu takes no options/);
    expect(() => getActivation("leakyRelu", { axis: 1 })).toThrow(/takes only 'alpha'/);
    expect(() => getActivation("leakyRelu", { alpha: Number.NaN })).toThrow(ValueError);
    expect(() => getActivation("softmax", { axis: 0.5 })).toThrow(ValueError);
  });

  it("documents its defaults in config (Keras: leakyRelu 0.3, gelu exact)", () => {
    expect(getActivation("leakyRelu").config).toEqual({ alpha: 0.3 });
    expect(getActivation("elu").config).toEqual({ alpha: 1 });
    expect(getActivation("gelu").config).toEqual({ approximate: false });
    expect(getActivation("step").config).toEqual({ threshold: 0 });
    expect(getActivation("softmax").config).toEqual({ axis: -1 });
    expect(getActivation("step").differentiable).toBe(false);
    expect(getActivation("sign").differentiable).toBe(false);
    expect(getActivation("relu").differentiable).toBe(true);
  });
});

describe("plain-number functions (for plotting)", () => {
  const f = (name: string, x: number, options = {}) => getActivation(name, options).fn(x);

  it("match hand-computed values", () => {
    // step: 0 at or below the threshold, 1 above (the book's definition)
    expect([f("step", -1), f("step", 0), f("step", 0.1)]).toEqual([0, 0, 1]);
    expect([f("step", 1, { threshold: 1 }), f("step", 1.5, { threshold: 1 })]).toEqual([0, 1]);
    expect([f("sign", -2), f("sign", 0), f("sign", 3)]).toEqual([-1, 0, 1]);
    expect(f("sigmoid", 0)).toBe(0.5);
    expect(f("tanh", 0)).toBe(0);
    expect([f("relu", -1), f("relu", 2)]).toEqual([0, 2]);
    expect(f("leakyRelu", -2)).toBeCloseTo(-0.6, 15);
    expect(f("identity", 3)).toBe(3);
    expect(f("elu", -1)).toBeCloseTo(-0.6321205588285577, 15); // e^-1 - 1
    // selu(-1) = λ·α·(e^-1 - 1) = 1.0507009873554805 · 1.6732632423543772 · -0.6321205588285577
    expect(f("selu", -1)).toBeCloseTo(-1.1113307378125625, 14);
    expect(f("selu", 1)).toBeCloseTo(1.0507009873554805, 15);
    // gelu exact: x·Φ(x); Φ(1) = 0.8413447460685429
    expect(f("gelu", 1)).toBeCloseTo(0.8413447460685429, 14);
    expect(f("gelu", -1)).toBeCloseTo(-0.15865525393145707, 14);
    // tanh approximation: 0.5·(1 + tanh(√(2/π)·(1 + 0.044715))) = 0.8411919906082768
    expect(f("gelu", 1, { approximate: true })).toBeCloseTo(0.8411919906082768, 14);
    expect(f("softplus", 0)).toBeCloseTo(Math.LN2, 15);
    expect(f("swish", 1)).toBeCloseTo(0.7310585786300049, 15); // σ(1)
    // Keras 3 hard sigmoid: clip(x/6 + 1/2, 0, 1); Keras 2's slope-0.2 version would give 0.8 at 1.5
    expect([
      f("hardSigmoid", -3),
      f("hardSigmoid", 0),
      f("hardSigmoid", 1.5),
      f("hardSigmoid", 3),
    ]).toEqual([0, 0.5, 0.75, 1]);
    // softmax plotted as the first output of softmax([x, 0]) = σ(x)
    expect(f("softmax", 0)).toBe(0.5);
    expect(f("logSoftmax", 0)).toBeCloseTo(-Math.LN2, 15);
  });

  it("derivatives agree with central differences away from kinks", () => {
    const points = [-2.3, -0.7, 0.4, 1.9];
    for (const name of ACTIVATION_NAMES) {
      const a = getActivation(name);
      for (const x of points) {
        const h = 1e-6;
        const numeric = (a.fn(x + h) - a.fn(x - h)) / (2 * h);
        expect(Math.abs(a.derivative(x) - numeric), `${name} at ${x}`).toBeLessThan(1e-7);
      }
    }
    const approx = getActivation("gelu", { approximate: true });
    for (const x of points) {
      const numeric = (approx.fn(x + 1e-6) - approx.fn(x - 1e-6)) / 2e-6;
      expect(Math.abs(approx.derivative(x) - numeric)).toBeLessThan(1e-7);
    }
  });

  it("document their conventions at kinks", () => {
    expect(getActivation("relu").derivative(0)).toBe(0);
    expect(getActivation("leakyRelu").derivative(0)).toBe(0.3);
    expect(getActivation("step").derivative(0)).toBe(0);
    expect(getActivation("softmax").derivative(0)).toBe(0.25); // s(1 - s) at s = 1/2
  });

  it("erf is accurate to ~1e-15 (gelu depends on it)", () => {
    expect(erf(0)).toBe(0);
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 15);
    expect(erf(2)).toBeCloseTo(0.9953222650189527, 15);
    expect(erf(-3)).toBeCloseTo(-0.9999779095030014, 15);
    expect(erfc(3) / 2.209049699858544e-5).toBeCloseTo(1, 13);
    expect(erfc(5) / 1.5374597944280349e-12).toBeCloseTo(1, 13);
    // continuity where the series hands over to the continued fraction
    expect(Math.abs(erf(2.5 - 1e-12) - erf(2.5))).toBeLessThan(1e-14);
    expect(normalCdf(-10)).toBeGreaterThan(0);
    expect(Number.isNaN(erf(Number.NaN))).toBe(true);
  });
});

describe("tensor / Variable versions", () => {
  it("equal the scalar functions elementwise", () => {
    const x = tensor([-3.5, -1, -0.25, 0, 0.3, 1.2, 4], undefined, "float64");
    for (const name of ACTIVATION_NAMES) {
      const a = getActivation(name);
      if (!a.elementwise) continue;
      const y = a.apply(x).value;
      expect(y.dtype).toBe("float64");
      for (let i = 0; i < x.size; i++)
        expect(y.data[i], `${name}(${x.data[i]})`).toBe(a.fn(x.data[i]!));
    }
  });

  it("pass gradCheck in float64 for every activation", () => {
    for (const name of ACTIVATION_NAMES) {
      const r = gradCheck((v) => getActivation(name).apply(v), [randn([3, 4], 11, "float64")]);
      expect(r.ok, `${name}: ${JSON.stringify(r.worst)}`).toBe(true);
    }
    for (const axis of [0, 1]) {
      for (const name of ["softmax", "logSoftmax"]) {
        const r = gradCheck(
          (v) => getActivation(name, { axis }).apply(v),
          [randn([3, 4], 5, "float64")],
        );
        expect(r.ok, `${name} axis ${axis}`).toBe(true);
      }
    }
    const approx = gradCheck((v) => activations.gelu(v, true), [randn([5], 2, "float64")]);
    expect(approx.ok).toBe(true);
  });

  it("relu agrees with the tensor op on NaN, ±0 and ±Infinity (one kernel)", () => {
    const x = tensor([
      Number.NaN,
      -0,
      0,
      -1,
      2,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
    const viaLayers = activations.relu(x).value;
    expect(Array.from(viaLayers.data)).toEqual(Array.from(relu(x).data));
    expect(Number.isNaN(viaLayers.data[0]!)).toBe(true);
    const v = new Variable(x, { requiresGrad: true });
    activations.relu(v).sum().backward();
    expect(Array.from(v.grad!.data)).toEqual([Number.NaN, 0, 0, 0, 1, 1, 0]);
    const a = getActivation("relu");
    expect(Number.isNaN(a.fn(Number.NaN))).toBe(true);
    expect(Number.isNaN(a.derivative(Number.NaN))).toBe(true);
    expect(a.derivative(0)).toBe(0);
  });

  it("curve: values and derivatives at many points equal fn and derivative at each", () => {
    const xs = [-4, -2.5, -1, 0, 0.5, 1, 3, Number.NaN];
    for (const name of ACTIVATION_NAMES) {
      const a = getActivation(name);
      const { values, derivatives } = activations.curve(a, xs);
      xs.forEach((x, i) => {
        expect(values[i], `${name}(${x})`).toBe(a.fn(x));
        expect(derivatives[i], `${name}'(${x})`).toBe(a.derivative(x));
      });
    }
    // Softmax of [x, 0] is the sigmoid; its diagonal Jacobian entry s(1 − s).
    const s = activations.curve(getActivation("softmax", { axis: 0 }), [0]);
    expect([s.values[0], s.derivatives[0]]).toEqual([0.5, 0.25]);
  });

  it("step and sign pass no gradient", () => {
    const x = new Variable(tensor([-1, 0.5, 2]), { requiresGrad: true });
    activations.step(x).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([0, 0, 0]);
    const y = new Variable(tensor([-1, 0.5, 2]), { requiresGrad: true });
    activations.sign(y).sum().backward();
    expect(Array.from(y.grad!.data)).toEqual([0, 0, 0]);
  });

  it("softmax sums to 1 along its axis and stays finite for huge logits", () => {
    const p = activations.softmax(
      tensor([
        [1e4, 0, -1e4],
        [1, 2, 3],
      ]),
    ).value;
    expect(Array.from(p.data.slice(0, 3))).toEqual([1, 0, 0]);
    const rowSum = p.sum(1).toArray(1);
    for (const s of rowSum) expect(s).toBeCloseTo(1, 6);
    const col = activations
      .softmax(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        0,
      )
      .value.sum(0)
      .toArray(1);
    expect(col[0]).toBeCloseTo(1, 6);
    const lp = activations.logSoftmax(tensor([[1e4, 0, -1e4]])).value;
    expect(Array.from(lp.data)).toEqual([0, -1e4, -2e4]);
  });

  it("named helpers take their parameters", () => {
    const x = tensor([-2, 2]);
    expect(Array.from(activations.leakyRelu(x, 0.1).value.data)).toEqual([Math.fround(-0.2), 2]);
    expect(Array.from(activations.step(x, 3).value.data)).toEqual([0, 0]);
    expect(activations.linear(x).value).toBe(x);
    expect(Array.from(activations.relu(x).value.data)).toEqual([0, 2]);
  });

  it("reject non-float input and non-tensors", () => {
    expect(() => activations.relu(tensor([1, 2], undefined, "int32"))).toThrow(DTypeError);
    expect(() => activations.relu([1, 2] as never)).toThrow(/wrap it with tensor/);
  });
});
