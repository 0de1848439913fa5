// The reference dropout kernel: the mask follows the generator's draws, in order.
import { describe, expect, it } from "vitest";
import { cpuBackend, Rng } from "../../src/index.js";

describe("dropout (reference)", () => {
  it("drops element i when the i-th uniform draw is below rate and scales the rest by 1/(1 − rate)", () => {
    const n = 64;
    const x = Float32Array.from({ length: n }, (_, i) => i - 20);
    const out = new Float32Array(n);
    const mask = new Float32Array(n);
    cpuBackend.kernels.dropout(x, out, mask, 0.25, new Rng(11));
    const draws = new Rng(11);
    let dropped = 0;
    for (let i = 0; i < n; i++) {
      const keep = !(draws.uniform() < 0.25);
      if (!keep) dropped++;
      expect(mask[i]).toBe(keep ? Math.fround(4 / 3) : 0);
      // the product uses the unrounded scale, as the layer always has
      expect(out[i]).toBe(Math.fround(x[i]! * (keep ? 1 / 0.75 : 0)));
    }
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(n);
  });

  it("keeps everything at rate 0 and consumes one draw per element", () => {
    const rng = new Rng(5);
    const x = Float64Array.of(1, Number.NaN, -3);
    const out = new Float64Array(3);
    const mask = new Float64Array(3);
    cpuBackend.kernels.dropout(x, out, mask, 0, rng);
    expect(Array.from(mask)).toEqual([1, 1, 1]);
    expect(Array.from(out)).toEqual([1, Number.NaN, -3]);
    const fresh = new Rng(5);
    for (let i = 0; i < 3; i++) fresh.uniform();
    expect(rng.uniform()).toBe(fresh.uniform());
  });
});
