import { Parameter } from "@neurite/autograd";
import { Tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { Adam } from "../src/index.js";
import { adamKernel } from "../src/optimizers/adam-kernel.js";

/** Deterministic values in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Index of the first element that differs (bit for bit, so NaN and -0 count), or -1. */
function firstDifference(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) return Math.min(got.length, want.length);
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) return i;
  return -1;
}

describe("Adam's fused step (the backend's adam kernel)", () => {
  // 300k elements: large enough for the WebAssembly kernel and its threads.
  for (const [n, epsStyle] of [
    [37, "keras"],
    [300_001, "keras"],
    [300_001, "pytorch"],
  ] as const) {
    it(`gives exactly the per-element update of adamKernel (${n} elements, ${epsStyle})`, () => {
      const p = new Parameter(new Tensor(values(n, 1), [n]));
      const opt = new Adam([p], { epsStyle });
      const want = values(n, 1);
      const m = new Float32Array(n);
      const v = new Float32Array(n);
      for (let t = 1; t <= 3; t++) {
        const g = values(n, 10 + t);
        p.grad = new Tensor(g, [n]);
        opt.step();
        adamKernel(want, g, m, v, null, t, 0.001, 0.9, 0.999, 1e-7, 0, 1, epsStyle);
      }
      const state = opt.stateOf(p)!.buffers;
      // Element loops, not toEqual: deep equality over 300k elements takes seconds.
      expect(firstDifference(p.value.data, want)).toBe(-1);
      expect(firstDifference(state.expAvg!, m)).toBe(-1);
      expect(firstDifference(state.expAvgSq!, v)).toBe(-1);
    });
  }
});
