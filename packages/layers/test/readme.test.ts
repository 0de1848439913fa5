import { noGrad, type Variable } from "@neurite/autograd";
import { type Tensor, tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { activations, Dense, losses, Module, Perceptron, Sequential } from "../src/index.js";

/** The README's examples, run as written, with the numbers it quotes. */
describe("README examples", () => {
  it("the five steps on XOR", () => {
    const x = tensor([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const y = tensor([[0], [1], [1], [0]]);
    const model = new Sequential([
      new Dense(4, { inputDim: 2, activation: "tanh", seed: 1 }),
      new Dense(1, { activation: "sigmoid", seed: 2 }),
    ]);
    for (let epoch = 0; epoch < 2000; epoch++) {
      model.zeroGrad();
      const out = model.call(x);
      const loss = losses.binaryCrossEntropy(out, y);
      loss.backward();
      noGrad(() => {
        for (const p of model.parameters())
          for (let i = 0; i < p.size; i++) p.value.data[i] -= 0.5 * p.grad!.data[i]!;
      });
    }
    const p = model.predict(x).data;
    expect(Array.from(p).map((v) => Math.round(v))).toEqual([0, 1, 1, 0]);
  });

  it("the book's 2×2 perceptron example", () => {
    const layer = new Dense(2, { inputDim: 4, activation: "sigmoid" });
    layer.loadStateDict({
      kernel: tensor([
        [0.1, 0.5],
        [0.2, 0.6],
        [0.3, 0.7],
        [0.4, 0.8],
      ]),
      bias: tensor([3, 3]),
    });
    const out = layer.call(
      tensor([
        [1, 2],
        [3, 4],
      ]).reshape([1, 4]),
    ).value.data;
    const sigma = (v: number) => 1 / (1 + Math.exp(-v));
    expect(out[0]).toBeCloseTo(sigma(6), 6);
    expect(out[1]).toBeCloseTo(sigma(10), 6);
    expect(out[0]).toBeCloseTo(0.99753, 5);
  });

  it("the perceptron results it quotes", () => {
    const x = tensor([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(
      new Perceptron({ inputs: 2 }).fit(x, tensor([0, 0, 0, 1]), { epochs: 20 }),
    ).toMatchObject({
      converged: true,
      epochs: 6,
      errorsPerEpoch: [1, 3, 3, 2, 1, 0],
      weights: [[2], [1]],
      bias: [-2],
    });
    expect(
      new Perceptron({ inputs: 2 }).fit(x, tensor([0, 1, 1, 1]), { epochs: 20 }),
    ).toMatchObject({
      converged: true,
      epochs: 4,
      weights: [[1], [1]],
      bias: [0],
    });
    const xor = new Perceptron({ inputs: 2 }).fit(x, tensor([0, 1, 1, 0]), { epochs: 20 });
    expect(xor.converged).toBe(false);
    expect(xor.errorsPerEpoch.slice(0, 4)).toEqual([2, 3, 4, 4]);
    expect(xor.message).toBe(
      "did not converge after 20 epochs (4 of 4 samples still wrong); the classes may not be linearly separable, as with XOR",
    );
  });

  it("the custom module and the plotting snippet", () => {
    class TwoLayer extends Module {
      hidden = this.registerModule("hidden", new Dense(8, { activation: "relu" }));
      out = this.registerModule("out", new Dense(1));
      forward(x: Variable | Tensor) {
        return this.out.call(this.hidden.call(x));
      }
    }
    expect(new TwoLayer().call(tensor([[1, 2, 3]])).shape).toEqual([1, 1]);
    const { fn, derivative } = activations.get("sigmoid");
    const xs = Array.from({ length: 121 }, (_, i) => -6 + i / 10);
    expect(Math.max(...xs.map(derivative))).toBe(0.25);
    expect(xs.map(fn)[60]).toBe(0.5);
  });
});
