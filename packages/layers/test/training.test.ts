import { noGrad } from "@neurite/autograd";
import { tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { Dense, losses, Sequential } from "../src/index.js";
import { bytesOf } from "./helpers.js";

const X = tensor([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);
const Y = tensor([[0], [1], [1], [0]]);

/** The book's five steps, by hand: init, forward, loss, backward, update — plain SGD written here. */
function trainXor(): { model: Sequential; loss: number; accuracy: number } {
  const model = new Sequential([
    new Dense(4, { inputDim: 2, activation: "tanh", seed: 1 }), // (1) initialize
    new Dense(1, { activation: "sigmoid", seed: 2 }),
  ]);
  const lr = 0.5;
  let loss = Number.NaN;
  for (let epoch = 0; epoch < 2000; epoch++) {
    model.zeroGrad();
    const out = model.call(X); // (2) forward
    const l = losses.binaryCrossEntropy(out, Y); // (3) cost
    l.backward(); // (4) backward
    noGrad(() => {
      // (5) update
      for (const p of model.parameters()) {
        const g = p.grad!.data;
        const w = p.value.data;
        for (let i = 0; i < w.length; i++) w[i]! -= lr * g[i]!;
      }
    });
    loss = l.item();
  }
  const pred = model.predict(X);
  let correct = 0;
  for (let i = 0; i < 4; i++) if ((pred.data[i]! > 0.5 ? 1 : 0) === Y.data[i]) correct++;
  return { model, loss, accuracy: correct / 4 };
}

describe("a hand-written training loop", () => {
  it("learns XOR to 100% accuracy, bit-identically on every run", () => {
    const a = trainXor();
    expect(a.accuracy).toBe(1);
    expect(a.loss).toBeLessThan(0.1);
    const b = trainXor();
    const sa = a.model.stateDict();
    const sb = b.model.stateDict();
    for (const k of Object.keys(sa)) expect(bytesOf(sb[k]!)).toEqual(bytesOf(sa[k]!));
    expect(b.loss).toBe(a.loss);
  });
});
