import { tensor } from "@neurite/tensor";
import { describe, expect, it, vi } from "vitest";
import * as first from "../src/index.js";

/**
 * A second, independent copy of autograd (and of the tensor package under it),
 * as when an app loads the ESM build with `import` and the CJS build with
 * `require`: resetting the module registry makes the next import evaluate
 * every module again, with new classes.
 */
async function secondCopy() {
  vi.resetModules();
  const autograd = await import("../src/index.js");
  const tensors = await import("@neurite/tensor");
  return { autograd, tensors };
}

describe("two copies of @neurite/autograd in one process", () => {
  it("recognise each other's Variables and Parameters", async () => {
    const { autograd: second } = await secondCopy();
    expect(second.Variable).not.toBe(first.Variable);
    const v = new second.Variable(tensor([1, 2]));
    const p = new second.Parameter(tensor([1, 2]));
    expect(v instanceof first.Variable).toBe(true);
    expect(p instanceof first.Parameter).toBe(true);
    expect(p instanceof first.Variable).toBe(true);
    expect(v instanceof first.Parameter).toBe(false);
  });

  it("wrap a tensor of the other copy (the CJS-Dense-given-an-ESM-tensor case)", async () => {
    const { tensors } = await secondCopy();
    const x = tensors.tensor([1, 2, 3]);
    const v = first.toVariable(x);
    expect(v.value).toBe(x);
    expect(first.mul(v, 2).value.toArray()).toEqual([2, 4, 6]);
  });

  it("differentiate a graph that mixes both copies", async () => {
    const { autograd: second } = await secondCopy();
    const w = new second.Parameter(tensor([1, 2, 3], undefined, "float64"));
    const x = new first.Variable(tensor([4, 5, 6], undefined, "float64"));
    // d/dw sum(w * x)^2 = 2 * sum(w * x) * x = 2 * 32 * x
    const y = first.mul(w, x).sum().square();
    y.backward();
    expect(w.grad!.toArray()).toEqual([256, 320, 384]);
  });

  it("share one gradient mode: noGrad of one copy holds for ops of the other", async () => {
    const { autograd: second } = await secondCopy();
    const p = new second.Parameter(tensor([1, 2]));
    const inside = first.noGrad(() => {
      expect(second.isGradEnabled()).toBe(false);
      return second.mul(p, 2);
    });
    expect(inside.requiresGrad).toBe(false);
    expect(second.isGradEnabled()).toBe(true);
    expect(second.mul(p, 2).requiresGrad).toBe(true);
  });
});
