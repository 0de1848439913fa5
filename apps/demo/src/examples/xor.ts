/**
 * XOR with a hidden layer (BOOK.md items 1, 3 and 4): backpropagation's five
 * steps printed with the real numbers of the first iteration, then training
 * until the network gets all four cases right.
 */
import type { Variable } from "@neurite/autograd";
import { DataLoader } from "@neurite/datasets";
import { Activation, Dense, losses, Sequential } from "@neurite/layers";
import { SGD } from "@neurite/optim";
import { historyChart } from "@neurite/plot";
import { Rng, type Tensor, tensor } from "@neurite/tensor";
import { duration, heading, matrix, num, percent, table } from "../format.js";
import { Report } from "../report.js";
import type { ExampleOptions, ExampleResult } from "../types.js";
import { rerunCommand, resolveOptions, since } from "./common.js";

/** Hidden units: 2 → 4 → 1. */
export const HIDDEN_UNITS = 4;
/** Step size of gradient descent. */
export const LEARNING_RATE = 1;

/** Numbers of the first iteration, step by step. */
export interface FirstIteration {
  /** (1) initial weights and biases. */
  initial: { w1: number[][]; b1: number[]; w2: number[][]; b2: number[] };
  /** (2) forward pass: weighted sums and activations of both layers, one row per sample. */
  forward: { z1: number[][]; a1: number[][]; z2: number[][]; a2: number[][] };
  /** (3) the cost (sum of squared errors). */
  cost: number;
  /** (4) backward pass: ∂cost/∂ of each layer's weighted sums, weights and biases, output layer first. */
  gradients: {
    dz2: number[][];
    dw2: number[][];
    db2: number[];
    da1: number[][];
    dz1: number[][];
    dw1: number[][];
    db1: number[];
  };
  /** The largest difference between autograd's gradients and the chain rule written out by hand. */
  handCheckMaxDiff: number;
  /** (5) weights and biases after the update. */
  updated: { w1: number[][]; b1: number[]; w2: number[][]; b2: number[] };
}

/** What {@link run} returns. */
export interface XorResult extends ExampleResult {
  /** The first iteration, in numbers. */
  first: FirstIteration;
  /** Cost (sum of squared errors over the 4 cases) after each epoch. */
  losses: number[];
  /** Accuracy on the 4 cases after each epoch. */
  accuracy: number[];
  /** The first epoch after which all 4 cases were right, or null. */
  solvedAtEpoch: number | null;
  /** The trained network's outputs for [0,0], [0,1], [1,0], [1,1]. */
  outputs: number[];
}

const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const Y = [[0], [1], [1], [0]];

const rows = (t: Tensor): number[][] => t.toArray() as number[][];
const vec = (t: Tensor): number[] => Array.from(t.data);

function accuracyOf(pred: Tensor, y: Tensor): number {
  let right = 0;
  for (let i = 0; i < y.size; i++) if ((pred.data[i]! > 0.5 ? 1 : 0) === y.data[i]) right++;
  return right / y.size;
}

/** Runs the example: the five steps in detail, then training. */
export async function run(options: ExampleOptions = {}): Promise<XorResult> {
  const o = resolveOptions(options, { epochs: 1000, batchSize: 4 });
  if (o.batchSize > 4)
    throw new RangeError(`XOR has 4 samples: batch size must be 1 to 4, got ${o.batchSize}`);
  const { say } = o;
  const x = tensor(X);
  const y = tensor(Y);

  // (1) Initialize the weights: Glorot uniform (Keras's default), biases 0, from the seed.
  const rng = new Rng(o.seed);
  const hidden = new Dense(HIDDEN_UNITS, { inputDim: 2, rng: rng.fork(), name: "hidden" });
  const hiddenAct = new Activation("sigmoid");
  const output = new Dense(1, { rng: rng.fork(), name: "output" });
  const outputAct = new Activation("sigmoid");
  const model = new Sequential([hidden, hiddenAct, output, outputAct]);
  const optimizer = new SGD(model.parameters(), { lr: LEARNING_RATE });
  const weights = () => ({
    w1: rows(hidden.kernel.value),
    b1: vec(hidden.bias!.value),
    w2: rows(output.kernel.value),
    b2: vec(output.bias!.value),
  });

  say(heading("Backpropagation in five steps: XOR with a 2-4-1 network"));
  say("hidden layer: 4 sigmoid units; output: 1 sigmoid unit; cost: sum of squared errors;");
  say(
    `update: gradient descent, w ← w − η·∂cost/∂w with η = ${LEARNING_RATE}; ${o.batchSize === X.length ? "all 4 samples" : `mini-batches of ${o.batchSize}`} per step.`,
  );
  say(model.summary(undefined, { print: false }));

  const initial = weights();
  say("\n(1) Initialize the weights (Glorot uniform, as Keras), biases at 0");
  say(`W1 (2×4) =\n${matrix(initial.w1, 4, "  ")}`);
  say(`b1 = ${matrix(initial.b1)}`);
  say(`W2 (4×1) =\n${matrix(initial.w2, 4, "  ")}`);
  say(`b2 = ${matrix(initial.b2)}`);

  // The first iteration takes the first mini-batch (all four cases unless --batch-size is smaller).
  const loader = new DataLoader(x, y, {
    batchSize: o.batchSize,
    shuffle: o.batchSize < X.length,
    seed: rng.int(2 ** 31),
  });
  const epochOne = loader[Symbol.iterator]();
  const firstBatch = epochOne.next().value!;
  const bx = firstBatch.x;
  const by = firstBatch.y;
  const inputsShown = rows(bx)
    .map((r) => `[${r.join(",")}]`)
    .join(", ");

  // (2) Forward pass, layer by layer, keeping every intermediate value's gradient.
  const keep = (v: Variable) => v.retainGrad();
  const z1 = keep(hidden.call(bx));
  const a1 = keep(hiddenAct.call(z1));
  const z2 = keep(output.call(a1));
  const a2 = keep(outputAct.call(z2));
  const forward = {
    z1: rows(z1.value),
    a1: rows(a1.value),
    z2: rows(z2.value),
    a2: rows(a2.value),
  };
  say(`\n(2) Forward pass, one row per input: ${inputsShown}`);
  say(`z1 = x·W1 + b1 =\n${matrix(forward.z1, 4, "  ")}`);
  say(`a1 = sigmoid(z1) =\n${matrix(forward.a1, 4, "  ")}`);
  say(`z2 = a1·W2 + b2 = ${matrix(forward.z2.flat())}ᵀ`);
  say(`a2 = sigmoid(z2) = ${matrix(forward.a2.flat())}ᵀ   (targets ${JSON.stringify(vec(by))})`);

  // (3) The cost and the activations' derivatives.
  const cost = losses.sse(a2, by);
  const dCost = a2.value.sub(by).mul(2); // ∂cost/∂a2
  const dSig2 = a2.value.mul(a2.value.neg().add(1)); // σ'(z2) = a2(1 − a2)
  const dSig1 = a1.value.mul(a1.value.neg().add(1)); // σ'(z1) = a1(1 − a1)
  say("\n(3) Cost and the derivatives of the activations");
  say(`cost = Σ (a2 − y)² = ${num(cost.item(), 6)}`);
  say(`∂cost/∂a2 = 2(a2 − y) = ${matrix(vec(dCost))}ᵀ`);
  say(`sigmoid′(z2) = a2(1 − a2) = ${matrix(vec(dSig2))}ᵀ`);
  say(`sigmoid′(z1) = a1(1 − a1) =\n${matrix(rows(dSig1), 4, "  ")}`);

  // (4) Backward pass: autograd walks from the cost back to the input.
  cost.backward();
  const gradients = {
    dz2: rows(z2.grad!),
    dw2: rows(output.kernel.grad!),
    db2: vec(output.bias!.grad!),
    da1: rows(a1.grad!),
    dz1: rows(z1.grad!),
    dw1: rows(hidden.kernel.grad!),
    db1: vec(hidden.bias!.grad!),
  };
  // The same gradients by the chain rule written out, to show what backward() computed.
  const hDz2 = dCost.mul(dSig2);
  const hDw2 = a1.value.matmul(hDz2, { transposeA: true });
  const hDa1 = hDz2.matmul(output.kernel.value, { transposeB: true });
  const hDz1 = hDa1.mul(dSig1);
  const hDw1 = bx.matmul(hDz1, { transposeA: true });
  const handCheckMaxDiff = Math.max(
    ...[
      [hDz2, z2.grad!],
      [hDw2, output.kernel.grad!],
      [hDa1, a1.grad!],
      [hDz1, z1.grad!],
      [hDw1, hidden.kernel.grad!],
    ].map(([a, b]) => a!.sub(b!).abs().max().item()),
  );
  say("\n(4) Backward pass, from the output layer to the input (chain rule)");
  say("output layer:");
  say(`  δ2 = ∂cost/∂z2 = ∂cost/∂a2 · sigmoid′(z2) = ${matrix(gradients.dz2.flat())}ᵀ`);
  say(`  ∂cost/∂W2 = a1ᵀ·δ2 = ${matrix(gradients.dw2.flat())}ᵀ`);
  say(`  ∂cost/∂b2 = Σ δ2 = ${matrix(gradients.db2)}`);
  say("hidden layer:");
  say(`  ∂cost/∂a1 = δ2·W2ᵀ =\n${matrix(gradients.da1, 4, "    ")}`);
  say(`  δ1 = ∂cost/∂z1 = ∂cost/∂a1 · sigmoid′(z1) =\n${matrix(gradients.dz1, 4, "    ")}`);
  say(`  ∂cost/∂W1 = xᵀ·δ1 =\n${matrix(gradients.dw1, 4, "    ")}`);
  say(`  ∂cost/∂b1 = Σ δ1 = ${matrix(gradients.db1)}`);
  say(
    `(autograd's backward() and these formulas written out agree to ${handCheckMaxDiff.toExponential(1)})`,
  );

  // (5) Update every parameter against its gradient.
  optimizer.step();
  optimizer.zeroGrad();
  const updated = weights();
  say(`\n(5) Update: w ← w − ${LEARNING_RATE}·∂cost/∂w`);
  say(`W1 =\n${matrix(updated.w1, 4, "  ")}`);
  say(`b1 = ${matrix(updated.b1)}`);
  say(`W2 = ${matrix(updated.w2.flat())}ᵀ`);
  say(`b2 = ${matrix(updated.b2)}`);

  // Repeat (2)–(5): the rest of epoch 1, then every other epoch.
  const lossHistory: number[] = [];
  const accHistory: number[] = [];
  const record = () => {
    const pred = model.predict(x);
    lossHistory.push(losses.sse(pred, y).item());
    accHistory.push(accuracyOf(pred, y));
  };
  const update = (bx: Tensor, by: Tensor) => {
    const loss = losses.sse(model.call(bx), by);
    loss.backward();
    optimizer.step();
    optimizer.zeroGrad();
  };
  say(heading(`Repeating steps (2)–(5) for ${o.epochs} epochs`));
  say(`${loader.iterationsPerEpoch} update(s) per epoch (batch size ${o.batchSize})`);
  const every = Math.max(1, Math.round(o.epochs / 10));
  const t0 = performance.now();
  for (let r = epochOne.next(); !r.done; r = epochOne.next()) update(r.value.x, r.value.y);
  record();
  const progressRows: string[][] = [["1", num(lossHistory[0]!, 6), percent(accHistory[0]!)]];
  for (let epoch = 2; epoch <= o.epochs; epoch++) {
    for (const batch of loader) update(batch.x, batch.y);
    record();
    if (epoch % every === 0 || epoch === o.epochs)
      progressRows.push([String(epoch), num(lossHistory.at(-1)!, 6), percent(accHistory.at(-1)!)]);
  }
  const trainingTimeMs = since(t0);
  say(table(["epoch", "cost", "accuracy"], progressRows));
  const solved = accHistory.indexOf(1);
  const solvedAtEpoch = solved < 0 ? null : solved + 1;
  const outputs = vec(model.predict(x));
  const finalAccuracy = accHistory.at(-1)!;
  say("");
  say(
    table(
      ["input", "target", "output", "class"],
      X.map((r, i) => [
        `[${r.join(", ")}]`,
        String(Y[i]![0]),
        num(outputs[i]!, 4),
        String(outputs[i]! > 0.5 ? 1 : 0),
      ]),
    ),
  );
  say(
    solvedAtEpoch === null
      ? `\nNot solved yet after ${o.epochs} epochs (accuracy ${percent(finalAccuracy)}); try more --epochs.`
      : `\nAll four cases right from epoch ${solvedAtEpoch}; after ${o.epochs} epochs the accuracy is ${percent(finalAccuracy)} and the cost ${num(lossHistory.at(-1)!, 6)}.`,
  );
  say(`Training time: ${duration(trainingTimeMs)}`);

  const report = new Report(o.out, {
    example: "xor",
    title: "XOR: a hidden layer and backpropagation",
    book: [1, 3, 4],
    lead: "A 2-4-1 sigmoid network learns XOR by gradient descent on the sum of squared errors: the five steps of backpropagation (initialize, forward, cost, backward, update), repeated.",
    command: rerunCommand("xor", o),
  });
  report.chart(
    "training",
    historyChart(
      { cost: lossHistory },
      {
        metric: "cost",
        title: "XOR: cost per epoch",
        subtitle: `2-4-1 sigmoid network, gradient descent (η = ${LEARNING_RATE}), seed ${o.seed}`,
        yLabel: "cost (sum of squared errors)",
        trainLabel: "training cost",
      },
    ),
    "Cost per epoch",
    `The cost stays on a plateau while the hidden units are still alike, then falls once they specialize; all four cases are right from epoch ${solvedAtEpoch ?? "—"}.`,
  );
  const files = report.finish([
    ["epochs", String(o.epochs)],
    ["solved at epoch", solvedAtEpoch === null ? "not solved" : String(solvedAtEpoch)],
    ["final cost", num(lossHistory.at(-1)!, 6)],
    ["outputs for [0,0] [0,1] [1,0] [1,1]", outputs.map((v) => num(v, 3)).join(" ")],
  ]);
  say(`\nCharts and report: ${report.dir}`);

  return {
    example: "xor",
    seed: o.seed,
    epochs: o.epochs,
    batchSize: o.batchSize,
    iterationsPerEpoch: loader.iterationsPerEpoch,
    samples: { train: 4, test: 0 },
    trainingTimeMs,
    metrics: {
      accuracy: finalAccuracy,
      cost: lossHistory.at(-1)!,
      solvedAtEpoch: solvedAtEpoch ?? -1,
    },
    files,
    first: { initial, forward, cost: cost.item(), gradients, handCheckMaxDiff, updated },
    losses: lossHistory,
    accuracy: accHistory,
    solvedAtEpoch,
    outputs,
  };
}
