import { ShapeError, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { Perceptron, type PerceptronStep } from "../src/index.js";

const X = tensor([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);

describe("Perceptron (Rosenblatt's rule)", () => {
  it("learns AND and reports the epoch it converged in", () => {
    const p = new Perceptron({ inputs: 2 });
    const r = p.fit(X, tensor([0, 0, 0, 1]), { epochs: 50 });
    expect(r.converged).toBe(true);
    expect(r.epochs).toBe(r.errorsPerEpoch.length);
    expect(r.errorsPerEpoch.at(-1)).toBe(0);
    expect(r.errorsPerEpoch.slice(0, -1).every((e) => e > 0)).toBe(true);
    expect(r.message).toMatch(/converged in epoch \d+/);
    expect(Array.from(p.predict(X).data)).toEqual([0, 0, 0, 1]);
    // zero start, η = 1, data in order: the rule settles on w = (2, 1), b = -2 in epoch 6
    expect(r).toMatchObject({ epochs: 6, weights: [[2], [1]], bias: [-2] });
  });

  it("learns OR", () => {
    const p = new Perceptron();
    const r = p.fit(X, tensor([0, 1, 1, 1]), { epochs: 50 });
    expect(r.converged).toBe(true);
    expect(Array.from(p.predict(X).data)).toEqual([0, 1, 1, 1]);
    expect(p.weights!.shape).toEqual([2, 1]);
  });

  it("fails on XOR and says so instead of looping forever", () => {
    const p = new Perceptron({ inputs: 2 });
    const r = p.fit(X, tensor([0, 1, 1, 0]), { epochs: 40 });
    expect(r.converged).toBe(false);
    expect(r.epochs).toBe(40);
    expect(r.errorsPerEpoch).toHaveLength(40);
    expect(r.errorsPerEpoch.every((e) => e > 0)).toBe(true);
    expect(r.message).toMatch(/did not converge after 40 epochs/);
    expect(r.message).toMatch(/not be linearly separable/);
    const pred = Array.from(p.predict(X).data);
    expect(pred).not.toEqual([0, 1, 1, 0]);
  });

  it("learns several outputs at once and reports every step", () => {
    const steps: PerceptronStep[] = [];
    const p = new Perceptron({ inputs: 2, outputs: 2 });
    const y = tensor([
      [0, 0],
      [0, 1],
      [0, 1],
      [1, 1],
    ]);
    const r = p.fit(X, y, { epochs: 30, learningRate: 0.5, onStep: (s) => steps.push(s) });
    expect(r.converged).toBe(true);
    expect(p.predict(X).toArray()).toEqual(y.toArray());
    expect(steps).toHaveLength(4 * r.epochs);
    expect(steps[0]).toMatchObject({
      epoch: 1,
      sample: 0,
      x: [0, 0],
      target: [0, 0],
      output: [0, 0],
    });
  });

  it("shuffles deterministically when asked", () => {
    const a = new Perceptron().fit(X, tensor([0, 1, 1, 1]), { shuffle: true, seed: 4 });
    const b = new Perceptron().fit(X, tensor([0, 1, 1, 1]), { shuffle: true, seed: 4 });
    expect(a).toEqual(b);
  });

  it("rejects bad data and options", () => {
    const p = new Perceptron({ inputs: 2 });
    expect(() => p.fit(X, tensor([0, 2, 1, 0]))).toThrow(/targets must be 0 or 1/);
    expect(() => p.fit(X, tensor([0, 1, 1]))).toThrow(ShapeError);
    expect(() => p.fit(tensor([[1, 2, 3]]), tensor([1]))).toThrow(/has 2 inputs/);
    expect(() => p.fit(X, tensor([0, 1, 1, 0]), { epochs: 0 })).toThrow(ValueError);
    expect(() => p.fit(X, tensor([0, 1, 1, 0]), { learningRate: -1 })).toThrow(ValueError);
    expect(() => new Perceptron({ outputs: 0 })).toThrow(ValueError);
    expect(() => p.predict(tensor([1, 2]))).toThrow(/\[samples, inputs\]/);
    expect(new Perceptron().weights).toBeNull();
  });
});
