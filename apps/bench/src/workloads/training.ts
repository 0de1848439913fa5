import { tf } from "../impls/tfjs.js";
import type { ImplName, Job, Workload } from "../types.js";
import {
  type BookFit,
  bookData,
  bookStep,
  bookSteps,
  MLP,
  mlpBatch,
  neuriteFit,
  neuriteMlpStep,
} from "./neurite-training.js";

function tfjsWineModel(): import("@tensorflow/tfjs").Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 20, inputShape: [13] }));
  m.add(tf.layers.batchNormalization({ momentum: 0.9 }));
  m.add(tf.layers.activation({ activation: "relu" }));
  m.add(tf.layers.dense({ units: 3 }));
  m.add(tf.layers.activation({ activation: "softmax" }));
  m.compile({ optimizer: tf.train.adam(), loss: "categoricalCrossentropy" });
  return m;
}

function tfjsBostonModel(): import("@tensorflow/tfjs").Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 20, inputShape: [13], activation: "relu" }));
  m.add(tf.layers.dense({ units: 1 }));
  m.compile({ optimizer: tf.train.adam(), loss: "meanSquaredError" });
  return m;
}

/** A book fit workload (W1, W2): its id and title, and the fit. */
interface BookFitSpec extends BookFit {
  id: string;
  title: string;
}

/** The fit's settings alone (what the peers need), without the workload's id and title. */
function fitOf(spec: BookFit): BookFit {
  return { data: spec.data, epochs: spec.epochs, batchSize: spec.batchSize };
}

/**
 * One whole `fit` of the book's network per call, scored in seconds. Neurite
 * runs `@neurite/train`'s `fit` (verbose 0, shuffle, no validation, a fresh
 * Adam with Keras's defaults); the peers `model.fit` on a tf.Sequential with
 * the same layers, shapes, epochs, batch size and Adam defaults, awaited.
 * Each job trains one model across its calls (the work per call does not
 * depend on the weights).
 */
export function bookFitWorkload(spec: BookFitSpec): Workload {
  const steps = bookSteps(spec);
  return {
    id: spec.id,
    title: spec.title,
    params: { epochs: spec.epochs, batch: spec.batchSize, steps },
    unit: "s",
    higherIsBetter: false,
    neuriteThreads: [1],
    score: (ms) => ms / 1000,
    torch: { kind: "fit", ...fitOf(spec) },
    perStep:
      spec.data === "wine"
        ? { stepsPerCall: steps, step: () => bookStep(spec.data, spec.batchSize) }
        : undefined,
    browser:
      spec.data === "wine"
        ? { spec: { kind: "fit", ...fitOf(spec) }, stepsPerCall: steps }
        : undefined,
    build(impl: ImplName): Job {
      if (impl === "neurite") return { run: neuriteFit(spec), dispose: () => {} };
      const { xTrain, yTrain } = bookData(spec.data);
      const options = { epochs: spec.epochs, batchSize: spec.batchSize, shuffle: true };
      const model = spec.data === "wine" ? tfjsWineModel() : tfjsBostonModel();
      const x = tf.tensor(xTrain.data as Float32Array, xTrain.shape as number[], "float32");
      const y = tf.tensor(yTrain.data as Float32Array, yTrain.shape as number[], "float32");
      return {
        run: async () => {
          await model.fit(x, y, { ...options, verbose: 0 });
        },
        dispose: () => {
          x.dispose();
          y.dispose();
          model.dispose();
        },
      };
    },
  };
}

/**
 * W3: one training step of the MLP 784-512-256-10 (ReLU, softmax
 * cross-entropy on logits, Adam) per call at a given batch size, scored in
 * samples per second. Neurite: forward, loss, backward, Adam step, as `fit`
 * does it; peers: `await model.trainOnBatch(x, y)` with the same layers and
 * `tf.losses.softmaxCrossEntropy`.
 */
export function mlpWorkload(batch: number, threads: readonly number[]): Workload {
  const perStep = batch === 128 || batch < 32;
  return {
    id: "W3",
    title: `MLP 784-512-256-10 training, batch ${batch}`,
    params: { batch },
    unit: "samples/s",
    higherIsBetter: true,
    neuriteThreads: threads,
    score: (ms) => (batch * 1000) / ms,
    torch: { kind: "mlp", sizes: MLP, batch },
    // Per-step figures for the batch of the targets (and the tests' tiny batches).
    perStep: perStep ? { stepsPerCall: 1, step: () => neuriteMlpStep(batch) } : undefined,
    browser: perStep ? { spec: { kind: "mlp", batch }, stepsPerCall: 1 } : undefined,
    build(impl: ImplName): Job {
      if (impl === "neurite") return { run: neuriteMlpStep(batch), dispose: () => {} };
      const model = tf.sequential();
      model.add(tf.layers.dense({ units: MLP[1], inputShape: [MLP[0]], activation: "relu" }));
      model.add(tf.layers.dense({ units: MLP[2], activation: "relu" }));
      model.add(tf.layers.dense({ units: MLP[3] }));
      model.compile({
        optimizer: tf.train.adam(),
        loss: (
          yTrue: import("@tensorflow/tfjs").Tensor,
          yPred: import("@tensorflow/tfjs").Tensor,
        ) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
      });
      const { x, y } = mlpBatch(batch);
      const tx = tf.tensor(x, [batch, MLP[0]], "float32");
      const ty = tf.tensor(y, [batch, 10], "float32");
      return {
        run: async () => {
          await model.trainOnBatch(tx, ty);
        },
        dispose: () => {
          tx.dispose();
          ty.dispose();
          model.dispose();
        },
      };
    },
  };
}
