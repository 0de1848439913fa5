import { Tensor, type TypedArray, tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { grad, gradBufferFor, Parameter, record, type Variable } from "../src/index.js";

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

/**
 * `k · w` as one recorded op whose rule writes `w`'s gradient where
 * gradBufferFor offers, and reports what it was offered in `offers`.
 */
function scaled(w: Variable, k: number, offers: (TypedArray | null)[], inputs = [w]): Variable {
  const out = new Float64Array(w.size);
  for (let i = 0; i < out.length; i++) out[i] = k * w.value.data[i]!;
  return record("scaled", new Tensor(out, w.shape), inputs, (g) =>
    inputs.map((x) => {
      const into = gradBufferFor(x, x.size);
      offers.push(into);
      const d = into ?? new Float64Array(x.size);
      for (let i = 0; i < d.length; i++) d[i] = k * g.data[i]!;
      return new Tensor(d, x.shape);
    }),
  );
}

describe("large float32 gradients in the kernels' memory", () => {
  it("stay there while unread, and .grad hands out a copy that later passes never touch", () => {
    const n = 6000; // from the WebAssembly backend's 4096-element threshold
    const w = new Parameter(
      new Tensor(
        Float32Array.from({ length: n }, (_, i) => i % 7),
        [n],
      ),
    );
    lossOf(w, 3).backward();
    const inside = w.peekGrad()!;
    expect(inside.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    w.zeroGrad();
    lossOf(w, 2).backward();
    expect(w.peekGrad()).toBe(inside);
    const seen = w.grad!;
    expect(seen).not.toBe(inside);
    expect(seen.data.buffer).toBeInstanceOf(ArrayBuffer);
    expect(Array.from(seen.data.subarray(0, 3))).toEqual([2, 2, 2]);
    expect(w.grad).toBe(seen); // one copy, then the same tensor
    w.zeroGrad();
    lossOf(w, 5).backward();
    expect(seen.data[0]).toBe(2);
    expect(w.grad!.data[0]).toBe(5);
  });

  it("reading .grad every step keeps reusing the one buffer in the kernels' memory", () => {
    const n = 6000;
    const w = new Parameter(new Tensor(new Float32Array(n).fill(1), [n]));
    lossOf(w, 1).backward();
    const inside = w.peekGrad()!;
    for (let step = 2; step <= 4; step++) {
      const seen = w.grad!; // a host copy each time
      expect(seen.data.buffer).toBeInstanceOf(ArrayBuffer);
      w.zeroGrad();
      lossOf(w, step).backward();
      expect(w.peekGrad()).toBe(inside);
      expect(inside.data[0]).toBe(step);
      expect(seen.data[0]).toBe(step - 1);
    }
  });

  it("float64 and small gradients stay ordinary arrays", () => {
    const big64 = new Parameter(new Tensor(new Float64Array(6000), [6000]));
    lossOf(big64, 1).backward();
    expect(big64.peekGrad()!.data.buffer).toBeInstanceOf(ArrayBuffer);
    const small = new Parameter(tensor([1, 2, 3]));
    lossOf(small, 1).backward();
    expect(small.peekGrad()!.data.buffer).toBeInstanceOf(ArrayBuffer);
  });
});

describe("gradBufferFor: rules writing straight into .grad", () => {
  it("offers the recycled buffer after zeroGrad, which then becomes .grad without a copy", () => {
    const w = new Parameter(tensor([1, 2, 3], undefined, "float64"));
    const offers: (TypedArray | null)[] = [];
    scaled(w, 2, offers).sum().backward();
    expect(offers).toEqual([null]); // no buffer yet on the first step
    const buf = w.peekGrad()!;
    w.zeroGrad();
    scaled(w, 5, offers).sum().backward();
    expect(offers[1]).toBe(buf.data);
    expect(w.peekGrad()).toBe(buf);
    expect(w.grad!.toArray()).toEqual([5, 5, 5]);
  });

  it("offers nothing outside a backward pass, or while .grad holds a gradient", () => {
    const w = new Parameter(tensor([1, 2, 3], undefined, "float64"));
    expect(gradBufferFor(w, 3)).toBeNull();
    const offers: (TypedArray | null)[] = [];
    scaled(w, 2, offers).sum().backward();
    scaled(w, 3, offers).sum().backward(); // accumulates: nothing to overwrite
    expect(offers).toEqual([null, null]);
    expect(w.grad!.toArray()).toEqual([5, 5, 5]);
  });

  it("offers once per pass: a Variable used twice gets the sum of both gradients", () => {
    const w = new Parameter(tensor([1, 2, 3], undefined, "float64"));
    const offers: (TypedArray | null)[] = [];
    scaled(w, 1, offers).sum().backward();
    const buf = w.peekGrad()!;
    w.zeroGrad();
    offers.length = 0;
    // One op with w as both inputs, then a second op on w: three contributions.
    scaled(w, 2, offers, [w, w])
      .sum()
      .add(scaled(w, 3, offers).sum())
      .backward();
    expect(offers.filter((o) => o !== null)).toEqual([buf.data]);
    expect(w.grad!.toArray()).toEqual([7, 7, 7]);
  });

  it("never offers a gradient the user read, and leaves what they hold as it was", () => {
    const w = new Parameter(tensor([1, 2, 3], undefined, "float64"));
    const offers: (TypedArray | null)[] = [];
    scaled(w, 2, offers).sum().backward();
    const seen = w.grad!;
    w.zeroGrad();
    scaled(w, 9, offers).sum().backward();
    expect(offers).toEqual([null, null]);
    expect(seen.toArray()).toEqual([2, 2, 2]);
    expect(w.grad!.toArray()).toEqual([9, 9, 9]);
  });

  it("offers nothing for a leaf the pass does not accumulate into, or for a non-leaf", () => {
    const w = new Parameter(tensor([1, 2, 3], undefined, "float64"));
    const offers: (TypedArray | null)[] = [];
    scaled(w, 1, offers).sum().backward();
    w.zeroGrad();
    offers.length = 0;
    const h = w.mul(1);
    h.retainGrad();
    scaled(h, 2, offers).sum().backward();
    expect(offers).toEqual([null]);
    expect(h.grad!.toArray()).toEqual([2, 2, 2]);
    // grad() accumulates only into its own inputs, never into w's .grad.
    w.zeroGrad();
    offers.length = 0;
    const [dx] = grad((x) => scaled(w, 4, offers).sum().add(x.sum()))(
      tensor([1, 2, 3], undefined, "float64"),
    );
    expect(dx!.toArray()).toEqual([1, 1, 1]);
    expect(offers).toEqual([null]);
    expect(w.peekGrad()).toBeNull();
  });

  it("recovers after a rule throws: the next pass offers the buffer and is exact", () => {
    const w = new Parameter(tensor([1, 2, 3], undefined, "float64"));
    const offers: (TypedArray | null)[] = [];
    scaled(w, 1, offers).sum().backward();
    const buf = w.peekGrad()!;
    w.zeroGrad();
    const boom = record("boom", new Tensor(new Float64Array(3), [3]), [w], () => {
      throw new Error("rule failed");
    });
    expect(() =>
      scaled(boom, 1, offers)
        .sum()
        .add(scaled(w, 2, offers).sum())
        .backward(),
    ).toThrow("rule failed");
    expect(w.peekGrad()).toBeNull();
    offers.length = 0;
    scaled(w, 3, offers).sum().backward();
    expect(offers).toEqual([buf.data]);
    expect(w.grad!.toArray()).toEqual([3, 3, 3]);
  });
});
