import { Tensor, tensor } from "@neurite/tensor";
import { describe, expect, it, vi } from "vitest";
import * as first from "../src/index.js";

/**
 * A second, independent copy of layers (and of autograd and tensor under it),
 * as when an app loads the ESM build with `import` and the CJS build with
 * `require`: resetting the module registry makes the next import evaluate
 * every module again, with new classes.
 */
async function secondCopy() {
  vi.resetModules();
  const layers = await import("../src/index.js");
  const tensors = await import("@neurite/tensor");
  return { layers, tensors };
}

describe("two copies of @neurite/layers in one process", () => {
  it("a Dense of one copy takes a tensor of the other", async () => {
    const { tensors } = await secondCopy();
    expect(tensors.Tensor).not.toBe(Tensor);
    const dense = new first.Dense(2, { seed: 3, useBias: false, kernelInitializer: "ones" });
    const y = dense.call(tensors.tensor([[1, 2, 3]]));
    expect(y.value.toArray()).toEqual([[6, 6]]);
  });

  it("a Sequential of one copy holds layers of the other", async () => {
    const { layers: second } = await secondCopy();
    const model = new first.Sequential([
      new second.Dense(4, { inputDim: 3, seed: 1 }),
      new first.Activation("relu"),
      new second.Dense(2, { seed: 2 }),
    ]);
    expect(model.parameters()).toHaveLength(4);
    expect(model.call(tensor([[1, 2, 3]])).value.shape).toEqual([1, 2]);
    expect(new second.Sequential([]) instanceof first.Module).toBe(true);
    expect(new second.Sequential([]) instanceof first.Sequential).toBe(true);
    expect(new second.Dense(1) instanceof first.Sequential).toBe(false);
    expect(new second.MeanSquaredError() instanceof first.Loss).toBe(true);
  });

  it("share one global seed: setSeed of one copy seeds layers of the other", async () => {
    const { layers: second } = await secondCopy();
    first.setSeed(11);
    const a = new second.Dense(3, { inputDim: 2 });
    second.setSeed(11);
    const b = new first.Dense(3, { inputDim: 2 });
    a.build([2]);
    b.build([2]);
    expect(a.parameters()[0]!.value.toArray()).toEqual(b.parameters()[0]!.value.toArray());
  });
});
