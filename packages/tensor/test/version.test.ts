import { describe, expect, it } from "vitest";
import { tensor, zeros } from "../src/index.js";

describe("Tensor.version counts in-place changes made through the API", () => {
  it("starts at 0 and markModified increments it", () => {
    const t = zeros([2, 3]);
    expect(t.version).toBe(0);
    t.markModified();
    t.markModified();
    expect(t.version).toBe(2);
  });

  it("is shared by views of the same storage (reshape, expandDims, squeeze)", () => {
    const t = tensor([[1, 2, 3]]);
    const r = t.reshape([3]);
    const e = r.expandDims(0);
    const s = t.squeeze();
    r.markModified();
    expect([t.version, r.version, e.version, s.version]).toEqual([1, 1, 1, 1]);
    e.markModified();
    expect(t.version).toBe(2);
  });

  it("is not shared with copies or results of ops", () => {
    const t = tensor([1, 2]);
    const c = t.clone();
    const sum = t.add(1);
    t.markModified();
    expect([c.version, sum.version]).toEqual([0, 0]);
  });
});
