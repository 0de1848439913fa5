import { randn } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { Activation, BatchNorm, Dense, Dropout, Sequential } from "../src/index.js";
import { checkModuleGradients } from "./helpers.js";

/** Whole networks in float64: every parameter and the input against finite differences. */
describe("gradients of whole networks (float64, finite differences)", () => {
  function wine(): Sequential {
    const m = new Sequential([
      new Dense(6, { inputDim: 5, seed: 1 }),
      new BatchNorm(),
      new Activation("relu"),
      new Dropout(0.5, { seed: 4 }),
      new Dense(3, { activation: "softmax", seed: 2 }),
    ]);
    const bn = m.layers[1] as BatchNorm;
    bn.gamma!.value.data.set([1.2, 0.8, 1, 0.5, 1.5, 1]);
    bn.beta!.value.data.set([0.1, -0.2, 0.3, 0.2, 0, 0.4]);
    return m;
  }

  it("the wine-shaped network in eval mode (BatchNorm running statistics, no dropout)", () => {
    const m = wine();
    m.call(randn([8, 5], 3)); // give the running statistics non-trivial values
    m.eval();
    const r = checkModuleGradients(m, randn([4, 5], 5));
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
    expect(r.checked).toBe(20 + 36 + 12 + 21);
  });

  it("the same network in training mode without dropout (batch statistics)", () => {
    const m = wine();
    m.layers[3]!.eval(); // dropout's mask changes per call, so finite differences need it off
    const r = checkModuleGradients(m, randn([4, 5], 5));
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it("the Boston-shaped regression network, and every activation as a layer", () => {
    const boston = new Sequential([
      new Dense(5, { inputDim: 3, activation: "relu", seed: 1 }),
      new Dense(1, { seed: 2 }),
    ]);
    expect(checkModuleGradients(boston, randn([6, 3], 1)).ok).toBe(true);
    for (const name of [
      "sigmoid",
      "tanh",
      "leakyRelu",
      "elu",
      "selu",
      "gelu",
      "softplus",
      "swish",
      "logSoftmax",
    ]) {
      const m = new Sequential([new Dense(3, { inputDim: 2, seed: 3 }), new Activation(name)]);
      const r = checkModuleGradients(m, randn([4, 2], 2));
      expect(r.ok, `${name}: ${JSON.stringify(r.worst)}`).toBe(true);
    }
  });

  it("a lazily built network given float64 input is float64 throughout", () => {
    const m = new Sequential([
      new Dense(4, { seed: 1 }),
      new BatchNorm(),
      new Dense(2, { seed: 2 }),
    ]);
    const y = m.call(randn([3, 3], 0, "float64"));
    expect(y.dtype).toBe("float64");
    expect(m.parameters().every((p) => p.dtype === "float64")).toBe(true);
    expect(checkModuleGradients(m, randn([3, 3], 1)).ok).toBe(true);
  });
});
