/**
 * Why the book's wine network varies so much on raw features: trains it over
 * seeds with one convention changed at a time (BatchNorm momentum, epsilon,
 * moving variance; Adam's epsilon; the loss on clamped probabilities) and once with its
 * moving statistics recomputed over the whole training set after training.
 * Prints the median and range of the test accuracy of each variant. The
 * demo's README quotes its output.
 *
 *   pnpm --filter @neurite/demo exec tsx --conditions=@neurite/source scripts/wine-batchnorm.ts [--seeds 20]
 */
import { parseArgs } from "node:util";
import { noGrad } from "@neurite/autograd";
import {
  Activation,
  BatchNorm,
  type BatchNormOptions,
  Dense,
  losses,
  Sequential,
} from "@neurite/layers";
import { Adam, type AdamOptions } from "@neurite/optim";
import { Rng } from "@neurite/tensor";
import { evaluate, fit, type LossLike } from "@neurite/train";
import { loadBookData } from "../src/examples/book.js";
import { median } from "../src/format.js";

const { values } = parseArgs({ options: { seeds: { type: "string", default: "20" } } });
const seeds = Number(values.seeds);
if (!Number.isInteger(seeds) || seeds < 1)
  throw new Error(`--seeds: expected a whole number ≥ 1, got ${values.seeds}`);

interface Variant {
  name: string;
  batchNorm?: BatchNormOptions;
  adam?: Partial<AdamOptions>;
  /** Cross-entropy on the clamped softmax probabilities, as TensorFlow.js computes it. */
  probabilities?: boolean;
  recalibrate?: boolean;
}

const VARIANTS: Variant[] = [
  { name: "the book's (Keras's) settings", batchNorm: { momentum: 0.99 } },
  {
    name: "moving statistics recomputed after training",
    batchNorm: { momentum: 0.99 },
    recalibrate: true,
  },
  { name: "BatchNorm momentum 0.9 (PyTorch's 0.1)", batchNorm: { momentum: 0.9 } },
  { name: "BatchNorm epsilon 1e-5 (PyTorch)", batchNorm: { momentum: 0.99, epsilon: 1e-5 } },
  {
    name: "unbiased moving variance (PyTorch)",
    batchNorm: { momentum: 0.99, unbiasedMovingVariance: true },
  },
  {
    name: "Adam eps 1e-8 inside sqrt(v) (PyTorch)",
    batchNorm: { momentum: 0.99 },
    adam: { eps: 1e-8, epsStyle: "pytorch" },
  },
  {
    name: "loss on clamped probabilities (TensorFlow.js)",
    batchNorm: { momentum: 0.99 },
    probabilities: true,
  },
];

const data = loadBookData("wine", false);
const metrics = ["accuracy"];

function accuracyOf(v: Variant, seed: number): number {
  const rng = new Rng(seed);
  const bn = new BatchNorm(v.batchNorm);
  const layers = [
    new Dense(20, { inputDim: 13, rng: rng.fork() }),
    bn,
    new Activation("relu"),
    new Dense(3, { rng: rng.fork() }),
  ];
  layers.push(new Activation("softmax"));
  const model = new Sequential(layers);
  // A softmax output's loss is computed from its logits (Keras); `mul(1)` hides
  // them, so the loss falls back to clamped probabilities as in TensorFlow.js.
  const loss: LossLike = v.probabilities
    ? (yPred, yTrue) => losses.categoricalCrossEntropy(yPred.mul(1), yTrue)
    : "categoricalCrossEntropy";
  fit(model, data.xTrain, data.yTrain, {
    loss,
    optimizer: new Adam(model.parameters(), v.adam),
    metrics,
    epochs: 30,
    batchSize: 5,
    seed,
    verbose: 0,
  });
  if (v.recalibrate) {
    // One pass over all 133 training samples in training mode, with a BatchNorm whose
    // moving statistics take the batch's statistics outright (momentum 0), then eval.
    const fresh = new BatchNorm({ momentum: 0, features: 20 });
    fresh.loadStateDict(bn.stateDict());
    const recalibrated = new Sequential([layers[0]!, fresh, ...layers.slice(2)]);
    noGrad(() => recalibrated.train().call(data.xTrain));
    return evaluate(recalibrated, data.xTest, data.yTest, { metrics }).accuracy!;
  }
  return evaluate(model, data.xTest, data.yTest, { metrics }).accuracy!;
}

console.log(
  `Wine, raw features, the book's split, 30 epochs, batch size 5; test accuracy over seeds 0..${seeds - 1}.\n`,
);
console.log(`${"variant".padEnd(46)} median  min    max`);
for (const v of VARIANTS) {
  const acc = Array.from({ length: seeds }, (_, seed) => accuracyOf(v, seed));
  const f = (x: number) => x.toFixed(3).padEnd(6);
  console.log(
    `${v.name.padEnd(46)} ${f(median(acc))}  ${f(Math.min(...acc))} ${f(Math.max(...acc))}`,
  );
}
