import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Activation,
  BatchNorm,
  Dense,
  Dropout,
  decodeSafetensors,
  encodeSafetensors,
  Sequential,
  StateDictError,
} from "@neurite/layers";
import { randn, type Tensor, tensor } from "@neurite/tensor";
import { predict } from "@neurite/train";
import { afterAll, describe, expect, it } from "vitest";
import {
  fromTorchStateDict,
  torchSequentialCode,
  toTorchSafetensors,
  toTorchStateDict,
  UnsupportedLayerError,
} from "../src/index.js";
import { loadTorchStateDict, saveTorchStateDict } from "../src/node.js";
import { bostonNetwork, trainedBoston, trainedWine, wineNetwork } from "./networks.js";
import { pythonWithTorch } from "./python.js";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "neurite-torch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function maxAbsDiff(a: Tensor, b: Tensor): number {
  expect(b.shape).toEqual(a.shape);
  let m = 0;
  for (let i = 0; i < a.size; i++) m = Math.max(m, Math.abs(a.data[i]! - b.data[i]!));
  return m;
}

describe("toTorchStateDict: PyTorch's names and layouts", () => {
  it("wine: activations take an index of their own; Linear weights are [out, in]", () => {
    const model = trainedWine(1);
    const dict = toTorchStateDict(model);
    expect(Object.keys(dict)).toEqual([
      "0.weight",
      "0.bias",
      "1.weight",
      "1.bias",
      "1.running_mean",
      "1.running_var",
      "1.num_batches_tracked",
      "3.weight",
      "3.bias",
    ]);
    const dense = model.layers[0] as Dense;
    const bn = model.layers[1] as BatchNorm;
    expect(dict["0.weight"]!.shape).toEqual([20, 13]);
    // weight[o][i] = kernel[i][o]
    expect(dict["0.weight"]!.data[2 * 13 + 5]).toBe(dense.kernel.value.data[5 * 20 + 2]);
    expect(Array.from(dict["1.weight"]!.data)).toEqual(Array.from(bn.gamma!.value.data));
    expect(Array.from(dict["1.running_var"]!.data)).toEqual(Array.from(bn.movingVariance.data));
    expect(dict["1.num_batches_tracked"]!.dtype).toBe("int32");
    expect(dict["3.weight"]!.shape).toEqual([3, 20]);
  });

  it("boston: Dense(20, relu) → Dense(1) is Linear, ReLU, Linear", () => {
    expect(Object.keys(toTorchStateDict(bostonNetwork(1)))).toEqual([
      "0.weight",
      "0.bias",
      "2.weight",
      "2.bias",
    ]);
  });

  it("the safetensors bytes tag floats F32 and num_batches_tracked I64", () => {
    const bytes = toTorchSafetensors(trainedWine(1));
    const n = new DataView(bytes.buffer).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header["1.num_batches_tracked"]).toMatchObject({ dtype: "I64", shape: [] });
    expect(header["0.weight"]).toMatchObject({ dtype: "F32", shape: [20, 13] });
    expect(header.__metadata__).toEqual({ format: "pt" });
  });

  it("the matching PyTorch module, for the book's two networks", () => {
    expect(torchSequentialCode(wineNetwork(1))).toBe(
      [
        "nn.Sequential(",
        "    nn.Linear(13, 20),",
        "    nn.BatchNorm1d(20, eps=0.001, momentum=0.1),",
        "    nn.ReLU(),",
        "    nn.Linear(20, 3),",
        "    nn.Softmax(dim=-1),",
        ")",
      ].join("\n"),
    );
    expect(torchSequentialCode(bostonNetwork(1))).toBe(
      "nn.Sequential(\n    nn.Linear(13, 20),\n    nn.ReLU(),\n    nn.Linear(20, 1),\n)",
    );
  });
});

describe("fromTorchStateDict", () => {
  it("round trip: a fresh network given the trained one's PyTorch weights predicts the same", () => {
    for (const [trained, fresh] of [
      [trainedWine(1), wineNetwork(9)],
      [trainedBoston(1), bostonNetwork(9)],
    ] as const) {
      const x = randn([6, 13], 3);
      expect(maxAbsDiff(predict(trained, x), predict(fresh, x))).toBeGreaterThan(1e-3);
      fromTorchStateDict(fresh, toTorchSafetensors(trained));
      expect(maxAbsDiff(predict(trained, x), predict(fresh, x))).toBe(0);
    }
  });

  it("nested Sequential, Dropout, no bias, BatchNorm without scale or shift", () => {
    const build = (seed: number) =>
      new Sequential([
        new Sequential([new Dense(5, { inputDim: 4, useBias: false, seed }), new Dropout(0.3)]),
        new BatchNorm({ center: false, features: 5 }),
        new Activation("tanh"),
        new Dense(2, { activation: "elu", seed: seed + 1 }),
      ]);
    const a = build(1);
    a.call(randn([8, 4], 4));
    const dict = toTorchStateDict(a);
    expect(Object.keys(dict)).toEqual([
      "0.0.weight",
      "1.weight",
      "1.bias",
      "1.running_mean",
      "1.running_var",
      "1.num_batches_tracked",
      "3.weight",
      "3.bias",
    ]);
    expect(Array.from(dict["1.bias"]!.data)).toEqual([0, 0, 0, 0, 0]);
    const b = fromTorchStateDict(build(5), dict);
    const x = randn([3, 4], 5);
    expect(maxAbsDiff(predict(a, x), predict(b, x))).toBe(0);
    expect(torchSequentialCode(a)).toContain(
      "nn.Sequential(\n        nn.Linear(4, 5, bias=False),",
    );
  });

  it("converts float64 PyTorch tensors to the model's float32", () => {
    const model = bostonNetwork(1);
    const dict = toTorchStateDict(model);
    const wide = Object.fromEntries(Object.entries(dict).map(([k, v]) => [k, v.cast("float64")]));
    const fresh = fromTorchStateDict(bostonNetwork(2), wide);
    expect((fresh.layers[0] as Dense).kernel.dtype).toBe("float32");
    expect(Array.from((fresh.layers[0] as Dense).kernel.value.data)).toEqual(
      Array.from((model.layers[0] as Dense).kernel.value.data),
    );
  });

  it("lists every missing, unexpected and mis-shaped tensor by its PyTorch name, and loads nothing", () => {
    const model = wineNetwork(1);
    const before = Array.from((model.layers[0] as Dense).kernel.value.data);
    const dict = toTorchStateDict(wineNetwork(2));
    delete dict["1.running_var"];
    dict["2.weight"] = tensor([1]);
    dict["3.weight"] = randn([20, 3], 1);
    const e = (() => {
      try {
        fromTorchStateDict(model, dict);
      } catch (err) {
        return err;
      }
    })() as StateDictError;
    expect(e).toBeInstanceOf(StateDictError);
    expect(e.problems.map((p) => [p.kind, p.key])).toEqual([
      ["missing", "1.running_var"],
      ["shape", "3.weight"],
      ["unexpected", "2.weight"],
    ]);
    expect(e.message).toMatch(/fromTorchStateDict: .*expected shape \[3,20\], got \[20,3\]/s);
    expect(Array.from((model.layers[0] as Dense).kernel.value.data)).toEqual(before);
  });

  it("refuses a BatchNorm shift for a layer without one", () => {
    const model = new Sequential([new Dense(3, { inputDim: 2 }), new BatchNorm({ center: false })]);
    const dict = toTorchStateDict(model);
    dict["1.bias"] = tensor([0, 0.5, 0]);
    expect(() => fromTorchStateDict(model, dict)).toThrow(/'1.bias': .*no shift \(center: false\)/);
  });

  it("names layers PyTorch cannot express, and refuses what is not a built Sequential", () => {
    expect(() =>
      toTorchStateDict(new Sequential([new Dense(2, { inputDim: 2, activation: (x) => x })])),
    ).toThrow(UnsupportedLayerError);
    expect(() => torchSequentialCode(new Sequential([new Activation("step")]))).toThrow(
      /layer '0' \(Activation\): PyTorch has no step module/,
    );
    expect(() => toTorchStateDict(new Dense(2, { inputDim: 2 }))).toThrow(
      /toTorchStateDict: argument 'model': expected a Sequential, got Dense/,
    );
    expect(() => toTorchStateDict(new Sequential([new Dense(2)]))).toThrow(
      /'0' \(Dense\) is not built/,
    );
    expect(() => fromTorchStateDict(bostonNetwork(1), "x" as never)).toThrow(/argument 'tensors'/);
  });
});

describe("PyTorch itself", () => {
  it("fixtures computed once with PyTorch: its weights give its outputs in Neurite", () => {
    for (const [name, model] of [
      ["wine", wineNetwork(0)],
      ["boston", bostonNetwork(0)],
    ] as const) {
      fromTorchStateDict(model, readFileSync(fixture(`torch-${name}.safetensors`)));
      const io = decodeSafetensors(readFileSync(fixture(`torch-${name}-io.safetensors`))).tensors;
      expect(maxAbsDiff(io.y!, predict(model, io.x!))).toBeLessThan(1e-5);
    }
    // The fixture's statistics are a trained network's, not the initial 0 and 1.
    const wine = fromTorchStateDict(
      wineNetwork(0),
      readFileSync(fixture("torch-wine.safetensors")),
    );
    expect(Math.abs((wine.layers[1] as BatchNorm).movingMean.data[0]!)).toBeGreaterThan(0.01);
  });

  // Runs only where a Python with torch is found; the fixture test above always runs.
  const python = pythonWithTorch();
  if (python !== null)
    it(`live (${python}): PyTorch loads Neurite's file with strict=True and computes the same`, async () => {
      for (const [model, fresh] of [
        [trainedWine(3), wineNetwork(0)],
        [trainedBoston(3), bostonNetwork(0)],
      ] as const) {
        const x = randn([9, 13], 7);
        const files = {
          module: join(dir, "module.py"),
          state: join(dir, "state.safetensors"),
          input: join(dir, "input.safetensors"),
          output: join(dir, "output.safetensors"),
        };
        writeFileSync(files.module, torchSequentialCode(model));
        await saveTorchStateDict(model, files.state);
        writeFileSync(files.input, encodeSafetensors({ x }));
        const script = new URL("./torch/run_state_dict.py", import.meta.url).pathname;
        execFileSync(python, [script, files.module, files.state, files.input, files.output], {
          stdio: "pipe",
          timeout: 120_000,
        });
        const y = decodeSafetensors(readFileSync(files.output)).tensors.y!;
        expect(maxAbsDiff(predict(model, x), y)).toBeLessThan(1e-5);
        // And the Node helper reads the same file back.
        await loadTorchStateDict(fresh, files.state);
        expect(maxAbsDiff(predict(model, x), predict(fresh, x))).toBe(0);
      }
    });
});
