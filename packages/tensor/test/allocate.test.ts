import { describe, expect, it } from "vitest";
import { allocate, SLAB_MAX_BYTES } from "../src/dtype.js";
import { allocateStorage, ones, Tensor, tensor, zeros } from "../src/index.js";

describe("storage allocation", () => {
  it("hands out zero-filled, aligned, non-overlapping small arrays", () => {
    const arrays = [];
    for (let i = 0; i < 400; i++) {
      const dtype = (["float32", "float64", "int32"] as const)[i % 3]!;
      const a = allocate(dtype, 17 + (i % 200));
      expect(a.every((x) => x === 0)).toBe(true);
      expect(a.byteOffset % a.BYTES_PER_ELEMENT).toBe(0);
      a.fill(i + 1);
      arrays.push(a);
    }
    // Writing each one touched no other.
    for (const [i, a] of arrays.entries()) expect(a.every((x) => x === i + 1)).toBe(true);
  });

  it("gives tiny and large arrays a buffer of their own", () => {
    const tiny = allocate("float32", 4);
    const large = allocate("float32", SLAB_MAX_BYTES / 4 + 1);
    expect(tiny.byteOffset).toBe(0);
    expect(tiny.buffer.byteLength).toBe(16);
    expect(large.buffer.byteLength).toBe(large.byteLength);
  });

  it("keeps the user-facing factories on exclusive buffers", () => {
    for (const t of [
      zeros([5, 20]),
      ones([5, 20]),
      tensor([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]]),
    ]) {
      expect(t.data.byteOffset).toBe(0);
      expect(t.data.buffer.byteLength).toBe(t.data.byteLength);
    }
  });

  it("allocateStorage is the ops' allocator", () => {
    const a = allocateStorage("float32", 100);
    expect(a).toBeInstanceOf(Float32Array);
    expect(a.length).toBe(100);
    expect(a.every((x) => x === 0)).toBe(true);
  });

  it("gives tensors frozen shapes, shared between tensors of one small shape", () => {
    const dims = [5, 20];
    const a = new Tensor(new Float32Array(100), dims);
    const b = new Tensor(new Float32Array(100), [5, 20]);
    expect(Object.isFrozen(a.shape)).toBe(true);
    expect(a.shape).not.toBe(dims);
    expect(a.shape).toBe(b.shape);
    dims[0] = 4;
    expect(a.shape).toEqual([5, 20]);
    expect(new Tensor(new Float32Array(20), [20]).shape).toEqual([20]);
    expect(new Tensor(new Float32Array(1), []).shape).toEqual([]);
    expect(Object.isFrozen(new Tensor(new Float32Array(8), [2, 2, 2]).shape)).toBe(true);
  });
});
