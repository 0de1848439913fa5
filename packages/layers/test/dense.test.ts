import { gradCheck, Variable } from "@neurite/autograd";
import { DTypeError, matmul, randn, ShapeError, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { activations, Dense, functional, getActivation, setSeed } from "../src/index.js";
import { bytesOf, checkModuleGradients, watchKernel } from "./helpers.js";

describe("Dense", () => {
  it("stores the kernel [inputs, units] with glorotUniform and a zero bias (Keras defaults)", () => {
    const d = new Dense(20, { inputDim: 13, seed: 3 });
    expect(d.kernel.shape).toEqual([13, 20]);
    expect(d.bias!.shape).toEqual([20]);
    expect(Array.from(d.bias!.value.data).every((v) => v === 0)).toBe(true);
    const limit = Math.sqrt(6 / 33);
    expect(Array.from(d.kernel.value.data).every((v) => Math.abs(v) < limit)).toBe(true);
    expect(d.kernel.dtype).toBe("float32");
    expect(d.countParameters().total).toBe(280);
    expect(d.kernelInitializer.name).toBe("glorotUniform");
    expect(d.biasInitializer.name).toBe("zeros");
  });

  it("infers its input size on the first call", () => {
    const d = new Dense(4, { seed: 1 });
    expect(d.built).toBe(false);
    expect(() => d.kernel).toThrow(/not built yet/);
    const y = d.call(randn([2, 3], 0));
    expect(d.built).toBe(true);
    expect(d.inputDim).toBe(3);
    expect(d.kernel.shape).toEqual([3, 4]);
    expect(y.shape).toEqual([2, 4]);
  });

  it("computes activation(x·W + b) in one fused op, equal to the unfused composition", () => {
    const x = randn([5, 3], 1, "float64");
    for (const name of [
      "identity",
      "relu",
      "sigmoid",
      "tanh",
      "leakyRelu",
      "softmax",
      "gelu",
      "step",
    ]) {
      const d = new Dense(4, { inputDim: 3, activation: name, seed: 2, dtype: "float64" });
      d.bias!.value.data.set([0.1, -0.2, 0.3, 0.05]);
      const z = matmul(x, d.kernel.value).add(d.bias!.value);
      const expected = getActivation(name).apply(z).value;
      const y = d.call(x).value;
      for (let i = 0; i < y.size; i++) expect(y.data[i]).toBeCloseTo(expected.data[i]!, 14);
    }
  });

  it("accepts activations by snake_case name, as an ActivationFunction, or as a function", () => {
    const x = randn([2, 3], 1);
    const a = new Dense(2, { inputDim: 3, activation: "leaky_relu", seed: 4 }).call(x);
    const b = new Dense(2, {
      inputDim: 3,
      activation: getActivation("leakyRelu", { alpha: 0.3 }),
      seed: 4,
    }).call(x);
    const c = new Dense(2, {
      inputDim: 3,
      activation: (v) => activations.leakyRelu(v),
      seed: 4,
    }).call(x);
    expect(bytesOf(a.value)).toEqual(bytesOf(b.value));
    expect(bytesOf(a.value)).toEqual(bytesOf(c.value));
    expect(new Dense(2, { activation: "linear" }).activation).toBeNull();
  });

  it("works on [..., inputs] input of any rank", () => {
    const d = new Dense(2, { seed: 1 });
    expect(d.call(randn([2, 3, 4], 0)).shape).toEqual([2, 3, 2]);
    expect(d.call(randn([4], 0)).shape).toEqual([2]);
  });

  it("without bias has only a kernel", () => {
    const d = new Dense(3, { inputDim: 2, useBias: false });
    expect(d.bias).toBeNull();
    expect(d.namedParameters().map(([n]) => n)).toEqual(["kernel"]);
  });

  it("is deterministic: same seed, same weights; setSeed makes unseeded layers repeatable", () => {
    expect(bytesOf(new Dense(5, { inputDim: 4, seed: 9 }).kernel.value)).toEqual(
      bytesOf(new Dense(5, { inputDim: 4, seed: 9 }).kernel.value),
    );
    setSeed(42);
    const a = [new Dense(3, { inputDim: 2 }), new Dense(3, { inputDim: 2 })];
    setSeed(42);
    const b = [new Dense(3, { inputDim: 2 }), new Dense(3, { inputDim: 2 })];
    expect(bytesOf(a[0]!.kernel.value)).toEqual(bytesOf(b[0]!.kernel.value));
    expect(bytesOf(a[1]!.kernel.value)).toEqual(bytesOf(b[1]!.kernel.value));
    expect(bytesOf(a[0]!.kernel.value)).not.toEqual(bytesOf(a[1]!.kernel.value));
  });

  it("fused gradients pass gradCheck for each activation, with and without bias", () => {
    // Every built-in, through the fused kernels (softmax/logSoftmax after the product).
    for (const name of [
      ...activations.names.filter((n) => n !== "step" && n !== "sign"),
      "gelu-tanh",
    ]) {
      const act =
        name === "gelu-tanh" ? getActivation("gelu", { approximate: true }) : getActivation(name);
      const r = gradCheck(
        (x, k, b) => functional.dense(x, k, b, act),
        [randn([4, 3], 1, "float64"), randn([3, 5], 2, "float64"), randn([5], 3, "float64")],
      );
      expect(r.ok, `${name}: ${JSON.stringify(r.worst)}`).toBe(true);
    }
    const noBias = gradCheck(
      (x, k) => functional.dense(x, k),
      [randn([2, 3, 3], 4, "float64"), randn([3, 2], 5, "float64")],
    );
    expect(noBias.ok).toBe(true);
  });

  it("layer gradients (input and parameters) pass a finite-difference check in float64", () => {
    const d = new Dense(4, { inputDim: 3, activation: "tanh", seed: 8 });
    d.bias!.value.data.set([0.1, -0.1, 0.2, 0]);
    const r = checkModuleGradients(d, randn([5, 3], 6));
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
    expect(r.checked).toBe(15 + 12 + 4);
  });

  it("sends no gradient to inputs that do not need one", () => {
    const d = new Dense(2, { inputDim: 3, seed: 1 });
    const x = new Variable(randn([4, 3], 0));
    d.call(x).sum().backward();
    expect(x.grad).toBeNull();
    expect(d.kernel.grad!.shape).toEqual([3, 2]);
    expect(Array.from(d.bias!.grad!.data)).toEqual([4, 4]);
  });

  it("rejects bad units, options, inputs", () => {
    for (const u of [0, -1, 2.5, Number.NaN, "3"])
      expect(() => new Dense(u as number)).toThrow(ValueError);
    expect(() => new Dense(2, { inputDim: 0 })).toThrow(ValueError);
    expect(() => new Dense(2, { activation: "relux" })).toThrow(/Did you mean 'relu'/);
    expect(() => new Dense(2, { kernelInitializer: "nope" })).toThrow(/unknown initializer/);
    expect(() => new Dense(2, { dtype: "int32" })).toThrow(DTypeError);
    expect(() => new Dense(2, { seed: 1, rng: undefined, useBias: "no" as never })).toThrow(
      ValueError,
    );
    const d = new Dense(20, { inputDim: 13 });
    expect(() => d.call(randn([5, 12], 0))).toThrow(ShapeError);
    expect(() => d.call(randn([5, 12], 0))).toThrow(
      /Dense\(20\) expects 13 input features \(last axis\), got shape \[5,12\]/,
    );
    expect(() => d.call(tensor([[1, 2]], undefined, "int32"))).toThrow(DTypeError);
    expect(() => d.call(randn([5, 13], 0, "float64"))).toThrow(/cast the input/);
    expect(() => d.call(tensor(3))).toThrow(/scalar/);
    expect(() => d.call([[1, 2]] as never)).toThrow(DTypeError);
    expect(() => functional.dense(randn([2, 3], 0), randn([4, 2], 0))).toThrow(
      /expected 4 features/,
    );
    expect(() => functional.dense(randn([2, 3], 0), randn([3, 2], 0), randn([3], 0))).toThrow(
      /expected shape \[2\]/,
    );
  });
});

describe("Dense kernels", () => {
  it("step and sign: no gradient to the weights, NaN where the pre-activation is NaN", () => {
    const x = tensor(
      [
        [1, Number.NaN],
        [2, 1],
      ],
      undefined,
      "float64",
    );
    const kernel = () =>
      new Variable(tensor([1, -1, 0.5, 2], [2, 2], "float64"), { requiresGrad: true });
    const k = kernel();
    functional.dense(x, k, null, getActivation("step")).sum().backward();
    // Row 0 is NaN throughout (NaN·k), so its dZ is NaN and spreads into every entry of dK.
    expect(Array.from(k.grad!.data)).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    const k2 = kernel();
    functional
      .dense(tensor([[2, 1]], undefined, "float64"), k2, null, getActivation("sign"))
      .sum()
      .backward();
    expect(Array.from(k2.grad!.data)).toEqual([0, 0, 0, 0]);
  });

  it("bias gradient sums dZ over the rows (hand values, relu kills the negative pre-activations)", () => {
    const x = tensor(
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      undefined,
      "float64",
    );
    const k = tensor(
      [
        [1, -1],
        [2, 1],
      ],
      undefined,
      "float64",
    );
    const b = new Variable(tensor([0, 0.5], undefined, "float64"), { requiresGrad: true });
    // z = [[1, -0.5], [2, 1.5], [3, 0.5]]: relu' = [[1, 0], [1, 1], [1, 1]].
    functional.dense(x, k, b, getActivation("relu")).sum().backward();
    expect(Array.from(b.grad!.data)).toEqual([3, 2]);
  });
});

describe("Dense writes its weight gradients straight into .grad", () => {
  /** Gradients of a sum-of-squares loss through two steps of a layer, with zeroGrad between. */
  function twoSteps(rows: number, inDim: number, units: number, dtype: "float32" | "float64") {
    const d = new Dense(units, { inputDim: inDim, activation: "relu", seed: 5, dtype });
    const x1 = new Variable(randn([rows, inDim], 6, dtype));
    const x2 = new Variable(randn([rows, inDim], 7, dtype));
    d.call(x1).square().sum().backward();
    const k1 = d.kernel.peekGrad()!;
    const b1 = d.bias!.peekGrad()!;
    d.zeroGrad();
    // Which arrays the backward kernel writes dK and db into.
    const written = watchKernel("denseBackward", [7, 8], () => {
      d.call(x2).square().sum().backward();
    });
    return { d, k1, b1, x2, written };
  }

  // Below and above the WebAssembly kernels' size threshold, float32 and float64.
  for (const [rows, inDim, units, dtype] of [
    [3, 4, 5, "float64"],
    [32, 40, 24, "float32"],
    [16, 128, 64, "float32"], // a kernel gradient in WebAssembly memory (from 4096 elements)
  ] as const) {
    it(`reuses the buffers and gives the same numbers as a fresh layer (${rows}x${inDim}x${units} ${dtype})`, () => {
      const { d, k1, b1, x2, written } = twoSteps(rows, inDim, units, dtype);
      expect(d.kernel.peekGrad()).toBe(k1);
      expect(d.bias!.peekGrad()).toBe(b1);
      expect(written[0]).toBe(k1.data);
      expect(written[1]).toBe(b1.data);
      // A fresh layer with the same weights, one backward, gradients in new buffers.
      const fresh = new Dense(units, { inputDim: inDim, activation: "relu", seed: 5, dtype });
      fresh.call(x2).square().sum().backward();
      expect(bytesOf(d.kernel.grad!)).toEqual(bytesOf(fresh.kernel.grad!));
      expect(bytesOf(d.bias!.grad!)).toEqual(bytesOf(fresh.bias!.grad!));
    });
  }
});
