import { Dense, Sequential } from "@neurite/layers";
import { Rng, tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { StateSnapshot } from "../src/internal/snapshot.js";

describe("StateSnapshot", () => {
  it("restores the saved weights and bumps their versions, so an older graph cannot be backpropagated", () => {
    const model = new Sequential([new Dense(2, { inputDim: 3, rng: new Rng(1) })]);
    const loss = model.call(tensor([[1, 2, 3]])).sum();
    const snapshot = new StateSnapshot();
    snapshot.track(model);
    snapshot.save();
    const kernel = model.parameters()[0]!.value;
    const saved = Array.from(kernel!.data);
    kernel!.data.fill(5);
    const before = kernel!.version;
    snapshot.restore();
    expect(Array.from(kernel!.data)).toEqual(saved);
    expect(kernel!.version).toBeGreaterThan(before);
    expect(() => loss.backward()).toThrow(/modified in place after the forward pass/);
  });
});
