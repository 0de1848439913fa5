import { tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { confusionMatrixChart } from "../src/index.js";
import { parseChart } from "./svg.js";

/** Cell counts as a matrix, rows true, columns predicted, read from the chart. */
function counts(svg: string, k: number): number[][] {
  const cells = parseChart(svg)
    .byClass("nplot-rect")
    .map((r) => Number(r.getAttribute("data-value")));
  return Array.from({ length: k }, (_, t) => cells.slice(t * k, t * k + k));
}

describe("confusionMatrixChart", () => {
  const yTrue = [0, 0, 1, 1, 1, 2, 2, 2, 2];
  const yPred = [0, 1, 1, 1, 2, 2, 2, 2, 0];

  it("counts true classes down the side and predicted across, with class names", () => {
    const svg = confusionMatrixChart(yTrue, yPred, { labels: ["a", "b", "c"] });
    expect(counts(svg, 3)).toEqual([
      [1, 1, 0],
      [0, 2, 1],
      [1, 0, 3],
    ]);
    const c = parseChart(svg);
    expect(c.ticks("x")).toEqual(["a", "b", "c"]);
    expect(c.ticks("y")).toEqual(["a", "b", "c"]);
    expect(c.texts("nplot-axis-title")).toEqual(["predicted class", "true class"]);
    expect(c.texts("nplot-subtitle").join(" ")).toContain(
      "9 samples, 6 on the diagonal (accuracy 66.7%)",
    );
    expect([...c.texts("nplot-text"), ...c.texts("nplot-on-dark")]).toContain("3");
    // Row-major cells: (true 0, predicted 0) at the top left, predicted grows rightwards, true downwards.
    const at = (i: number) => {
      const r = c.byClass("nplot-rect")[i]!;
      return [Number(r.getAttribute("x")), Number(r.getAttribute("y"))];
    };
    expect(at(1)[0]).toBeGreaterThan(at(0)[0]!);
    expect(at(1)[1]).toBe(at(0)[1]);
    expect(at(3)[1]).toBeGreaterThan(at(0)[1]!);
    expect(at(3)[0]).toBe(at(0)[0]);
  });

  it("takes score tensors (the largest wins) and one-hot targets", () => {
    const scores = tensor([
      [0.9, 0.1],
      [0.2, 0.8],
      [0.6, 0.4],
    ]);
    const oneHot = tensor([
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    expect(counts(confusionMatrixChart(oneHot, scores), 2)).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });

  it("reads one probability per sample (a sigmoid output [n, 1]) as class 1 above the threshold", () => {
    const probs = tensor([[0.9], [0.2], [0.6], [0.4]]);
    expect(counts(confusionMatrixChart([1, 0, 0, 1], probs), 2)).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(counts(confusionMatrixChart([1, 0, 0, 1], probs, { threshold: 0.65 }), 2)).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(() => confusionMatrixChart([1, 0], [0.3, 0.7], { threshold: 1 })).toThrow(
      /argument 'threshold'/,
    );
  });

  it("normalize labels each cell with its share of the row", () => {
    const c = parseChart(confusionMatrixChart([0, 0, 0, 1], [0, 0, 1, 1], { normalize: true }));
    const labels = [...c.texts("nplot-text"), ...c.texts("nplot-on-dark")];
    expect(labels).toContain("66.7%");
    expect(labels).toContain("33.3%");
    expect(labels).toContain("100%");
  });

  it("refuses lengths that differ, non-class values and too few names", () => {
    expect(() => confusionMatrixChart([0, 1], [0])).toThrow(
      /confusionMatrixChart: argument 'yPred': expected as many samples as 'yTrue' \(2\), got 1/,
    );
    expect(() => confusionMatrixChart([0, -1], [0, 1])).toThrow(
      /argument 'yTrue': expected class indices/,
    );
    expect(() => confusionMatrixChart([0, 2], [0, 1], { labels: ["a", "b"] })).toThrow(
      /argument 'labels': expected a name for each of the 3 classes/,
    );
    expect(() =>
      confusionMatrixChart(
        [0, 2],
        tensor([
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toThrow(/scores have 2 classes/);
  });
});
