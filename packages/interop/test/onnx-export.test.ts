import type { Variable } from "@neurite/autograd";
import {
  ACTIVATION_NAMES,
  Activation,
  type ActivationName,
  type ActivationOptions,
  BatchNorm,
  Dense,
  Dropout,
  Module,
  Sequential,
} from "@neurite/layers";
import { randn, type Tensor, tensor, ValueError } from "@neurite/tensor";
import { predict } from "@neurite/train";
import { onnx } from "onnx-proto";
import { describe, expect, it } from "vitest";
import { toOnnx, UnsupportedLayerError } from "../src/index.js";
import { trainedBoston, trainedWine } from "./networks.js";
import { runOnnx } from "./ort.js";

const BATCHES = [1, 3, 17];

function maxAbsDiff(a: Tensor, b: Tensor): number {
  expect(b.shape).toEqual(a.shape);
  let m = 0;
  for (let i = 0; i < a.size; i++) m = Math.max(m, Math.abs(a.data[i]! - b.data[i]!));
  return m;
}

/** Exports `model`, runs it in ONNX Runtime on `x`, and returns the largest difference to `predict`. */
async function difference(model: Sequential, x: Tensor, opset?: number): Promise<number> {
  const bytes = toOnnx(model, { inputShape: x.shape.slice(1), opset });
  return maxAbsDiff(predict(model, x), await runOnnx(bytes, x));
}

async function expectMatchesOrt(model: Sequential, features: number, seed: number): Promise<void> {
  for (const n of BATCHES) {
    const x = randn([n, features], seed + n).mul(2);
    expect(await difference(model, x)).toBeLessThan(1e-5);
  }
}

/** The non-default parameters each activation is also tested with. */
const PARAMETERS: Partial<Record<ActivationName, ActivationOptions>> = {
  step: { threshold: 0.25 },
  leakyRelu: { alpha: 0.1 },
  elu: { alpha: 0.5 },
  gelu: { approximate: true },
};

describe("toOnnx: every activation, as ONNX Runtime computes it", () => {
  for (const name of ACTIVATION_NAMES) {
    it(`${name}, as an Activation layer and as Dense's activation`, async () => {
      const asLayer = new Sequential([
        new Dense(6, { inputDim: 4, seed: 1 }),
        new Activation(name),
      ]);
      await expectMatchesOrt(asLayer, 4, 10);
      const fused = new Sequential([new Dense(5, { inputDim: 4, activation: name, seed: 2 })]);
      await expectMatchesOrt(fused, 4, 20);
      const options = PARAMETERS[name];
      if (options) {
        const withOptions = new Sequential([
          new Dense(6, { inputDim: 4, seed: 3 }),
          new Activation(name, options),
        ]);
        await expectMatchesOrt(withOptions, 4, 30);
      }
    });
  }

  it("step and sign agree at 0 and at the threshold exactly", async () => {
    const x = tensor([[-1, 0, 0.25, 0.5, -0.25, 1e-30, -1e-30]]);
    for (const layer of [
      new Activation("step"),
      new Activation("step", { threshold: 0.25 }),
      new Activation("sign"),
    ]) {
      const model = new Sequential([layer]);
      const ort = await runOnnx(toOnnx(model, { inputShape: [7] }), x);
      expect(Array.from(ort.data)).toEqual(Array.from(predict(model, x).data));
    }
    const sign = new Sequential([new Activation("sign")]);
    expect(Array.from((await runOnnx(toOnnx(sign, { inputShape: [7] }), x)).data)).toEqual([
      -1, 0, 1, 1, -1, 1, -1,
    ]);
  });

  it("softmax and logSoftmax on another axis than the last", async () => {
    const model = new Sequential([
      new Dense(4, { inputDim: 3, seed: 4 }),
      new Activation("softmax", { axis: 1 }),
    ]);
    const x = randn([2, 5, 3], 5);
    const ort = await runOnnx(toOnnx(model, { inputShape: [5, 3] }), x);
    expect(maxAbsDiff(predict(model, x), ort)).toBeLessThan(1e-6);
  });
});

describe("toOnnx: layers", () => {
  it("BatchNorm in inference mode, with trained statistics, epsilon, and center/scale off", async () => {
    for (const options of [
      { epsilon: 1e-5 },
      { center: false },
      { scale: false },
      { center: false, scale: false, epsilon: 0.1 },
    ]) {
      const bn = new BatchNorm({ ...options, momentum: 0.5 });
      const model = new Sequential([new Dense(6, { inputDim: 4, seed: 5 }), bn]);
      // Two training batches move the statistics away from 0 and 1.
      model.call(randn([8, 4], 6).add(3));
      model.call(randn([8, 4], 7).mul(4));
      expect(Math.abs(bn.movingMean.data[0]!)).toBeGreaterThan(0.05);
      if (bn.gamma) bn.gamma.value.data.set([1.5, -2, 0.5, 3, 1, 0.7]);
      if (bn.beta) bn.beta.value.data.set([0.1, 0.2, -0.3, 0.4, -0.5, 0.6]);
      await expectMatchesOrt(model, 4, 40);
    }
  });

  it("Dropout is removed: the exported model is deterministic and equals predict", async () => {
    const model = new Sequential([
      new Dense(8, { inputDim: 4, activation: "relu", seed: 6 }),
      new Dropout(0.5, { seed: 1 }),
      new Dense(2, { seed: 7 }),
    ]);
    const bytes = toOnnx(model, { inputShape: [4] });
    const decoded = onnx.ModelProto.decode(bytes);
    expect(decoded.graph!.node!.map((n) => n.opType)).toEqual(["Gemm", "Relu", "Gemm"]);
    await expectMatchesOrt(model, 4, 50);
  });

  it("inputs of rank 3: Dense as MatMul + Add, BatchNorm between transposes", async () => {
    const model = new Sequential([
      new Dense(5, { inputDim: 3, activation: "tanh", seed: 8 }),
      new BatchNorm({ momentum: 0 }),
      new Dense(2, { seed: 9, useBias: false }),
    ]);
    model.call(randn([4, 6, 3], 9).add(1));
    for (const n of BATCHES) {
      const x = randn([n, 6, 3], 60 + n);
      expect(await difference(model, x)).toBeLessThan(1e-5);
    }
  });

  it("nested Sequential models and a model of Dropout alone", async () => {
    const inner = new Sequential([new Dense(6, { inputDim: 4, seed: 10 }), new Activation("elu")]);
    const model = new Sequential([inner, new Dropout(0.2), new Dense(3, { seed: 11 })]);
    await expectMatchesOrt(model, 4, 70);
    const passthrough = new Sequential([new Dropout(0.3)]);
    const x = randn([3, 4], 71);
    expect(maxAbsDiff(x, await runOnnx(toOnnx(passthrough, { inputShape: [4] }), x))).toBe(0);
  });

  it("float64 models are exported as doubles", async () => {
    const model = new Sequential([
      new Dense(6, { inputDim: 4, activation: "relu", seed: 12, dtype: "float64" }),
      new Dense(2, { seed: 13, dtype: "float64" }),
    ]);
    const x = randn([5, 4], 72).cast("float64");
    const ort = await runOnnx(toOnnx(model), x);
    expect(ort.dtype).toBe("float64");
    expect(maxAbsDiff(predict(model, x), ort)).toBeLessThan(1e-12);
  });
});

describe("toOnnx: the book's networks", () => {
  it("wine: Dense(20) → BatchNorm → ReLU → Dense(3) → softmax, trained", async () => {
    const model = trainedWine(1);
    const bn = model.layers[1] as BatchNorm;
    expect(Math.max(...Array.from(bn.movingVariance.data, (v) => Math.abs(v - 1)))).toBeGreaterThan(
      0.1,
    );
    await expectMatchesOrt(model, 13, 80);
  });

  it("boston: Dense(20, relu) → Dense(1), trained", async () => {
    await expectMatchesOrt(trainedBoston(1), 13, 90);
  });

  it("opsets 17 to 23 all load and compute the same", async () => {
    const model = trainedWine(2);
    const x = randn([4, 13], 91);
    for (const opset of [17, 18, 19, 20, 21, 22, 23])
      expect(await difference(model, x, opset)).toBeLessThan(1e-5);
  });
});

describe("toOnnx: the model file", () => {
  it("declares the opset, IR version, a dynamic batch axis and the output shape", () => {
    const model = trainedWine(3);
    const decoded = onnx.ModelProto.decode(toOnnx(model, { inputShape: [13], opset: 18 }));
    expect(decoded.opsetImport!.map((o) => [o.domain, Number(o.version)])).toEqual([["", 18]]);
    expect(Number(decoded.irVersion)).toBe(8);
    expect(decoded.producerName).toBe("neurite");
    const graph = decoded.graph!;
    expect(graph.node!.map((n) => n.opType)).toEqual([
      "Gemm",
      "BatchNormalization",
      "Relu",
      "Gemm",
      "Softmax",
    ]);
    const [input] = graph.input!;
    expect(input!.name).toBe("input");
    expect(
      input!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue)),
    ).toEqual(["batch", 13]);
    const [output] = graph.output!;
    expect(output!.name).toBe("output");
    expect(
      output!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue)),
    ).toEqual(["batch", 3]);
    const bn = graph.node!.find((n) => n.opType === "BatchNormalization")!;
    expect(bn.attribute![0]!.name).toBe("epsilon");
    expect(bn.attribute![0]!.f).toBeCloseTo(1e-3, 9);
    const kernel = graph.initializer!.find((t) => t.name === "0.kernel")!;
    expect(kernel.dims!.map(Number)).toEqual([13, 20]);
    expect(new Float32Array(kernel.rawData!.slice().buffer)).toEqual(
      (model.layers[0] as Dense).kernel.value.data,
    );
  });

  it("names the graph's input and output as asked", async () => {
    const model = new Sequential([new Dense(2, { inputDim: 3, seed: 14 })]);
    const bytes = toOnnx(model, { inputName: "features", outputName: "scores" });
    const graph = onnx.ModelProto.decode(bytes).graph!;
    expect(graph.input![0]!.name).toBe("features");
    expect(graph.output![0]!.name).toBe("scores");
  });
});

describe("toOnnx: errors", () => {
  it("names a layer ONNX cannot express, and its class", () => {
    class Passthrough extends Module {
      override get className(): string {
        return "Passthrough";
      }
      forward(x: Variable | Tensor): Variable {
        return x as Variable;
      }
    }
    const model = new Sequential([new Dense(2, { inputDim: 3 }), new Passthrough()]);
    const e = (() => {
      try {
        toOnnx(model);
      } catch (err) {
        return err;
      }
    })() as UnsupportedLayerError;
    expect(e).toBeInstanceOf(UnsupportedLayerError);
    expect(e.layer).toBe("1");
    expect(e.className).toBe("Passthrough");
    expect(e.message).toMatch(/toOnnx: argument 'model': layer '1' \(Passthrough\)/);
  });

  it("names a custom activation function, in an Activation layer and in Dense", () => {
    const custom = (x: Parameters<Activation["forward"]>[0]) => x as never;
    expect(() =>
      toOnnx(
        new Sequential([new Dense(2, { inputDim: 3 }), new Activation(custom, { name: "mine" })]),
      ),
    ).toThrow(/layer '1:mine' \(Activation\): a custom activation function/);
    expect(() =>
      toOnnx(new Sequential([new Dense(2, { inputDim: 3, activation: (x) => x })])),
    ).toThrow(/layer '0' \(Dense\): a custom activation function/);
  });

  it("rejects a model that is not built, a bad opset and a bad inputShape", () => {
    const lazy = new Sequential([new Dense(2)]);
    expect(() => toOnnx(lazy)).toThrow(ValueError);
    expect(() => toOnnx(lazy)).toThrow(/'inputShape': .*pass inputShape/);
    expect(() => toOnnx(lazy, { inputShape: [3] })).toThrow(/layer '0' \(Dense\) is not built/);
    const model = new Sequential([new Dense(2, { inputDim: 3 })]);
    expect(() => toOnnx(model, { opset: 13 })).toThrow(
      /argument 'opset': expected an integer from 17 to 23, got 13/,
    );
    expect(() => toOnnx(model, { inputShape: [4] })).toThrow(
      /expects 3 input features, got inputShape \[4\]/,
    );
    expect(() => toOnnx(model, { inputShape: [0] })).toThrow(/argument 'inputShape'/);
    expect(() => toOnnx(model, { inputName: "x", outputName: "x" })).toThrow(/outputName/);
    expect(() => toOnnx({} as never)).toThrow(/argument 'model': expected a Sequential/);
  });
});
