import { randn, tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { gradCheck, Variable } from "../src/index.js";

describe("smoke", () => {
  it("gradients", () => {
    const r = gradCheck(
      (a, b, c) => a.matmul(b).add(c).tanh().softmax().mul(a.sum()).logSumExp(0).sum(),
      [randn([3, 4], 1), randn([4, 5], 2), randn([5], 3)],
    );
    expect(r.ok).toBe(true);
    const r2 = gradCheck((a) => a.max(1).add(a.variance(0, true).sum()).sum(), [randn([3, 4], 4)]);
    expect(r2.ok).toBe(true);
    const x = new Variable(tensor([1, 2, 3]), { requiresGrad: true });
    x.square().sum().backward();
    expect(x.grad!.toArray()).toEqual([2, 4, 6]);
  });
});
