import { basename } from "node:path";
import { COLORS } from "@neurite/plot";
import { describe, expect, it } from "vitest";
import { run } from "../src/examples/perceptron.js";
import { chartFacts, collector, isSvg, read, tempOut } from "./helpers.js";

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe("perceptron example", () => {
  it("computes the book's forward pass, learns AND and OR, fails on XOR, and draws the decision regions and errors", async () => {
    const out = tempOut();
    const c = collector();
    const r = await run({ out, log: c.log });

    // The book's weights [[2,1,-3,3],[1,-3,1,3]] and bias 3 on the input [[1,2],[0,-1]].
    expect(r.forward.input).toEqual([1, 2, 0, -1]);
    expect(r.forward.weightedSums).toEqual([4, -5]);
    expect(r.forward.outputs[0]).toBeCloseTo(sigmoid(4), 6);
    expect(r.forward.outputs[1]).toBeCloseTo(sigmoid(-5), 6);
    expect(r.forward.denseOutputs).toEqual(r.forward.outputs);

    expect(r.gates.AND).toMatchObject({ converged: true, epochs: 6, predictions: [0, 0, 0, 1] });
    expect(r.gates.AND.errorsPerEpoch).toEqual([1, 3, 3, 2, 1, 0]);
    expect(r.gates.OR).toMatchObject({ converged: true, epochs: 4, predictions: [0, 1, 1, 1] });
    expect(r.gates.XOR.converged).toBe(false);
    expect(r.gates.XOR.epochs).toBe(20);
    expect(r.andSteps).toHaveLength(24);
    expect(r.metrics).toMatchObject({ andEpochs: 6, orEpochs: 4, xorConverged: 0 });

    const text = c.text();
    expect(text).toContain("z1 = 2·1 + 1·2 + (-3)·0 + 3·(-1) + 3 = 4");
    expect(text).toContain("[0.9820, 0.0067]");
    expect(text).toMatch(/XOR: did not converge after 20 epochs/);

    expect(r.files.map((f) => basename(f))).toEqual([
      "perceptron-boundary-and.svg",
      "perceptron-boundary-or.svg",
      "perceptron-boundary-xor.svg",
      "perceptron-errors.svg",
      "index.html",
    ]);
    for (const f of r.files.slice(0, 4)) expect(isSvg(f)).toBe(true);
    expect(chartFacts(r.files[0]!).legend).toEqual(["target 0", "target 1"]);
    const errors = chartFacts(r.files[3]!);
    expect(errors.legend).toEqual(["AND", "OR", "XOR"]);
    expect(errors.xTicks[0]![0]).toBe("1");
    // Blue and orange mean train and validation in the learning curves; the gates use other colours.
    for (const colors of errors.lineColors.values())
      for (const c of [COLORS.train, COLORS.validation]) expect(colors.has(c)).toBe(false);
    const html = read(r.files[4]!);
    expect(html).toContain('src="perceptron-boundary-and.svg"');
    expect(html).toContain("Book: 1. artificial neural network · 2. perceptron");
  });

  it("stops Rosenblatt's rule at --epochs", async () => {
    const r = await run({ out: tempOut(), log: null, epochs: 3 });
    expect(r.gates.AND.converged).toBe(false);
    expect(r.gates.AND.epochs).toBe(3);
    expect(r.gates.XOR.errorsPerEpoch).toHaveLength(3);
    expect(r.epochs).toBe(3);
  });
});
