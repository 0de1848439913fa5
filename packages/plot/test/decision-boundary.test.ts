import { Dense, Perceptron, Sequential } from "@neurite/layers";
import { type Tensor, tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { decisionBoundaryChart } from "../src/index.js";
import { markerCount, parseChart } from "./svg.js";

const x = [
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1],
];

/** Class 1 right of x₁ = 0.2, as scores [n, 2]. */
const rightOf = (t: Tensor) => {
  const n = t.shape[0]!;
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) out[i * 2 + (t.data[i * 2]! > 0.2 ? 1 : 0)] = 1;
  return tensor(out, [n, 2]);
};

describe("decisionBoundaryChart", () => {
  it("shades each grid row in runs of one class and draws the points by true class", () => {
    const c = parseChart(decisionBoundaryChart(rightOf, x, [0, 0, 1, 1], { resolution: 20 }));
    const rects = c.byClass("nplot-rect");
    expect(rects).toHaveLength(40); // 20 rows, each one run of class 0 then one of class 1
    expect(rects.map((r) => r.getAttribute("data-value")).slice(0, 2)).toEqual(["0", "1"]);
    expect(markerCount(c.series("class 0", "nplot-points")[0]!)).toBe(2);
    expect(markerCount(c.series("class 1", "nplot-points")[0]!)).toBe(2);
    expect(c.legend()).toEqual(["class 0", "class 1"]);
    // 10% padding around [−1, 1]
    expect(c.domain("x")).toEqual([-1.2, 1.2]);
  });

  it("runs a Module through predict and thresholds one output at 0 when it is not a probability", () => {
    // Dense(1) with unit weights and no bias: class 1 where x₁ + x₂ > 0.
    const model = new Sequential([new Dense(1, { kernelInitializer: "ones", useBias: false })]);
    const c = parseChart(
      decisionBoundaryChart(model, tensor(x), [0, 0, 0, 1], {
        resolution: 10,
        classNames: ["off", "on"],
      }),
    );
    const rows = c.byClass("nplot-rect");
    // Row j's boundary moves one cell per row along the anti-diagonal: 10 rows of two runs.
    expect(rows.length).toBeGreaterThanOrEqual(18);
    expect(c.legend()).toEqual(["off", "on"]);
  });

  it("draws a trained Perceptron (anything with predict)", () => {
    const p = new Perceptron({ seed: 0 });
    p.fit(tensor(x), tensor([0, 0, 0, 1]), { epochs: 20 });
    const c = parseChart(decisionBoundaryChart(p, x, [0, 0, 0, 1], { resolution: 8 }));
    const classes = new Set(c.byClass("nplot-rect").map((r) => r.getAttribute("data-value")));
    expect(classes).toEqual(new Set(["0", "1"]));
  });

  it("refuses points that are not pairs, labels of another length, non-class labels and bad outputs", () => {
    expect(() => decisionBoundaryChart(rightOf, [[1, 2, 3]], [0])).toThrow(
      /decisionBoundaryChart: argument 'x': expected \[x1, x2\] pairs/,
    );
    expect(() => decisionBoundaryChart(rightOf, tensor([[1, 2, 3]]), [0])).toThrow(/shape \[n,2\]/);
    expect(() => decisionBoundaryChart(rightOf, x, [0, 1])).toThrow(
      /argument 'labels': expected as many values as 'x' \(4\), got 2/,
    );
    expect(() => decisionBoundaryChart(rightOf, x, [0, 1, 0.5, 1])).toThrow(/class indices/);
    expect(() => decisionBoundaryChart(() => [1, 2], x, [0, 0, 1, 1])).toThrow(
      /expected 10000 outputs/,
    );
    expect(() => decisionBoundaryChart(rightOf, x, [0, 0, 1, 1], { resolution: 1 })).toThrow(
      /argument 'resolution'/,
    );
    expect(() => decisionBoundaryChart(rightOf, x, [0, 0, 1, 1], { classNames: ["a"] })).toThrow(
      /a name for each of the 2 classes/,
    );
  });
});
