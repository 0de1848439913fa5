import { allocateStorage, setScratchStorage, type Tensor, tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { record, Variable } from "../src/index.js";

/** Whether `t`'s storage is a buffer of its own (keeping it keeps only its bytes). */
function ownsBuffer(t: Tensor): boolean {
  return t.data.byteOffset === 0 && t.data.buffer.byteLength === t.data.byteLength;
}

describe("memory kept by what a user keeps", () => {
  it("keeps every 400th step's loss, output and gradients at their own size", () => {
    // The 76 MB case at small scale: 80-byte results kept every 400th step
    // must not each pin a 32 KiB slab of intermediate gradients.
    const w = new Variable(tensor(Array.from({ length: 20 }, (_, i) => (i - 10) / 10)), {
      requiresGrad: true,
    });
    const kept: Tensor[] = [];
    for (let step = 0; step < 2000; step++) {
      const x = new Variable(tensor(Array.from({ length: 20 }, (_, i) => i + step)));
      const h = w.mul(x).retainGrad();
      const out = h.relu().mul(h);
      const loss = out.sum();
      w.zeroGrad();
      loss.backward();
      if (step % 400 === 0) kept.push(h.value, h.grad!, w.grad!, out.value);
    }
    expect(kept).toHaveLength(20);
    for (const t of kept) expect(ownsBuffer(t)).toBe(true);
    // The gradients are right: d/dh (relu(h)·h) = 2h for h > 0, else 0.
    const h = kept[0]!;
    const hGrad = kept[1]!;
    for (let i = 0; i < 20; i++) expect(hGrad.data[i]).toBe(h.data[i]! > 0 ? 2 * h.data[i]! : 0);
  });

  it("lets gradient rules allocate from scratch slabs, and turns it off again", () => {
    let inRule: Float32Array | null = null;
    const x = new Variable(tensor(Array.from({ length: 30 }, (_, i) => i)), { requiresGrad: true });
    const y = record("probe", x.value.mul(1), [x], (g) => {
      inRule = allocateStorage("float32", 30) as Float32Array;
      return [g.mul(1)];
    });
    y.sum().backward();
    expect(inRule!.buffer.byteLength).toBeGreaterThan(inRule!.byteLength);
    expect(ownsBuffer(x.grad!)).toBe(true);
    expect(setScratchStorage(false)).toBe(false);
  });

  it("gives .grad a buffer of its own when backward runs inside a gradient rule", () => {
    const inner = new Variable(tensor(Array.from({ length: 30 }, (_, i) => i)), {
      requiresGrad: true,
    });
    const x = new Variable(tensor([1, 2]), { requiresGrad: true });
    const y = record("nested", x.value.mul(1), [x], (g) => {
      inner.mul(3).sum().backward();
      return [g];
    });
    y.sum().backward();
    expect(ownsBuffer(inner.grad!)).toBe(true);
    expect(Array.from(inner.grad!.data)).toEqual(new Array(30).fill(3));
    expect(Array.from(x.grad!.data)).toEqual([1, 1]);
  });

  it("turns scratch storage off when a gradient rule throws", () => {
    const x = new Variable(tensor([1, 2, 3]), { requiresGrad: true });
    const y = record("broken", x.value.mul(2), [x], () => {
      throw new Error("rule failed");
    });
    expect(() => y.sum().backward()).toThrow("rule failed");
    expect(setScratchStorage(false)).toBe(false);
    // The gradient summed before the failure is not kept on the Variable.
    expect(y.pendingGrad).toBeNull();
  });
});
