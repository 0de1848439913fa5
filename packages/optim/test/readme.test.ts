import { Parameter, Variable } from "@neurite/autograd";
import { tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  Adam,
  CosineAnnealingLR,
  clipGradNorm,
  LinearLR,
  type OptimizerStateDict,
  SequentialLR,
  SGD,
} from "../src/index.js";

// The README's examples, run as written (with assertions added).
describe("README examples", () => {
  it("a hand-written training loop fits y = 2·x₁ − 3·x₂ + 1", () => {
    const x = new Variable(
      tensor([
        [1, 2],
        [2, 1],
        [3, -1],
        [-1, 0.5],
      ]),
    );
    const y = new Variable(tensor([[-3], [2], [10], [-2.5]]));
    const w = new Parameter(tensor([[0], [0]]), "w");
    const b = new Parameter(tensor([0]), "b");

    const opt = new Adam([w, b], { lr: 0.1 });
    let loss = Number.NaN;
    for (let epoch = 0; epoch < 300; epoch++) {
      const l = x.matmul(w).add(b).sub(y).square().mean(); // forward and loss
      l.backward(); // fills w.grad and b.grad
      opt.step(); // updates w and b in place
      opt.zeroGrad(); // grads back to null for the next backward
      loss = l.item();
    }
    expect(loss).toBeLessThan(1e-4);
    const [[w1], [w2]] = w.toArray(2);
    expect(w1).toBeCloseTo(2, 2);
    expect(w2).toBeCloseTo(-3, 2);
    expect(b.toArray(1)[0]).toBeCloseTo(1, 2);
  });

  it("warm-up then cosine, clipping, and resuming from a saved state", () => {
    const w = new Parameter(tensor([3, -2]), "w");
    const opt = new SGD([w], { lr: 0.1, momentum: 0.9 });
    const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 3 });
    const cosine = new CosineAnnealingLR(opt, { tMax: 17 });
    const sched = new SequentialLR(opt, { schedulers: [warmup, cosine], milestones: [3] });
    for (let epoch = 0; epoch < 10; epoch++) {
      w.square().sum().backward();
      clipGradNorm([w], 1);
      opt.step();
      opt.zeroGrad();
      sched.step();
    }
    const checkpoint = JSON.stringify({ optimizer: opt.stateDict(), scheduler: sched.stateDict() });

    // Later, in a new process: rebuild the same objects, then load.
    const saved = JSON.parse(checkpoint) as {
      optimizer: OptimizerStateDict;
      scheduler: ReturnType<SequentialLR["stateDict"]>;
    };
    const w2 = new Parameter(tensor(Array.from(w.value.data)), "w");
    const opt2 = new SGD([w2], { lr: 0.1, momentum: 0.9 });
    const sched2 = new SequentialLR(opt2, {
      schedulers: [
        new LinearLR(opt2, { startFactor: 0.1, totalIters: 3 }),
        new CosineAnnealingLR(opt2, { tMax: 17 }),
      ],
      milestones: [3],
    });
    opt2.loadStateDict(saved.optimizer);
    sched2.loadStateDict(saved.scheduler);
    for (let epoch = 10; epoch < 20; epoch++) {
      for (const [p, o, s] of [
        [w, opt, sched],
        [w2, opt2, sched2],
      ] as const) {
        p.square().sum().backward();
        clipGradNorm([p], 1);
        o.step();
        o.zeroGrad();
        s.step();
      }
    }
    expect(w2.value.data).toEqual(w.value.data);
    expect(opt2.paramGroups[0]!.lr).toBe(opt.paramGroups[0]!.lr);
  });
});
