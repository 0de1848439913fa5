import { applySplit, bookSplit, DataLoader, loadBoston, loadWine, oneHot } from "@neurite/datasets";
import {
  Activation,
  BatchNorm,
  CategoricalCrossEntropy,
  Dense,
  getLoss,
  type Module,
  Sequential,
} from "@neurite/layers";
import { Adam } from "@neurite/optim";
import { Rng, Tensor } from "@neurite/tensor";
import { fit } from "@neurite/train";
import { tf } from "../impls/tfjs.js";
import { normalData } from "../rand.js";
import type { ImplName, Job, Workload } from "../types.js";

/** The book's data with its 75/25 split, raw features, as the demo trains on. */
interface BookData {
  xTrain: Tensor;
  yTrain: Tensor;
}

const cache = new Map<string, BookData>();

/** `bookSplit(name)` applied to the raw features; wine targets one-hot, Boston's `[n, 1]`. */
export function bookData(name: "wine" | "boston"): BookData {
  let d = cache.get(name);
  if (!d) {
    const ds = name === "wine" ? loadWine() : loadBoston();
    const s = applySplit(ds.x, ds.y, bookSplit(name));
    const y =
      name === "wine"
        ? oneHot(s.yTrain, 3).cast("float32")
        : s.yTrain.reshape([s.yTrain.shape[0]!, 1]);
    d = { xTrain: s.xTrain.cast("float32"), yTrain: y.cast("float32") };
    cache.set(name, d);
  }
  return d;
}

/** The demo's wine model (apps/demo/src/examples/book.ts): BatchNorm momentum 0.9. */
export function neuriteWineModel(seed: number): Sequential {
  const rng = new Rng(seed);
  return new Sequential([
    new Dense(20, { inputDim: 13, rng: rng.fork() }),
    new BatchNorm({ momentum: 0.9 }),
    new Activation("relu"),
    new Dense(3, { rng: rng.fork() }),
    new Activation("softmax"),
  ]);
}

/** The demo's Boston model: Dense(20, relu) → Dense(1). */
export function neuriteBostonModel(seed: number): Sequential {
  const rng = new Rng(seed);
  return new Sequential([
    new Dense(20, { inputDim: 13, activation: "relu", rng: rng.fork() }),
    new Dense(1, { rng: rng.fork() }),
  ]);
}

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

/** Settings of a book fit (W1, W2). */
interface BookFitSpec {
  id: string;
  title: string;
  data: "wine" | "boston";
  epochs: number;
  batchSize: number;
}

/** Training steps of one book fit: epochs × ceil(n / batch). */
export function bookSteps(spec: { data: "wine" | "boston"; epochs: number; batchSize: number }) {
  const n = bookData(spec.data).xTrain.shape[0]!;
  return spec.epochs * Math.ceil(n / spec.batchSize);
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
    torch: { kind: "fit", data: spec.data, epochs: spec.epochs, batchSize: spec.batchSize },
    perStep:
      spec.data === "wine"
        ? { stepsPerCall: steps, step: () => bookStep(spec.data, spec.batchSize) }
        : undefined,
    build(impl: ImplName): Job {
      const { xTrain, yTrain } = bookData(spec.data);
      const options = { epochs: spec.epochs, batchSize: spec.batchSize, shuffle: true };
      if (impl === "neurite") {
        const model = spec.data === "wine" ? neuriteWineModel(1) : neuriteBostonModel(1);
        const loss = spec.data === "wine" ? "categoricalCrossEntropy" : "mse";
        return {
          run: () => {
            fit(model, xTrain, yTrain, {
              ...options,
              loss,
              optimizer: new Adam(model.parameters()),
              verbose: 0,
            });
          },
          dispose: () => {},
        };
      }
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
 * One step of a book fit as `fit` runs it (clear the gradients, forward,
 * loss, backward, Adam), cycling through shuffled batches of the book's data
 * from a DataLoader that reuses its buffers, as `fit` builds it.
 */
export function bookStep(name: "wine" | "boston", batchSize: number): () => void {
  const { xTrain, yTrain } = bookData(name);
  const model = name === "wine" ? neuriteWineModel(1) : neuriteBostonModel(1);
  const loss = getLoss(name === "wine" ? "categoricalCrossEntropy" : "mse");
  const params = model.parameters();
  const opt = new Adam(params);
  const loader = new DataLoader(xTrain, yTrain, { batchSize, shuffle: true, reuseBuffers: true });
  model.train(true);
  let epoch = 0;
  let it = loader.epoch(epoch)[Symbol.iterator]();
  return () => {
    let r = it.next();
    if (r.done) {
      it = loader.epoch(++epoch)[Symbol.iterator]();
      r = it.next();
    }
    const b = r.value!;
    for (let i = 0; i < params.length; i++) params[i]!.grad = null;
    loss.call(model.call(b.x), b.y).backward();
    opt.step();
  };
}

/** W3's MLP sizes. */
export const MLP = [784, 512, 256, 10] as const;

/** W3's MLP for Neurite: Dense-ReLU ×2 then Dense(10) logits. */
export function neuriteMlp(seed: number): Sequential {
  const rng = new Rng(seed);
  const layers: Module[] = [];
  for (let i = 1; i < MLP.length; i++) {
    const last = i === MLP.length - 1;
    layers.push(
      new Dense(MLP[i]!, {
        inputDim: MLP[i - 1]!,
        activation: last ? undefined : "relu",
        rng: rng.fork(),
      }),
    );
  }
  return new Sequential(layers);
}

/** Seeded MLP inputs and one-hot targets for a batch. */
export function mlpBatch(batch: number): { x: Float32Array; y: Float32Array } {
  const x = normalData(batch * MLP[0], 3000 + batch);
  const y = new Float32Array(batch * 10);
  for (let i = 0; i < batch; i++) y[i * 10 + ((i * 7) % 10)] = 1;
  return { x, y };
}

/** A Neurite MLP training step as fit runs it: clear grads, forward, loss, backward, Adam. */
export function neuriteMlpStep(batch: number): () => void {
  const model = neuriteMlp(1);
  const { x, y } = mlpBatch(batch);
  const tx = new Tensor(x, [batch, MLP[0]]);
  const ty = new Tensor(y, [batch, 10]);
  const loss = new CategoricalCrossEntropy({ fromLogits: true });
  const params = model.parameters();
  const opt = new Adam(params);
  model.train(true);
  return () => {
    for (let i = 0; i < params.length; i++) params[i]!.grad = null;
    const l = loss.call(model.call(tx), ty);
    l.backward();
    opt.step();
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
  return {
    id: "W3",
    title: `MLP 784-512-256-10 training, batch ${batch}`,
    params: { batch },
    unit: "samples/s",
    higherIsBetter: true,
    neuriteThreads: threads,
    score: (ms) => (batch * 1000) / ms,
    torch: { kind: "mlp", sizes: MLP, batch },
    perStep:
      batch === 128 || batch < 32
        ? { stepsPerCall: 1, step: () => neuriteMlpStep(batch) }
        : undefined,
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
