import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BatchNorm, Dense, Dropout, Sequential } from "@neurite/layers";
import { randn, ValueError } from "@neurite/tensor";
import { predict } from "@neurite/train";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromTfjs, UnsupportedLayerError } from "../src/index.js";
import { loadTfjsModel } from "../src/node.js";
import { artifactsOf, saveLikeFileHandler, tfPredict } from "./tfjs.js";

const dir = mkdtempSync(join(tmpdir(), "neurite-tfjs-"));
beforeAll(async () => {
  await tf.setBackend("cpu");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(b.length).toBe(a.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Trains a TensorFlow.js model a few steps on seeded random data (no shuffling). */
async function trainFew(model: tf.LayersModel, inputs: number, outputs: number, loss: string) {
  model.compile({ optimizer: tf.train.adam(0.02), loss });
  const x = tf.randomNormal([64, inputs], 1, 2, "float32", 1);
  const y =
    loss === "categoricalCrossentropy"
      ? tf.oneHot(tf.randomUniform([64], 0, outputs, "int32", 2), outputs).cast("float32")
      : tf.randomNormal([64, outputs], 0, 1, "float32", 3);
  await model.fit(x, y, { epochs: 3, batchSize: 16, shuffle: false, verbose: 0 });
  tf.dispose([x, y]);
}

async function expectSamePredictions(
  model: tf.LayersModel,
  imported: Sequential,
  features: number,
) {
  for (const n of [1, 4, 33]) {
    const x = randn([n, features], n).mul(2);
    const ours = predict(imported, x).data;
    expect(maxAbsDiff(tfPredict(model, x.data as Float32Array, [n, features]), ours)).toBeLessThan(
      1e-5,
    );
  }
}

function wineInTfjs(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 20, inputShape: [13], kernelInitializer: seeded(1) }));
  m.add(tf.layers.batchNormalization({ momentum: 0.5 }));
  m.add(tf.layers.activation({ activation: "relu" }));
  m.add(tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: seeded(2) }));
  return m;
}

describe("fromTfjs: models saved by TensorFlow.js", () => {
  it("the wine network, trained: weights, BatchNorm's moving statistics and predictions", async () => {
    const model = wineInTfjs();
    await trainFew(model, 13, 3, "categoricalCrossentropy");
    const imported = fromTfjs(await artifactsOf(model));
    expect(imported.layers.map((l) => l.className)).toEqual([
      "Dense",
      "BatchNorm",
      "Activation",
      "Dense",
    ]);
    expect(imported.training).toBe(false);
    // Keras's kernel layout [inputs, units] is Neurite's: the numbers are copied as they are.
    const kernel = (imported.layers[0] as Dense).kernel.value;
    expect(kernel.shape).toEqual([13, 20]);
    expect(Array.from(kernel.data)).toEqual(
      Array.from(model.layers[0]!.getWeights()[0]!.dataSync()),
    );
    const bn = imported.layers[1] as BatchNorm;
    const [, , movingMean, movingVariance] = model.layers[1]!.getWeights();
    expect(Array.from(bn.movingMean.data)).toEqual(Array.from(movingMean!.dataSync()));
    expect(Array.from(bn.movingVariance.data)).toEqual(Array.from(movingVariance!.dataSync()));
    expect(Math.abs(bn.movingMean.data[0]!)).toBeGreaterThan(0.01);
    expect(bn.momentum).toBe(0.5);
    expect(bn.epsilon).toBe(1e-3);
    await expectSamePredictions(model, imported, 13);
  });

  it("Dropout (inactive at inference), an InputLayer, no bias", async () => {
    const model = tf.sequential();
    model.add(tf.layers.inputLayer({ inputShape: [6] }));
    model.add(tf.layers.dense({ units: 16, activation: "tanh", kernelInitializer: seeded(3) }));
    model.add(tf.layers.dropout({ rate: 0.5 }));
    model.add(tf.layers.batchNormalization({ momentum: 0.3, epsilon: 0.01 }));
    model.add(tf.layers.dense({ units: 2, useBias: false, kernelInitializer: seeded(4) }));
    await trainFew(model, 6, 2, "meanSquaredError");
    const imported = fromTfjs(await artifactsOf(model));
    expect(imported.layers.map((l) => l.className)).toEqual([
      "Dense",
      "Dropout",
      "BatchNorm",
      "Dense",
    ]);
    expect((imported.layers[1] as Dropout).rate).toBe(0.5);
    expect((imported.layers[3] as Dense).bias).toBeNull();
    await expectSamePredictions(model, imported, 6);
    // Called directly (not through predict), the imported model is in eval mode: no dropout.
    const x = randn([5, 6], 9);
    expect(Array.from(imported.call(x).value.data)).toEqual(Array.from(predict(imported, x).data));
  });

  it("every activation TensorFlow.js has that Neurite has, and the activation layers", async () => {
    for (const activation of [
      "relu",
      "sigmoid",
      "tanh",
      "softmax",
      "elu",
      "selu",
      "softplus",
      "swish",
      "gelu",
      "gelu_new",
      "linear",
    ] as const) {
      const model = tf.sequential();
      model.add(
        tf.layers.dense({ units: 5, inputShape: [4], activation, kernelInitializer: seeded(5) }),
      );
      model.add(tf.layers.activation({ activation }));
      await expectSamePredictions(model, fromTfjs(await artifactsOf(model)), 4);
    }
    const layers = tf.sequential();
    layers.add(tf.layers.dense({ units: 6, inputShape: [4], kernelInitializer: seeded(6) }));
    layers.add(tf.layers.leakyReLU({ alpha: 0.15 }));
    layers.add(tf.layers.elu());
    layers.add(tf.layers.reLU());
    layers.add(tf.layers.softmax());
    const imported = fromTfjs(await artifactsOf(layers));
    expect(imported.layers.map((l) => l.className)).toEqual([
      "Dense",
      "Activation",
      "Activation",
      "Activation",
      "Activation",
    ]);
    await expectSamePredictions(layers, imported, 4);
  });

  it("BatchNorm without center or scale (TensorFlow.js cannot train these: statistics set by hand)", async () => {
    for (const options of [{ scale: false }, { center: false }, { center: false, scale: false }]) {
      const model = tf.sequential();
      model.add(tf.layers.dense({ units: 5, inputShape: [3], kernelInitializer: seeded(7) }));
      model.add(tf.layers.batchNormalization({ ...options, epsilon: 0.5 }));
      const bn = model.layers[1]!;
      // Training such a layer fails inside TensorFlow.js 4.22, so move every weight by hand.
      bn.setWeights(
        bn.weights.map((w, i) =>
          w.name.includes("moving_variance")
            ? w.read().mul(tf.scalar(2.5))
            : w.read().add(tf.scalar(0.3 * (i + 1) - 1)),
        ),
      );
      const imported = fromTfjs(await artifactsOf(model));
      const ours = imported.layers[1] as BatchNorm;
      expect(ours.gamma === null).toBe(options.scale === false);
      expect(ours.beta === null).toBe("center" in options);
      await expectSamePredictions(model, imported, 3);
    }
  });

  it("weightData as several ArrayBuffers (shards)", async () => {
    const model = wineInTfjs();
    const artifacts = await artifactsOf(model);
    const bytes = artifacts.weightData as ArrayBuffer;
    const cut = 13 * 20 * 4 + 12;
    const imported = fromTfjs({
      ...artifacts,
      weightData: [bytes.slice(0, cut), bytes.slice(cut)],
    });
    await expectSamePredictions(model, imported, 13);
  });

  it("loadTfjsModel reads model.json and its weight shards, as the file:// handler writes them", async () => {
    const model = wineInTfjs();
    await trainFew(model, 13, 3, "categoricalCrossentropy");
    await saveLikeFileHandler(model, dir, 3);
    await expectSamePredictions(model, await loadTfjsModel(dir), 13);
    await expectSamePredictions(model, await loadTfjsModel(join(dir, "model.json")), 13);
  });
});

describe("fromTfjs: errors", () => {
  it("names a layer it cannot rebuild, and its class", async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [3], name: "hidden" }));
    model.add(tf.layers.layerNormalization({ name: "norm" }));
    const artifacts = await artifactsOf(model);
    expect(() => fromTfjs(artifacts)).toThrow(UnsupportedLayerError);
    expect(() => fromTfjs(artifacts)).toThrow(
      /fromTfjs: argument 'artifacts': layer 'norm' \(LayerNormalization\)/,
    );
  });

  it("names activations whose definition differs, or that Neurite lacks", async () => {
    for (const [activation, message] of [
      ["hardSigmoid", /clip\(0.2·x \+ 0.5, 0, 1\), while Neurite's hardSigmoid is Keras 3's/],
      ["relu6", /activation 'relu6' has no Neurite counterpart/],
      ["mish", /activation 'mish' has no Neurite counterpart/],
    ] as const) {
      const model = tf.sequential();
      model.add(tf.layers.dense({ units: 2, inputShape: [3], activation, name: "d" }));
      const artifacts = await artifactsOf(model);
      expect(() => fromTfjs(artifacts)).toThrow(message);
      expect(() => fromTfjs(artifacts)).toThrow(/layer 'd' \(Dense\)/);
    }
  });

  it("refuses what is not artifacts, functional models, graph models, and weights that do not fit", async () => {
    expect(() => fromTfjs(undefined as never)).toThrow(ValueError);
    expect(() => fromTfjs(undefined as never)).toThrow(
      /fromTfjs: argument 'artifacts': expected TensorFlow.js ModelArtifacts/,
    );
    const input = tf.input({ shape: [3] });
    const functional = tf.model({
      inputs: input,
      outputs: tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor,
    });
    expect(fromTfjs.bind(null, await artifactsOf(functional))).toThrow(
      /only Sequential models can be imported, got a 'Model' model/,
    );
    expect(() => fromTfjs({ modelTopology: new ArrayBuffer(8) })).toThrow(/TensorFlow graph model/);
    const artifacts = await artifactsOf(wineInTfjs());
    const bytes = artifacts.weightData as ArrayBuffer;
    expect(() => fromTfjs({ ...artifacts, weightData: bytes.slice(0, 100) })).toThrow(
      /argument 'artifacts.weightData': weight '.*' needs bytes .* the shards are missing or truncated/,
    );
    expect(() =>
      fromTfjs({
        ...artifacts,
        weightSpecs: artifacts.weightSpecs!.slice(2),
        weightData: bytes.slice(4 * 13 * 20 + 4 * 20),
      }),
    ).toThrow(/the weights have no 'dense_Dense\d+\/kernel'/);
  });

  it("loadTfjsModel: a file that is not a TensorFlow.js model.json", async () => {
    const path = join(dir, "other.json");
    writeFileSync(path, JSON.stringify({ hello: 1 }));
    await expect(loadTfjsModel(path)).rejects.toThrow(
      /loadTfjsModel: argument 'path': .*has no modelTopology/,
    );
    writeFileSync(path, "{");
    await expect(loadTfjsModel(path)).rejects.toThrow(/is not JSON/);
  });
});
