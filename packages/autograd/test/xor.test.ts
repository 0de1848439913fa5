import * as T from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { noGrad, Parameter, Variable } from "../src/index.js";

const X = T.tensor([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);
const LABELS = [0, 1, 1, 0];

/**
 * A 2-8-2 network (tanh hidden layer, softmax output) trained on XOR with
 * full-batch plain gradient descent on the cross-entropy, written only with
 * autograd ops.
 */
function trainXor(seed: number, epochs = 300, learningRate = 0.5) {
  const rng = new T.Rng(seed);
  const w1 = new Parameter(T.randn([2, 8], rng), "w1");
  const b1 = new Parameter(T.zeros([8]), "b1");
  const w2 = new Parameter(T.randn([8, 2], rng).mul(0.5), "w2");
  const b2 = new Parameter(T.zeros([2]), "b2");
  const params = [w1, b1, w2, b2];
  const x = new Variable(X);
  const targets = T.oneHot(LABELS, 2);
  const logits = () => x.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const loss = logits().logSoftmax().mul(targets).sum(1).mean().neg();
    losses.push(loss.item());
    loss.backward();
    for (const p of params) {
      p.value = p.value.sub(p.grad!.mul(learningRate));
      p.zeroGrad();
    }
  }
  const predicted = Array.from(noGrad(logits).value.argmax(1).data);
  return { losses, predicted, params };
}

describe("XOR with a two-layer network and plain gradient descent", () => {
  it("reaches 100% accuracy (seeded)", () => {
    const { losses, predicted } = trainXor(1);
    expect(predicted).toEqual(LABELS);
    expect(losses[losses.length - 1]!).toBeLessThan(0.1);
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]!);
  });

  it("learns it from several seeds", () => {
    for (const seed of [2, 3, 4]) expect(trainXor(seed).predicted).toEqual(LABELS);
  });

  it("is deterministic: the same seed gives identical bits twice", () => {
    const a = trainXor(7, 50);
    const b = trainXor(7, 50);
    const bytes = (data: Float32Array | Float64Array) =>
      Array.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    expect(bytes(new Float64Array(a.losses))).toEqual(bytes(new Float64Array(b.losses)));
    a.params.forEach((p, i) => {
      expect(bytes(p.value.data as Float32Array)).toEqual(
        bytes(b.params[i]!.value.data as Float32Array),
      );
    });
    expect(trainXor(8, 50).losses).not.toEqual(a.losses);
  });
});
