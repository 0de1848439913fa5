import { loadModel } from "@neurite/layers";
import { Tensor } from "@neurite/tensor";
import * as ort from "onnxruntime-web";
import { describe, expect, it } from "vitest";
import type { CustomData, FromWorker, ToWorker } from "../src/protocol.js";
import {
  DEFAULT_SETTINGS,
  HIDDEN_ACTIVATIONS,
  OPTIMIZERS,
  type Settings,
  SYNTHETIC_DATASETS,
  TABLE_DATASETS,
} from "../src/state.js";
import {
  domainOf,
  PlaygroundTrainer,
  PREPROCESSING_KEY,
  type Preprocessing,
  softmaxRows,
} from "../src/trainer.js";
import { createTrainingLoop } from "../src/worker.js";

const XOR: Settings = DEFAULT_SETTINGS;

function bits(a: Float32Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
}

describe("PlaygroundTrainer: data and network", () => {
  it.each(SYNTHETIC_DATASETS)("builds %s with a 75/25 split", (dataset) => {
    const t = new PlaygroundTrainer({ ...XOR, dataset, samples: 120, batchSize: 16 });
    const { info } = t;
    expect(info.trainSize + info.testSize).toBe(120);
    expect(info.testSize).toBe(30);
    expect(info.classes).toBe(dataset === "blobs" ? 3 : 2);
    expect(info.iterationsPerEpoch).toBe(Math.ceil(90 / 16));
    expect(info.points).toHaveLength(240);
    expect(new Set(info.labels).size).toBe(info.classes);
    const d = info.domain;
    expect(d.xMax - d.xMin).toBeCloseTo(d.yMax - d.yMin, 9);
    for (let i = 0; i < 120; i++) {
      expect(info.points[2 * i]).toBeGreaterThan(d.xMin);
      expect(info.points[2 * i]).toBeLessThan(d.xMax);
      expect(info.points[2 * i + 1]).toBeGreaterThan(d.yMin);
      expect(info.points[2 * i + 1]).toBeLessThan(d.yMax);
    }
  });

  it.each([
    ["iris", 150, 4, 3],
    ["wine", 178, 13, 3],
    ["breastCancer", 569, 30, 2],
    ["digits", 1797, 64, 10],
  ] as const)(
    "builds the %s table: %i rows, %i features, %i classes",
    (dataset, rows, features, classes) => {
      expect(TABLE_DATASETS).toContain(dataset);
      const t = new PlaygroundTrainer({ ...XOR, dataset });
      const { info } = t;
      expect(info.trainSize + info.testSize).toBe(rows);
      expect(info.testSize).toBe(Math.ceil(rows * 0.25));
      expect(info.features).toBe(features);
      expect(info.classes).toBe(classes);
      expect(info.decisionMap).toBe(false);
      expect(info.points).toHaveLength(0);
      expect(t.predictGrid(8)).toHaveLength(0);
      expect(info.validationTargets).toHaveLength(info.testSize);
      expect(info.architecture.startsWith(`${features} inputs → Dense(4)`)).toBe(true);
      const predictions = t.predictValidation();
      expect(predictions).toHaveLength(info.testSize);
      for (const p of predictions) expect(Number.isInteger(p) && p >= 0 && p < classes).toBe(true);
    },
  );

  it("refuses csv without data", () => {
    expect(() => new PlaygroundTrainer({ ...XOR, dataset: "csv" })).toThrow(/no CSV file/);
  });

  it("describes the network it builds", () => {
    const t = new PlaygroundTrainer({ ...XOR, batchNorm: true, dropout: 0.2 });
    expect(t.info.architecture).toBe(
      "2 inputs → Dense(4) → BatchNorm → tanh → Dropout(0.2) → Dense(4) → BatchNorm → tanh → Dropout(0.2) → Dense(2) → softmax",
    );
    // 2·4+4, 8 (BatchNorm's gamma and beta), 4·4+4, 8, 4·2+2
    expect(t.info.parameters).toBe(12 + 8 + 20 + 8 + 10);
    const plain = new PlaygroundTrainer({ ...XOR, layers: [] });
    expect(plain.info.architecture).toBe("2 inputs → Dense(2) → softmax");
  });

  it("uses the whole training set as one batch when the batch size is larger", () => {
    const t = new PlaygroundTrainer({ ...XOR, samples: 40, batchSize: 500 });
    expect(t.info.iterationsPerEpoch).toBe(1);
    expect(t.step()).toBe(true);
    expect(t.epoch).toBe(1);
  });
});

/** y = 3·x0 − 2·x1 + 1 with a little noise, as the page hands over a parsed CSV. */
function linearData(rows: number): CustomData {
  const x = new Float32Array(rows * 2);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = Math.sin(i * 1.3) * 2;
    const b = Math.cos(i * 0.7) * 3;
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = 3 * a - 2 * b + 1 + 0.05 * Math.sin(i * 5.1);
  }
  return {
    name: "linear.csv",
    task: "regression",
    x,
    y,
    rows,
    featureNames: ["a", "b"],
    targetNames: ["y"],
  };
}

describe("PlaygroundTrainer: your data", () => {
  const csv: Settings = { ...XOR, dataset: "csv", layers: [{ units: 8, activation: "relu" }] };

  it("trains a regression on a CSV table, scored by R²", () => {
    const t = new PlaygroundTrainer(csv, linearData(200));
    expect(t.info.task).toBe("regression");
    expect(t.info.metric).toBe("r2");
    expect(t.info.classes).toBe(0);
    expect(t.info.decisionMap).toBe(false);
    expect(t.info.architecture).toBe("2 inputs → Dense(8) → relu → Dense(1)");
    const before = t.progress();
    while (t.epoch < 40) t.step();
    const after = t.progress();
    expect(after.testLoss).toBeLessThan(before.testLoss / 10);
    expect(after.testAccuracy).toBeGreaterThan(0.95);
    // Predictions are values near the targets.
    const p = t.predictValidation();
    const target = t.info.validationTargets;
    let err = 0;
    for (let i = 0; i < p.length; i++) err += (p[i]! - target[i]!) ** 2;
    expect(err / p.length).toBeCloseTo(after.testLoss, 4);
  });

  it("trains a classification on a CSV table with a decision map when it has 2 features", () => {
    const data: CustomData = {
      name: "quadrants.csv",
      task: "classification",
      x: Float32Array.from({ length: 160 }, (_, i) => Math.sin(i * 2.1) * 5),
      y: Int32Array.from({ length: 80 }, (_, i) =>
        Math.sin(2 * i * 2.1) * Math.sin((2 * i + 1) * 2.1) > 0 ? 1 : 0,
      ),
      rows: 80,
      featureNames: ["u", "v"],
      targetNames: ["same sign", "opposite"],
    };
    const t = new PlaygroundTrainer({ ...csv, layers: [{ units: 8, activation: "tanh" }] }, data);
    expect(t.info.decisionMap).toBe(true);
    expect(t.info.targetNames).toEqual(["same sign", "opposite"]);
    expect(t.predictGrid(4)).toHaveLength(4 * 4 * 2);
  });
});

describe("PlaygroundTrainer: a run that ends", () => {
  it("stops at the epoch limit", () => {
    const t = new PlaygroundTrainer({ ...XOR, epochs: 3 });
    let steps = 0;
    while (!t.finished && steps < 1000) {
      t.step();
      steps++;
    }
    expect(t.epoch).toBe(3);
    expect(t.steps).toBe(3 * t.info.iterationsPerEpoch);
    expect(t.stopReason).toBe("Finished: reached the limit of 3 epochs.");
    expect(t.step()).toBe(false);
    expect(t.steps).toBe(3 * t.info.iterationsPerEpoch);
    expect(t.progress().stopReason).toBe(t.stopReason);
  });

  it("stops early once the validation loss has not improved for `patience` epochs", () => {
    // A large learning rate: the validation loss soon stops improving.
    const t = new PlaygroundTrainer({ ...XOR, learningRate: 0.3, patience: 2 });
    while (!t.finished && t.epoch < 500) t.step();
    expect(t.diverged).toBe(false);
    expect(t.stopReason).toMatch(
      /^Stopped early at epoch \d+: the validation loss has not improved for 2 epochs \(best \d\.\d{4} at epoch \d+\)\.$/,
    );
    // The rule, replayed on the recorded curve: stop at the first epoch that is
    // 2 epochs past the best validation loss so far.
    let best = Number.POSITIVE_INFINITY;
    let bestEpoch = 0;
    let expected = -1;
    for (const p of t.curve.slice(1)) {
      if (p.testLoss < best) {
        best = p.testLoss;
        bestEpoch = p.epoch;
      }
      if (p.epoch - bestEpoch >= 2) {
        expected = p.epoch;
        break;
      }
    }
    expect(t.epoch).toBe(expected);
  });

  it("runs on without a limit and with patience 0", () => {
    const t = new PlaygroundTrainer({ ...XOR, learningRate: 0.3 });
    while (t.epoch < 30) t.step();
    expect(t.finished).toBe(false);
  });
});

describe("PlaygroundTrainer: your model back", () => {
  it("exports safetensors that load with @neurite/layers and predict the same", () => {
    const t = new PlaygroundTrainer({ ...XOR, dataset: "iris", batchNorm: true, dropout: 0.1 });
    while (t.epoch < 5) t.step();
    const bytes = t.exportModel();
    const model = loadModel({ weights: bytes });
    // The preprocessing travels in the metadata.
    const header = JSON.parse(
      new TextDecoder().decode(
        bytes.subarray(
          8,
          8 + Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true)),
        ),
      ),
    ) as { __metadata__: Record<string, string> };
    const pre = JSON.parse(header.__metadata__[PREPROCESSING_KEY]!) as Preprocessing;
    expect(pre.task).toBe("classification");
    expect(pre.featureNames).toHaveLength(4);
    expect(pre.targetNames).toHaveLength(3);
    // Standardize the raw iris rows with the stored mean and scale, predict, compare.
    const raw = t.dataset.x;
    const n = raw.shape[0]!;
    const x = new Float32Array(n * 4);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < 4; j++)
        x[i * 4 + j] = ((raw.data[i * 4 + j] as number) - pre.mean[j]!) / pre.scale[j]!;
    const mine = model.predict(new Tensor(x, [n, 4])).data;
    const theirs = t.model.predict(new Tensor(x, [n, 4])).data;
    expect(pre).toEqual(t.preprocessing());
    expect(pre.mean.every((m) => m > 0)).toBe(true); // iris's columns are lengths in cm
    expect(Array.from(mine)).toEqual(Array.from(theirs).map((v) => Math.fround(v)));
  });
});

describe("PlaygroundTrainer: ONNX", () => {
  it("exports an ONNX model that ONNX Runtime runs to the same outputs", async () => {
    const t = new PlaygroundTrainer({ ...XOR, dataset: "wine", batchNorm: true, dropout: 0.2 });
    while (t.epoch < 3) t.step();
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(t.exportOnnx());
    const n = 16;
    const x = Float32Array.from({ length: n * 13 }, (_, i) => Math.sin(i * 0.37) * 1.5);
    const out = await session.run({
      [session.inputNames[0]!]: new ort.Tensor("float32", x, [n, 13]),
    });
    const logits = out[session.outputNames[0]!]!;
    expect(logits.dims).toEqual([n, 3]);
    const expected = t.model.predict(new Tensor(x, [n, 13])).data;
    const got = logits.data as Float32Array;
    for (let i = 0; i < expected.length; i++) expect(got[i]).toBeCloseTo(expected[i]!, 4);
    await session.release();
  });
});

describe("PlaygroundTrainer: training", () => {
  it("counts iterations and epochs, with a curve point per epoch", () => {
    const t = new PlaygroundTrainer(XOR);
    const ipe = t.info.iterationsPerEpoch;
    expect(ipe).toBe(15);
    expect(t.curve).toHaveLength(1);
    expect(t.curve[0]!.epoch).toBe(0);
    for (let i = 1; i < ipe; i++) {
      expect(t.step()).toBe(false);
      expect(t.iteration).toBe(i);
      expect(t.epoch).toBe(0);
    }
    expect(t.step()).toBe(true);
    expect(t.epoch).toBe(1);
    expect(t.iteration).toBe(0);
    expect(t.steps).toBe(ipe);
    expect(t.curve).toHaveLength(2);
    expect(t.curve[1]!.epoch).toBe(1);
    expect(Number.isFinite(t.curve[1]!.trainLoss)).toBe(true);
    expect(Number.isFinite(t.curve[1]!.testLoss)).toBe(true);
  });

  it("learns XOR to at least 95% test accuracy within 40 epochs", () => {
    const t = new PlaygroundTrainer(XOR);
    const before = t.progress();
    expect(before.testAccuracy).toBeLessThan(0.9);
    while (t.epoch < 40 && t.progress().testAccuracy < 0.95)
      for (let i = 0; i < t.info.iterationsPerEpoch; i++) t.step();
    const p = t.progress();
    expect(p.testAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(p.trainLoss).toBeLessThan(before.trainLoss);
  });

  it("gives the same run for the same settings, whatever is evaluated in between", () => {
    const a = new PlaygroundTrainer({ ...XOR, batchNorm: true, dropout: 0.1 });
    const b = new PlaygroundTrainer({ ...XOR, batchNorm: true, dropout: 0.1 });
    expect(bits(a.predictGrid(16))).toEqual(bits(b.predictGrid(16)));
    for (let i = 0; i < 40; i++) {
      a.step();
      if (i % 7 === 0) {
        a.progress();
        a.predictGrid(8);
      }
    }
    for (let i = 0; i < 40; i++) b.step();
    expect(a.curve).toEqual(b.curve);
    expect(a.batchLoss).toBe(b.batchLoss);
    expect(bits(a.predictGrid(16))).toEqual(bits(b.predictGrid(16)));
    expect(a.progress()).toEqual(b.progress());
  });

  it("gives another run for another seed", () => {
    const a = new PlaygroundTrainer(XOR);
    const b = new PlaygroundTrainer({ ...XOR, seed: 2 });
    expect(bits(a.info.points)).not.toEqual(bits(b.info.points));
    expect(bits(a.predictGrid(8))).not.toEqual(bits(b.predictGrid(8)));
  });

  it.each(HIDDEN_ACTIVATIONS)("trains with %s hidden layers", (activation) => {
    const t = new PlaygroundTrainer({
      ...XOR,
      layers: [
        { units: 3, activation },
        { units: 3, activation },
      ],
    });
    for (let i = 0; i < 20; i++) t.step();
    const p = t.progress();
    expect(p.steps).toBe(20);
    expect(Number.isFinite(p.testLoss)).toBe(true);
  });

  it.each(OPTIMIZERS)("trains with %s", (optimizer) => {
    const t = new PlaygroundTrainer({ ...XOR, optimizer, learningRate: 0.01 });
    const start = t.progress().trainLoss;
    for (let i = 0; i < 60; i++) t.step();
    expect(Number.isFinite(t.progress().trainLoss)).toBe(true);
    if (optimizer !== "adadelta") expect(t.progress().trainLoss).toBeLessThan(start);
  });

  it("stops when the loss is no longer a number", () => {
    const t = new PlaygroundTrainer({
      ...XOR,
      layers: [
        { units: 16, activation: "identity" },
        { units: 16, activation: "identity" },
        { units: 16, activation: "identity" },
      ],
      optimizer: "sgd",
      learningRate: 10,
    });
    let i = 0;
    while (!t.diverged && i++ < 500) t.step();
    expect(t.diverged).toBe(true);
    const steps = t.steps;
    expect(t.step()).toBe(false);
    expect(t.steps).toBe(steps);
    expect(t.progress().diverged).toBe(true);
  });

  it("predicts a probability per class for every grid cell, row 0 at the top", () => {
    const t = new PlaygroundTrainer({ ...XOR, dataset: "blobs" });
    const g = t.predictGrid(10);
    expect(g).toHaveLength(10 * 10 * 3);
    for (let c = 0; c < 100; c++) {
      const s = g[3 * c]! + g[3 * c + 1]! + g[3 * c + 2]!;
      expect(s).toBeCloseTo(1, 5);
    }
  });
});

describe("helpers", () => {
  it("softmaxRows is stable for large logits", () => {
    const out = new Float32Array(4);
    softmaxRows([1000, 1000, -1000, 0], 2, out);
    expect(Array.from(out)).toEqual([0.5, 0.5, 0, 1]);
  });

  it("domainOf pads a square around the points", () => {
    const d = domainOf([0, 0, 4, 1]);
    expect(d.xMax - d.xMin).toBeCloseTo(4.4, 9);
    expect(d.yMax - d.yMin).toBeCloseTo(4.4, 9);
    expect((d.yMin + d.yMax) / 2).toBeCloseTo(0.5, 9);
    expect(domainOf([])).toEqual({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 });
  });
});

/** A fake worker host: a clock that moves 1 ms per reading and a queue of deferred calls. */
function fakeHost() {
  const posted: FromWorker[] = [];
  const queue: { fn: () => void; at: number }[] = [];
  let clock = 0;
  const host = {
    post: (m: FromWorker) => posted.push(m),
    defer: (fn: () => void, delayMs = 0) => queue.push({ fn, at: clock + delayMs }),
    now: () => clock++,
  };
  /** Runs deferred calls (advancing the clock to each) until none is left or `max` ran. */
  function drain(max: number): number {
    let ran = 0;
    while (queue.length > 0 && ran < max) {
      const next = queue.shift()!;
      clock = Math.max(clock, next.at);
      next.fn();
      ran++;
    }
    return ran;
  }
  const progress = () =>
    posted.filter((m): m is Extract<FromWorker, { type: "progress" }> => m.type === "progress");
  return { host, posted, queue, drain, progress, time: () => clock };
}

describe("the worker's message loop", () => {
  it("configures, steps, runs, pauses and resets", () => {
    const f = fakeHost();
    const send: (m: ToWorker) => void = createTrainingLoop(f.host, { gridSize: 8 });
    send({ type: "configure", run: 1, settings: XOR });
    expect(f.posted.map((m) => m.type)).toEqual(["ready", "progress"]);
    const first = f.progress()[0]!;
    expect(first.run).toBe(1);
    expect(first.running).toBe(false);
    expect(first.progress.steps).toBe(0);
    expect(first.curve).toHaveLength(1);
    expect(first.probabilities).toHaveLength(8 * 8 * 2);

    send({ type: "step" });
    expect(f.progress().at(-1)!.progress.steps).toBe(1);

    send({ type: "start" });
    expect(f.progress().at(-1)!.running).toBe(true);
    f.drain(20);
    send({ type: "pause" });
    const paused = f.progress().at(-1)!;
    expect(paused.running).toBe(false);
    expect(paused.progress.steps).toBeGreaterThan(15);
    // Every curve point is sent exactly once.
    const epochs = f.progress().flatMap((m) => m.curve.map((c) => c.epoch));
    expect(epochs).toEqual(Array.from({ length: paused.progress.epoch + 1 }, (_, i) => i));
    expect(f.drain(100)).toBeLessThanOrEqual(1); // nothing keeps running after pause

    send({ type: "reset", run: 2 });
    const again = f.progress().at(-1)!;
    expect(again.run).toBe(2);
    expect(again.progress.steps).toBe(0);
    expect(bits(again.probabilities)).toEqual(bits(first.probabilities));
    send({ type: "step" });
    expect(f.progress().at(-1)!.progress.trainLoss).toBe(f.progress()[1]!.progress.trainLoss);
  });

  it("stops running at the epoch limit, and exports the model on request", () => {
    const f = fakeHost();
    const send = createTrainingLoop(f.host, { gridSize: 4 });
    send({ type: "configure", run: 3, settings: { ...XOR, epochs: 2 } });
    send({ type: "start" });
    f.drain(1000);
    const last = f.progress().at(-1)!;
    expect(last.running).toBe(false);
    expect(last.progress.epoch).toBe(2);
    expect(last.progress.stopReason).toBe("Finished: reached the limit of 2 epochs.");
    expect(last.predictions).toHaveLength(50);
    expect(f.queue).toHaveLength(0);
    send({ type: "start" }); // a finished run does not start again
    expect(f.progress().at(-1)!.running).toBe(false);

    send({ type: "export", run: 2, format: "safetensors" }); // an old run's request is ignored
    expect(f.posted.some((m) => m.type === "model")).toBe(false);
    send({ type: "export", run: 3, format: "onnx" });
    const onnx = f.posted.at(-1)!;
    expect(onnx.type === "model" && onnx.format === "onnx").toBe(true);
    send({ type: "export", run: 3, format: "safetensors" });
    const m = f.posted.at(-1)!;
    expect(m.type).toBe("model");
    if (m.type === "model") {
      expect(m.epoch).toBe(2);
      expect(m.format).toBe("safetensors");
      const model = loadModel({ weights: m.bytes });
      expect(model.countParameters().trainable).toBe(2 * 4 + 4 + 4 * 4 + 4 + 4 * 2 + 2);
    }
  });

  it("keeps to the chosen speed", () => {
    const f = fakeHost();
    const send = createTrainingLoop(f.host, { gridSize: 4, stepsPerSecond: 0 });
    send({ type: "configure", run: 1, settings: XOR });
    send({ type: "speed", stepsPerSecond: 10 });
    send({ type: "start" });
    const t0 = f.time();
    while (f.time() - t0 < 2000) f.drain(1);
    send({ type: "pause" });
    const steps = f.progress().at(-1)!.progress.steps;
    expect(steps).toBeGreaterThanOrEqual(18);
    expect(steps).toBeLessThanOrEqual(22);
  });

  it("reports settings the packages refuse as an error message", () => {
    const f = fakeHost();
    const send = createTrainingLoop(f.host);
    send({ type: "configure", run: 7, settings: { ...XOR, samples: 0 } });
    expect(f.posted).toHaveLength(1);
    const m = f.posted[0]!;
    expect(m.type).toBe("error");
    if (m.type === "error") {
      expect(m.run).toBe(7);
      expect(m.message).toMatch(/nSamples/);
    }
    send({ type: "start" });
    send({ type: "step" });
    expect(f.posted).toHaveLength(1);
  });
});
