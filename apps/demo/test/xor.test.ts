import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { LEARNING_RATE, run } from "../src/examples/xor.js";
import { collector, isSvg, tempOut } from "./helpers.js";

describe("xor example", () => {
  it("prints the five steps with numbers that agree with each other, then solves XOR", async () => {
    const c = collector();
    const r = await run({ out: tempOut(), log: c.log, epochs: 400 });
    const { initial, forward, gradients, updated, cost } = r.first;

    // (2)–(3): the cost is the sum of squared errors of the printed outputs.
    const targets = [0, 1, 1, 0];
    const sse = forward.a2.reduce((s, [a], i) => s + (a! - targets[i]!) ** 2, 0);
    expect(cost).toBeCloseTo(sse, 5);
    // (4): autograd agrees with the chain rule written out.
    expect(r.first.handCheckMaxDiff).toBeLessThan(1e-6);
    // (5): every weight moved by −η·gradient.
    for (const [i, row] of initial.w1.entries())
      for (const [j, w] of row.entries())
        expect(updated.w1[i]![j]).toBeCloseTo(w - LEARNING_RATE * gradients.dw1[i]![j]!, 6);
    expect(updated.b2[0]).toBeCloseTo(initial.b2[0]! - LEARNING_RATE * gradients.db2[0]!, 6);

    expect(r.accuracy.at(-1)).toBe(1);
    expect(r.solvedAtEpoch).toBeGreaterThan(1);
    expect(r.losses).toHaveLength(400);
    expect(r.losses.at(-1)!).toBeLessThan(r.losses[0]! / 10);
    expect(r.outputs.map((o) => (o > 0.5 ? 1 : 0))).toEqual(targets);
    expect(r.iterationsPerEpoch).toBe(1);

    const text = c.text();
    for (const step of ["(1) Initialize", "(2) Forward", "(3) Cost", "(4) Backward", "(5) Update"])
      expect(text).toContain(step);
    expect(text).toContain("All four cases right from epoch");
    expect(r.files.map((f) => basename(f))).toEqual(["xor-training.svg", "index.html"]);
    expect(isSvg(r.files[0]!)).toBe(true);
  });

  it("is reproducible from its seed and takes mini-batches", async () => {
    const a = await run({ out: tempOut(), log: null, epochs: 5, seed: 7 });
    const b = await run({ out: tempOut(), log: null, epochs: 5, seed: 7 });
    const c = await run({ out: tempOut(), log: null, epochs: 5, seed: 8 });
    expect(b.losses).toEqual(a.losses);
    expect(c.losses).not.toEqual(a.losses);
    const m = await run({ out: tempOut(), log: null, epochs: 3, batchSize: 2 });
    expect(m.iterationsPerEpoch).toBe(2);
    expect(m.first.forward.a2).toHaveLength(2);
    await expect(run({ out: tempOut(), log: null, batchSize: 5 })).rejects.toThrow(/1 to 4/);
  });
});
