import { Variable } from "@neurite/autograd";
import { tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { Activation, Dense, losses } from "../src/index.js";

// Keras computes a probability loss from the logits when the prediction is the
// output of a softmax (last axis) or a sigmoid; Neurite does the same.

const leaf = (rows: number[][]) =>
  new Variable(tensor(rows, undefined, "float64"), { requiresGrad: true });

describe("probability losses on a softmax or sigmoid output use its logits (Keras's convention)", () => {
  it("categorical cross-entropy: the same loss as fromLogits, and a gradient that survives saturation", () => {
    // z = [20, 0, 0]: softmax ≈ [1, 2e-9, 2e-9]. On clamped probabilities the
    // gradient is 0; on the logits it is softmax(z) − y ≈ [1, −1, 0].
    const z = leaf([[20, 0, 0]]);
    const y = tensor([[0, 1, 0]], undefined, "float64");
    const viaSoftmax = losses.categoricalCrossEntropy(new Activation("softmax").call(z), y);
    expect(viaSoftmax.item()).toBeCloseTo(20 + Math.log(1 + 2 * Math.exp(-20)), 12);
    viaSoftmax.backward();
    const g = Array.from(z.grad!.data);
    expect(g[0]).toBeCloseTo(1, 8);
    expect(g[1]).toBeCloseTo(-1, 8);
    expect(g[2]).toBeCloseTo(0, 8);

    const z2 = leaf([[20, 0, 0]]);
    const viaLogits = losses.categoricalCrossEntropy(z2, y, { fromLogits: true });
    expect(viaLogits.item()).toBe(viaSoftmax.item());
  });

  it("a Dense layer with a softmax activation keeps its logits too", () => {
    const layer = new Dense(3, { inputDim: 2, activation: "softmax", seed: 1, dtype: "float64" });
    const x = tensor(
      [
        [1, 2],
        [3, -1],
      ],
      undefined,
      "float64",
    );
    const y = tensor(
      [
        [0, 1, 0],
        [1, 0, 0],
      ],
      undefined,
      "float64",
    );
    const viaSoftmax = losses.categoricalCrossEntropy(layer.call(x), y);
    const logits = new Dense(3, { inputDim: 2, seed: 1, dtype: "float64" }).call(x);
    const viaLogits = losses.categoricalCrossEntropy(logits, y, { fromLogits: true });
    expect(viaSoftmax.item()).toBeCloseTo(viaLogits.item(), 12);
  });

  it("sparse categorical cross-entropy follows the same rule", () => {
    const z = leaf([[0, 30, 0]]);
    const loss = losses.sparseCategoricalCrossEntropy(
      new Activation("softmax").call(z),
      tensor([0], undefined, "int32"),
    );
    expect(loss.item()).toBeCloseTo(30 + Math.log(1 + 2 * Math.exp(-30)), 10);
    loss.backward();
    expect(z.grad!.data[0]).toBeCloseTo(-1, 8);
    expect(z.grad!.data[1]).toBeCloseTo(1, 8);
  });

  it("binary cross-entropy on a sigmoid output uses the logits", () => {
    // σ(40) rounds to 1; with y = 0 the clamped loss is −log(1e-7) ≈ 16.1 with no
    // gradient, the logit form gives 40 and a gradient σ(40) − 0 ≈ 1.
    const z = leaf([[40]]);
    const loss = losses.binaryCrossEntropy(
      new Activation("sigmoid").call(z),
      tensor([[0]], undefined, "float64"),
    );
    expect(loss.item()).toBeCloseTo(40, 10);
    loss.backward();
    expect(z.grad!.data[0]).toBeCloseTo(1, 10);
  });

  it("plain probabilities (not a softmax output) still take the clamped path", () => {
    const p = tensor([[1, 0, 0]], undefined, "float64");
    const loss = losses.categoricalCrossEntropy(p, tensor([[0, 1, 0]], undefined, "float64"));
    expect(loss.item()).toBeCloseTo(-Math.log(1e-7), 10);
  });

  it("a softmax over another axis is not treated as class probabilities' logits", () => {
    const z = leaf([
      [20, 0],
      [0, 0],
    ]);
    const p = new Activation("softmax", { axis: 0 }).call(z);
    const loss = losses.categoricalCrossEntropy(
      p,
      tensor(
        [
          [0, 1],
          [1, 0],
        ],
        undefined,
        "float64",
      ),
    );
    // Rows renormalized and clamped, as for any probabilities.
    expect(Number.isFinite(loss.item())).toBe(true);
    expect(loss.item()).toBeGreaterThan(5);
  });

  it("options are still checked on the logits path", () => {
    const p = new Activation("softmax").call(leaf([[1, 2, 3]]));
    expect(() =>
      losses.categoricalCrossEntropy(p, tensor([[0, 0, 1]], undefined, "float64"), { epsilon: -1 }),
    ).toThrow(ValueError);
  });
});
