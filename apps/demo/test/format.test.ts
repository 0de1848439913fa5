import { describe, expect, it } from "vitest";
import { duration, matrix, median, num, percent, table } from "../src/format.js";

describe("formatting", () => {
  it("formats numbers, percentages and durations", () => {
    expect(num(0.123456)).toBe("0.1235");
    expect(num(-0.00001, 2)).toBe("0.00");
    expect(num(Number.NaN)).toBe("NaN");
    expect(num(Number.NEGATIVE_INFINITY)).toBe("-∞");
    expect(percent(0.9111111)).toBe("91.1%");
    expect(duration(57.4)).toBe("57 ms");
    expect(duration(1234)).toBe("1.23 s");
  });

  it("aligns matrices and tables", () => {
    expect(matrix([1, -2], 1)).toBe("[ 1.0, -2.0]");
    expect(
      matrix(
        [
          [1, 2],
          [3, -4],
        ],
        0,
        "  ",
      ),
    ).toBe("  [[ 1,  2],\n   [ 3, -4]]");
    expect(
      table(
        ["a", "bb"],
        [
          ["x", "1"],
          ["yy", "22"],
        ],
      ),
    ).toBe("a   bb\n--  --\nx    1\nyy  22");
  });

  it("takes medians", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
