/**
 * Neurite's side of the training workloads (W1-W3): the book's data and
 * models, one fit, one step. It imports no TensorFlow.js and nothing of Node,
 * so the browser bench page runs exactly this code in a Worker.
 */
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
import { normalData } from "../rand.js";

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
function neuriteWineModel(seed: number): Sequential {
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
function neuriteBostonModel(seed: number): Sequential {
  const rng = new Rng(seed);
  return new Sequential([
    new Dense(20, { inputDim: 13, activation: "relu", rng: rng.fork() }),
    new Dense(1, { rng: rng.fork() }),
  ]);
}

/** Settings of a book fit (W1, W2). */
export interface BookFit {
  data: "wine" | "boston";
  epochs: number;
  batchSize: number;
}

/**
 * One whole `fit` of the book's network per call: `@neurite/train`'s `fit`
 * (verbose 0, shuffle, no validation) with a fresh Adam (Keras's defaults)
 * per fit, on one model across calls (the work per call does not depend on
 * the weights).
 */
export function neuriteFit(spec: BookFit): () => void {
  const { xTrain, yTrain } = bookData(spec.data);
  const model = spec.data === "wine" ? neuriteWineModel(1) : neuriteBostonModel(1);
  const loss = spec.data === "wine" ? "categoricalCrossEntropy" : "mse";
  return () => {
    fit(model, xTrain, yTrain, {
      epochs: spec.epochs,
      batchSize: spec.batchSize,
      shuffle: true,
      loss,
      optimizer: new Adam(model.parameters()),
      verbose: 0,
    });
  };
}

/** Training steps of one book fit: epochs × ceil(n / batch). */
export function bookSteps(spec: BookFit): number {
  const n = bookData(spec.data).xTrain.shape[0]!;
  return spec.epochs * Math.ceil(n / spec.batchSize);
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
function neuriteMlp(seed: number): Sequential {
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
