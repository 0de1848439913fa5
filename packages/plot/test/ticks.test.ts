import { describe, expect, it } from "vitest";
import { resolveAxis } from "../src/svg/axis.js";
import { formatTick } from "../src/svg/format.js";
import { logTicks, niceDomain, niceStep, ticksOf } from "../src/svg/ticks.js";

describe("nice ticks", () => {
  it("steps are 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(37, 5)).toBe(5);
    expect(niceStep(0.013, 5)).toBeCloseTo(0.002, 12);
    expect(niceStep(800, 5)).toBe(200);
  });

  it("widens a range to whole steps and lists clean values", () => {
    expect(niceDomain(0.13, 0.92, 5)).toEqual([0, 1, 0.2]);
    expect(niceDomain(7.2, 48.5, 5)).toEqual([0, 50, 10]);
    expect(ticksOf(0, 1, 0.2)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticksOf(0.1, 0.35, 0.1)).toEqual([0.1, 0.2, 0.3]);
  });

  it("log ticks are the powers of ten, or 1-2-5 within one decade", () => {
    expect(logTicks(0.002, 30)).toEqual([0.01, 0.1, 1, 10]);
    expect(logTicks(3, 60)).toEqual([5, 10, 20, 50]);
  });

  it("formats with the decimals the step needs", () => {
    expect(formatTick(0.4, 0.2)).toBe("0.4");
    expect(formatTick(15, 5)).toBe("15");
    expect(formatTick(0.25, 0.05)).toBe("0.25");
    expect(formatTick(-2, 1)).toBe("−2");
    expect(formatTick(0.00002, 0.00001)).toBe("2e-5");
  });

  it("an integer axis (epochs) starts at its first value and keeps whole ticks", () => {
    const a = resolveAxis({ integer: true }, [1, 30]);
    expect(a.domain).toEqual([1, 30]);
    expect(a.ticks.map((t) => t.label)).toEqual(["1", "5", "10", "15", "20", "25", "30"]);
    const b = resolveAxis({ integer: true }, [1, 3]);
    expect(b.ticks.map((t) => t.value)).toEqual([1, 2, 3]);
  });
});
