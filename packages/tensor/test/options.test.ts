import { describe, expect, it } from "vitest";
import {
  checkOptions,
  closestName,
  cpuBackend,
  editDistance,
  matmul,
  registerBackend,
  ValueError,
  zeros,
} from "../src/index.js";

describe("checkOptions: the one check of every options object in Neurite", () => {
  it("passes known keys and undefined", () => {
    expect(() => checkOptions("f", { a: 1, b: undefined }, ["a", "b"])).not.toThrow();
    expect(() => checkOptions("f", undefined, ["a"])).not.toThrow();
  });

  it("refuses an unknown key, suggesting the close known one and listing all", () => {
    expect(() => checkOptions("Dense", { activaton: "relu" }, ["units", "activation"])).toThrow(
      "Dense: argument 'options': unknown option 'activaton' (did you mean 'activation'?); known options: units, activation",
    );
  });

  it("suggests nothing when no known key is close", () => {
    let message = "";
    try {
      checkOptions("f", { banana: 1 }, ["seed", "rate"]);
    } catch (e) {
      expect(e).toBeInstanceOf(ValueError);
      message = (e as Error).message;
    }
    expect(message).toBe(
      "f: argument 'options': unknown option 'banana'; known options: seed, rate",
    );
  });

  it("refuses what is not a plain object", () => {
    for (const bad of [null, 3, "fast", [1]])
      expect(() => checkOptions("f", bad, ["a"]), String(bad)).toThrow(
        /expected an options object/,
      );
    expect(() => checkOptions("f", "fast", ["a"])).toThrow(/got the string "fast"/);
  });

  it("closestName and editDistance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("alpah", "alpha")).toBe(1); // a swap of neighbours is one edit
    expect(editDistance("ca", "abc")).toBe(3);
    expect(closestName("momentun", ["momentum", "epsilon"])).toBe("momentum");
    expect(closestName("transposeb", ["transposeA", "transposeB"])).toBe("transposeB");
    expect(closestName("sed", ["seed", "rate"])).toBe("seed");
    expect(closestName("xyz", ["seed", "rate"])).toBeUndefined();
  });
});

describe("tensor functions check their options", () => {
  it("matmul refuses a misspelled transpose flag (it once multiplied untransposed)", () => {
    expect(() => matmul(zeros([2, 3]), zeros([2, 3]), { transposeb: true } as never)).toThrow(
      /matmul: argument 'options': unknown option 'transposeb' \(did you mean 'transposeB'\?\)/,
    );
  });

  it("matmul refuses a transpose flag that is not a boolean", () => {
    expect(() => matmul(zeros([3, 2]), zeros([3, 2]), { transposeA: "yes" } as never)).toThrow(
      /matmul: argument 'transposeA': expected true or false, got the string "yes"/,
    );
  });

  it("registerBackend refuses a misspelled priority", () => {
    expect(() =>
      registerBackend({ name: "x", kernels: { unary: cpuBackend.kernels.unary } }, {
        priorty: 2,
      } as never),
    ).toThrow(/unknown option 'priorty' \(did you mean 'priority'\?\)/);
  });
});
