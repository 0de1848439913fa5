import { tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { Parameter } from "../src/index.js";

function lossOf(w: Parameter, k: number) {
  return w.mul(k).sum();
}

describe("gradient buffers", () => {
  it("reuses an unread gradient buffer after grad = null (no allocation per step)", () => {
    const w = new Parameter(tensor([1, 2, 3]));
    lossOf(w, 2).backward();
    const first = w.peekGrad();
    expect(Array.from(first!.data)).toEqual([2, 2, 2]);
    w.grad = null;
    lossOf(w, 5).backward();
    expect(w.peekGrad()).toBe(first);
    expect(Array.from(first!.data)).toEqual([5, 5, 5]);
    w.zeroGrad();
    lossOf(w, 7).backward();
    expect(w.peekGrad()).toBe(first);
    expect(w.grad!.toArray()).toEqual([7, 7, 7]);
  });

  it("never writes into a gradient that was read through .grad", () => {
    const w = new Parameter(tensor([1, 2, 3]));
    lossOf(w, 2).backward();
    const seen = w.grad!;
    // Accumulating creates a new tensor: the one read stays as it was.
    lossOf(w, 3).backward();
    expect(seen.toArray()).toEqual([2, 2, 2]);
    expect(w.grad!.toArray()).toEqual([5, 5, 5]);
    expect(w.grad).not.toBe(seen);
    // Cleared after being read: the next backward allocates a fresh tensor.
    const read = w.grad!;
    w.grad = null;
    lossOf(w, 4).backward();
    expect(w.grad).not.toBe(read);
    expect(read.toArray()).toEqual([5, 5, 5]);
    expect(seen.toArray()).toEqual([2, 2, 2]);
  });

  it("never writes into a gradient assigned by hand", () => {
    const w = new Parameter(tensor([1, 2, 3]));
    const mine = tensor([1, 1, 1]);
    w.grad = mine;
    lossOf(w, 2).backward();
    expect(mine.toArray()).toEqual([1, 1, 1]);
    expect(w.grad!.toArray()).toEqual([3, 3, 3]);
    w.grad = null;
    lossOf(w, 2).backward();
    expect(w.peekGrad()).not.toBe(mine);
    expect(mine.toArray()).toEqual([1, 1, 1]);
  });

  it("accumulates in place into its own unread buffer, with the same values as before", () => {
    const w = new Parameter(tensor([1, 2, 3]));
    lossOf(w, 2).backward();
    const buf = w.peekGrad();
    lossOf(w, 0.5).backward();
    expect(w.peekGrad()).toBe(buf);
    expect(w.grad!.toArray()).toEqual([2.5, 2.5, 2.5]);
  });

  it("does not reuse a buffer of another shape after the value was replaced", () => {
    const w = new Parameter(tensor([1, 2, 3]));
    lossOf(w, 2).backward();
    const buf = w.peekGrad();
    w.grad = null;
    w.value = tensor([1, 2]);
    lossOf(w, 2).backward();
    expect(w.peekGrad()).not.toBe(buf);
    expect(w.grad!.toArray()).toEqual([2, 2]);
  });
});
