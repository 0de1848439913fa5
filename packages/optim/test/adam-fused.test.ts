import { Parameter } from "@neurite/autograd";
import { cpuBackend, Tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { Adam } from "../src/index.js";
import { firstDifference, seededValues } from "./helpers.js";

const values = (n: number, seed: number) => seededValues(n, seed) as Float32Array;

describe("Adam's step through the active backend (WebAssembly for large float32)", () => {
  // 300k elements: large enough for the WebAssembly kernel and its threads.
  for (const [n, epsStyle] of [
    [37, "keras"],
    [300_001, "keras"],
    [300_001, "pytorch"],
  ] as const) {
    it(`gives exactly the reference kernel's update (${n} elements, ${epsStyle})`, () => {
      const p = new Parameter(new Tensor(values(n, 1), [n]));
      const opt = new Adam([p], { epsStyle });
      const want = values(n, 1);
      const m = new Float32Array(n);
      const v = new Float32Array(n);
      for (let t = 1; t <= 3; t++) {
        const g = values(n, 10 + t);
        p.grad = new Tensor(g, [n]);
        opt.step();
        // The bias corrections by hand: Keras a = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ), c = 1; PyTorch a = lr/(1 − β₁ᵗ), c = 1/√(1 − β₂ᵗ).
        const bc1 = 1 - 0.9 ** t;
        const bc2 = 1 - 0.999 ** t;
        const a = epsStyle === "keras" ? (0.001 * Math.sqrt(bc2)) / bc1 : 0.001 / bc1;
        const c = epsStyle === "keras" ? 1 : 1 / Math.sqrt(bc2);
        cpuBackend.kernels.adam(want, g, m, v, null, a, c, 0.9, 0.999, 1e-7, 0, 1);
      }
      const state = opt.stateOf(p)!.buffers;
      // Element loops, not toEqual: deep equality over 300k elements takes seconds.
      expect(firstDifference(p.value.data, want)).toBe(-1);
      expect(firstDifference(state.expAvg!, m)).toBe(-1);
      expect(firstDifference(state.expAvgSq!, v)).toBe(-1);
    });
  }
});
