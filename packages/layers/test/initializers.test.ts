import { Rng, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { computeFans, getInitializer, initializers } from "../src/index.js";

function stats(data: ArrayLike<number>): { mean: number; std: number; min: number; max: number } {
  let s = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < data.length; i++) {
    s += data[i]!;
    min = Math.min(min, data[i]!);
    max = Math.max(max, data[i]!);
  }
  const mean = s / data.length;
  let v = 0;
  for (let i = 0; i < data.length; i++) v += (data[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(v / data.length), min, max };
}

describe("initializers", () => {
  it("compute fans as Keras does", () => {
    expect(computeFans([13, 20])).toEqual({ fanIn: 13, fanOut: 20 });
    expect(computeFans([7])).toEqual({ fanIn: 7, fanOut: 7 });
    expect(computeFans([3, 3, 4, 8])).toEqual({ fanIn: 36, fanOut: 72 });
  });

  it("glorotUniform stays within ±√(6/(in+out)) with variance limit²/3", () => {
    const t = initializers.glorotUniform().init([200, 300], 1);
    const limit = Math.sqrt(6 / 500);
    const s = stats(t.data);
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.max).toBeLessThan(limit);
    expect(Math.abs(s.mean)).toBeLessThan(0.002);
    expect(s.std / (limit / Math.sqrt(3))).toBeCloseTo(1, 1);
  });

  it("truncated normals keep the intended std and stay within 2σ'", () => {
    const cases = [
      ["glorotNormal", Math.sqrt(2 / 500)],
      ["heNormal", Math.sqrt(2 / 200)],
      ["lecunNormal", Math.sqrt(1 / 200)],
    ] as const;
    for (const [name, std] of cases) {
      const t = getInitializer(name).init([200, 300], 3);
      const s = stats(t.data);
      expect(s.std / std, name).toBeGreaterThan(0.97);
      expect(s.std / std, name).toBeLessThan(1.03);
      const bound = (2 * std) / 0.8796256610342398;
      expect(s.max, name).toBeLessThanOrEqual(bound * (1 + 1e-6));
      expect(s.min, name).toBeGreaterThanOrEqual(-bound * (1 + 1e-6));
    }
  });

  it("heUniform and lecunUniform use fanIn", () => {
    const he = stats(initializers.heUniform().init([50, 40], 2).data);
    expect(he.max).toBeLessThan(Math.sqrt(6 / 50));
    const lc = stats(initializers.lecunUniform().init([50, 40], 2).data);
    expect(lc.max).toBeLessThan(Math.sqrt(3 / 50));
  });

  it("are seedable: same seed same values, different seeds differ", () => {
    const a = initializers.heNormal().init([4, 5], new Rng(9));
    const b = initializers.heNormal().init([4, 5], new Rng(9));
    const c = initializers.heNormal().init([4, 5], new Rng(10));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
    expect(Array.from(initializers.glorotUniform().init([3], 5).data)).toEqual(
      Array.from(initializers.glorotUniform().init([3], 5).data),
    );
  });

  it("deterministic ones fill, in float32 or float64", () => {
    expect(Array.from(initializers.zeros().init([3], 0).data)).toEqual([0, 0, 0]);
    expect(Array.from(initializers.ones().init([2], 0).data)).toEqual([1, 1]);
    const c = initializers.constant(3).init([2, 2], 0, "float64");
    expect(c.dtype).toBe("float64");
    expect(Array.from(c.data)).toEqual([3, 3, 3, 3]);
    const rn = stats(initializers.randomNormal(1, 0.5).init([20000], 4).data);
    expect(rn.mean).toBeCloseTo(1, 1);
    expect(rn.std).toBeCloseTo(0.5, 1);
    const ru = stats(initializers.randomUniform(-1, 2).init([1000], 4).data);
    expect(ru.min).toBeGreaterThanOrEqual(-1);
    expect(ru.max).toBeLessThan(2);
  });

  it("resolve names in either case style and round-trip their config", () => {
    expect(getInitializer("glorot_uniform").name).toBe("glorotUniform");
    expect(getInitializer("he_normal").name).toBe("heNormal");
    expect(getInitializer("xavier_uniform").name).toBe("glorotUniform");
    const c = getInitializer("constant", { value: 2 });
    expect(c.config).toEqual({ value: 2 });
    expect(getInitializer(c.name, c.config).init([1], 0).data[0]).toBe(2);
    expect(() => getInitializer("gaussian")).toThrow(/unknown initializer 'gaussian'/);
    expect(() => initializers.randomUniform(1, 1)).toThrow(ValueError);
    expect(() => initializers.constant(Number.NaN)).toThrow(ValueError);
    expect(() => initializers.zeros().init([2, -1], 0)).toThrow(ValueError);
    expect(() => initializers.zeros().init([2], 0, "int32")).toThrow(/float32/);
  });
});
