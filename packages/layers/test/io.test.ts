import type { Variable } from "@neurite/autograd";
import { DTypeError, randn, type Tensor, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  Activation,
  BatchNorm,
  Dense,
  Dropout,
  decodeSafetensors,
  encodeSafetensors,
  FormatError,
  getActivation,
  loadModel,
  losses,
  type ModelJSON,
  Module,
  modelFromJSON,
  modelToJSON,
  registerLayer,
  Sequential,
  saveModel,
  setSeed,
} from "../src/index.js";
import { bytesOf } from "./helpers.js";

function wine(dtype: "float32" | "float64" = "float32"): Sequential {
  return new Sequential([
    new Dense(20, { inputDim: 13, seed: 1, dtype }),
    new BatchNorm(),
    new Activation("relu"),
    new Dense(3, { activation: "softmax", seed: 2 }),
  ]);
}

/** A few plain SGD steps so weights and BatchNorm statistics move away from their initial values. */
function trainABit(model: Sequential, dtype: "float32" | "float64" = "float32"): void {
  const x = randn([8, 13], 5, dtype);
  const y = tensor([0, 1, 2, 0, 1, 2, 0, 1], undefined, "int32");
  for (let step = 0; step < 5; step++) {
    model.zeroGrad();
    losses.sparseCategoricalCrossEntropy(model.call(x), y).backward();
    for (const p of model.parameters())
      for (let i = 0; i < p.size; i++) p.value.data[i]! -= 0.1 * p.grad!.data[i]!;
  }
}

describe("saveModel / loadModel", () => {
  it("round-trips weights, running statistics and predictions bit for bit", () => {
    const model = wine();
    trainABit(model);
    const saved = saveModel(model);
    const loaded = loadModel({ weights: saved.weights });
    const a = model.stateDict();
    const b = loaded.stateDict();
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const k of Object.keys(a)) {
      expect(b[k]!.dtype).toBe(a[k]!.dtype);
      expect(bytesOf(b[k]!)).toEqual(bytesOf(a[k]!));
    }
    const x = randn([7, 13], 9);
    expect(bytesOf(loaded.predict(x))).toEqual(bytesOf(model.predict(x)));
    // training mode (batch statistics) too
    expect(bytesOf(loaded.call(x).value)).toEqual(bytesOf(model.call(x).value));
    expect(loaded.summarize().total).toBe(423);
  });

  it("round-trips float64 models and stores F64", () => {
    const model = wine("float64");
    trainABit(model, "float64");
    const saved = saveModel(model);
    const header = decodeSafetensors(saved.weights);
    expect(header.tensors["0.kernel"]!.dtype).toBe("float64");
    const x = randn([3, 13], 2, "float64");
    expect(bytesOf(loadModel(saved).predict(x))).toEqual(bytesOf(model.predict(x)));
  });

  it("writes plain safetensors that other tools can read, with the architecture in the metadata", () => {
    const saved = saveModel(wine(), { metadata: { author: "me" } });
    const { tensors, metadata } = decodeSafetensors(saved.weights);
    expect(Object.keys(tensors)).toContain("1.movingVariance");
    expect(metadata.format).toBe("neurite");
    expect(metadata.author).toBe("me");
    expect(JSON.parse(metadata["neurite.architecture"]!)).toEqual(saved.architecture);
    expect(saved.architecture).toMatchObject({
      format: "neurite.model",
      formatVersion: 1,
      className: "Sequential",
      inputShape: [13],
    });
    // the architecture survives JSON text
    const viaText = loadModel({
      architecture: JSON.stringify(saved.architecture),
      weights: saved.weights,
    });
    expect(viaText.layers.map((l) => l.className)).toEqual([
      "Dense",
      "BatchNorm",
      "Activation",
      "Dense",
    ]);
  });

  it("keeps every layer's configuration", () => {
    const model = new Sequential(
      [
        new Dense(4, {
          inputDim: 3,
          activation: getActivation("leakyRelu", { alpha: 0.1 }),
          useBias: false,
          kernelInitializer: "he_normal",
        }),
        new BatchNorm({
          momentum: 0.9,
          epsilon: 1e-5,
          center: false,
          unbiasedMovingVariance: true,
          name: "bn",
        }),
        new Dropout(0.25, { seed: 3 }),
        new Activation("gelu", { approximate: true }),
        new Dense(2, { biasInitializer: "ones" }),
        new Activation("softmax", { axis: -1 }),
      ],
      { name: "net" },
    );
    model.build([null, 3]);
    const json = JSON.parse(JSON.stringify(modelToJSON(model))) as ModelJSON;
    const back = modelFromJSON(json);
    expect(modelToJSON(back)).toEqual(json);
    const [d, bn, drop, act] = back.layers as [Dense, BatchNorm, Dropout, Activation];
    expect(d.activation).toMatchObject({
      kind: "builtin",
      fn: { name: "leakyRelu", config: { alpha: 0.1 } },
    });
    expect(d.useBias).toBe(false);
    expect(d.kernelInitializer.name).toBe("heNormal");
    expect([bn.momentum, bn.epsilon, bn.center, bn.unbiasedMovingVariance, bn.name]).toEqual([
      0.9,
      1e-5,
      false,
      true,
      "bn",
    ]);
    expect(drop.rate).toBe(0.25);
    expect((act.activation as { config: object }).config).toEqual({ approximate: true });
    expect(back.name).toBe("net");
  });

  it("refuses weights that do not match the architecture, naming each key", () => {
    const saved = saveModel(wine());
    const arch = structuredClone(saved.architecture);
    arch.layers[3]!.config.units = 4;
    let err: unknown;
    try {
      loadModel({ architecture: arch, weights: saved.weights });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FormatError);
    expect((err as FormatError).kind).toBe("architecture");
    expect((err as Error).message).toMatch(/weights do not match the architecture/);
    expect((err as Error).message).toMatch(/'3\.kernel': expected shape \[20,4\], got \[20,3\]/);
    expect((err as Error).message).toMatch(/'3\.bias': expected shape \[4\], got \[3\]/);
    const fewer = structuredClone(saved.architecture);
    fewer.layers.pop();
    expect(() => loadModel({ architecture: fewer, weights: saved.weights })).toThrow(
      /unexpected '3\.kernel'/,
    );
    const f64 = structuredClone(saved.architecture);
    f64.layers[0]!.config.dtype = "float64";
    expect(() => loadModel({ architecture: f64, weights: saved.weights })).toThrow(
      /'0\.kernel': expected float64, got float32/,
    );
    // layers that no longer fit each other are caught while rebuilding
    const wider = structuredClone(saved.architecture);
    wider.layers[0]!.config.units = 10;
    expect(() => loadModel({ architecture: wider, weights: saved.weights })).toThrow(
      /layer 1 \(BatchNorm\): expects 20 features, but the layers before give 10/,
    );
  });

  it("refuses malformed architectures with the layer they concern", () => {
    const { architecture: a, weights } = saveModel(wine());
    const mutate = (f: (j: ModelJSON) => void) => {
      const j = structuredClone(a);
      f(j);
      return () => loadModel({ architecture: j, weights });
    };
    expect(mutate((j) => (j.layers[2]!.className = "Conv2D"))).toThrow(
      /layer 2: unknown layer type 'Conv2D'/,
    );
    expect(mutate((j) => (j.layers[0]!.config.units = "20"))).toThrow(
      /layer 0 \(Dense\): config\.units must be a number/,
    );
    expect(mutate((j) => (j.layers[0]!.config.units = -2))).toThrow(
      /layer 0 \(Dense\).*positive integer/,
    );
    expect(mutate((j) => ((j as { formatVersion: number }).formatVersion = 2))).toThrow(
      /formatVersion 2/,
    );
    expect(mutate((j) => ((j as { format: string }).format = "keras"))).toThrow(FormatError);
    expect(mutate((j) => (j.inputShape = [12]))).toThrow(/do not fit inputShape/);
    expect(() => loadModel({ architecture: "{not json", weights })).toThrow(/not valid JSON/);
    for (const f of [
      mutate((j) => (j.layers[2]!.className = "Conv2D")),
      mutate((j) => (j.layers[0]!.config.units = -2)),
    ]) {
      try {
        f();
      } catch (e) {
        expect((e as FormatError).kind).toBe("architecture");
      }
    }
  });

  it("needs an architecture: given or embedded", () => {
    const plain = encodeSafetensors(wine().stateDict());
    expect(() => loadModel({ weights: plain })).toThrow(/no architecture was given/);
    const arch = saveModel(wine()).architecture;
    expect(loadModel({ architecture: arch, weights: plain }).built).toBe(true);
  });

  it("passes corrupt weights errors through", () => {
    const { weights } = saveModel(wine());
    expect(() => loadModel({ weights: weights.slice(0, weights.length - 1) })).toThrow(FormatError);
    expect(() => loadModel(null as never)).toThrow(ValueError);
  });

  it("refuses to save what it cannot describe", () => {
    expect(() => saveModel(new Sequential([new Dense(3)]))).toThrow(/not built yet/);
    const custom = new Sequential([
      new Dense(2, { inputDim: 2, activation: (v: Variable) => v.mul(2) }),
    ]);
    expect(() => saveModel(custom)).toThrow(DTypeError);
    expect(() => saveModel(custom)).toThrow(/custom activation function cannot be saved/);
    expect(() => saveModel(new Dense(2) as never)).toThrow(ValueError);
  });

  it("loads custom layers registered with registerLayer", () => {
    class Scale extends Module {
      readonly factor: number;
      constructor(factor: number) {
        super();
        this.factor = factor;
      }
      override get className(): string {
        return "Scale";
      }
      forward(x: Variable | Tensor): Variable {
        return (x as Variable).mul(this.factor);
      }
      override getConfig(): Record<string, unknown> {
        return { factor: this.factor };
      }
    }
    const model = new Sequential([new Dense(2, { inputDim: 3, seed: 1 }), new Scale(3)]);
    const saved = saveModel(model);
    expect(() => loadModel(saved)).toThrow(/unknown layer type 'Scale'/);
    registerLayer("Scale", (c) => new Scale(c.factor as number));
    const back = loadModel(saved);
    const x = randn([2, 3], 0);
    expect(bytesOf(back.predict(x))).toEqual(bytesOf(model.predict(x)));
    expect(() => registerLayer("", () => model)).toThrow(ValueError);
  });
});

describe("rebuilding from an architecture", () => {
  it("never draws from the global generator, and is itself deterministic", () => {
    const arch = modelToJSON(
      new Sequential([new Dense(3, { inputDim: 2 }), new Dropout(0.5), new Dense(2)]),
    );
    setSeed(11);
    const before = new Dense(4, { inputDim: 2 }).kernel.value;
    setSeed(11);
    const a = modelFromJSON(arch);
    const after = new Dense(4, { inputDim: 2 }).kernel.value;
    expect(bytesOf(after)).toEqual(bytesOf(before));
    const b = modelFromJSON(arch);
    const x = randn([2, 2], 0);
    expect(bytesOf(a.call(x).value)).toEqual(bytesOf(b.call(x).value));
  });

  it("keeps tensors with awkward names such as __proto__ as entries", () => {
    const bytes = encodeSafetensors([["__proto__", tensor([1, 2])]]);
    const { tensors } = decodeSafetensors(bytes);
    expect(Object.keys(tensors)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(tensors)).toBe(Object.prototype);
    const own = Object.getOwnPropertyDescriptor(tensors, "__proto__")!.value as Tensor;
    expect(Array.from(own.data)).toEqual([1, 2]);
  });
});
