import { activations } from "@neurite/layers";
import { describe, expect, it } from "vitest";
import { activationChart } from "../src/index.js";
import { parseChart, pathPoints } from "./svg.js";

describe("activationChart", () => {
  it("one panel per function, each with f and f′, titled by the canonical name", () => {
    const c = parseChart(activationChart(["sigmoid", "tanh", "relu", "leaky_relu", "step"]));
    expect(c.byClass("nplot-panel").map((p) => p.getAttribute("data-title"))).toEqual([
      "sigmoid",
      "tanh",
      "relu",
      "leakyRelu",
      "step",
    ]);
    expect(c.series("f(x)", "nplot-line")).toHaveLength(5);
    expect(c.series("f′(x)", "nplot-line")).toHaveLength(5);
    expect(c.legend()).toEqual(["f(x)", "f′(x)"]);
    expect(c.domain("x", 0)).toEqual([-5, 5]);
  });

  it("breaks the curve where a function jumps, not where it is steep", () => {
    const c = parseChart(activationChart(["step", "relu", "tanh"]));
    const gaps = (name: string, i: number) =>
      pathPoints(c.series(name, "nplot-line")[i]!).filter((p) => p === null).length;
    expect(gaps("f(x)", 0)).toBe(1); // step jumps at 0
    expect(gaps("f′(x)", 0)).toBe(0); // its derivative is 0 throughout
    expect(gaps("f(x)", 1)).toBe(0); // relu is continuous
    expect(gaps("f′(x)", 1)).toBe(1); // relu′ jumps from 0 to 1
    expect(gaps("f(x)", 2)).toBe(0); // tanh is steep at 0 but continuous
  });

  it("computes with layers' activations, options included", () => {
    // leakyRelu on [−5, 5]: f(−5) = −5α, so the lower end of the range follows α.
    const keras = parseChart(activationChart("leakyRelu", { derivatives: false }));
    const half = parseChart(
      activationChart(activations.get("leakyRelu", { alpha: 0.5 }), { derivatives: false }),
    );
    expect(keras.domain("y")[0]).toBe(-2); // −1.5 widened to the tick below
    expect(half.domain("y")[0]).toBe(-4); // −2.5, on ticks two apart
    expect(keras.series("f′(x)", "nplot-line")).toHaveLength(0);
    // sigmoid on [−5, 5] stays in (0, 1): ticks 0 … 1
    const sig = parseChart(activationChart("sigmoid"));
    expect(sig.domain("y")).toEqual([0, 1]);
  });

  it("refuses unknown names, no names, bad ranges and sample counts", () => {
    expect(() => activationChart("relu6")).toThrow(
      /activationChart: argument 'names\[0\]': unknown activation 'relu6' \(known: step, sign/,
    );
    expect(() => activationChart([])).toThrow(/at least one activation/);
    expect(() => activationChart("relu", { range: [1, -1] })).toThrow(/argument 'range'/);
    expect(() => activationChart("relu", { samples: 1 })).toThrow(/argument 'samples'/);
  });
});
