import { describe, expect, it } from "vitest";
import { allocate, SLAB_MAX_BYTES } from "../src/dtype.js";
import { allocateStorage, ones, setScratchStorage, Tensor, tensor, zeros } from "../src/index.js";

/** Runs `fn` with scratch storage on, restoring the previous setting. */
function inScratch<T>(fn: () => T): T {
  const was = setScratchStorage(true);
  try {
    return fn();
  } finally {
    setScratchStorage(was);
  }
}

describe("storage allocation", () => {
  it("hands out zero-filled, aligned, non-overlapping small arrays from scratch slabs", () => {
    const arrays = [];
    for (let i = 0; i < 400; i++) {
      const dtype = (["float32", "float64", "int32"] as const)[i % 3]!;
      const a = inScratch(() => allocate(dtype, 17 + (i % 200)));
      expect(a.every((x) => x === 0)).toBe(true);
      expect(a.byteOffset % a.BYTES_PER_ELEMENT).toBe(0);
      a.fill(i + 1);
      arrays.push(a);
    }
    // Writing each one touched no other.
    for (const [i, a] of arrays.entries()) expect(a.every((x) => x === i + 1)).toBe(true);
    // They did share slabs: far fewer buffers than arrays.
    expect(new Set(arrays.map((a) => a.buffer)).size).toBeLessThan(arrays.length / 4);
  });

  it("keeps op results on buffers of their own outside scratch storage", () => {
    // The 76 MB case at small scale: keeping every 400th 80-byte result must
    // keep 80 bytes each, not the 32 KiB slab it was carved from.
    const a = tensor(Array.from({ length: 20 }, (_, i) => i));
    const kept: Tensor[] = [];
    for (let step = 0; step < 4000; step++) {
      const r = a.add(step).mul(2);
      if (step % 400 === 0) kept.push(r);
    }
    expect(kept).toHaveLength(10);
    for (const [k, r] of kept.entries()) {
      expect(r.data.buffer.byteLength).toBe(80);
      expect(r.data[1]).toBe((1 + 400 * k) * 2);
    }
    expect(allocate("float32", 100).buffer.byteLength).toBe(400);
  });

  it("setScratchStorage returns the previous setting", () => {
    expect(setScratchStorage(true)).toBe(false);
    expect(setScratchStorage(true)).toBe(true);
    expect(allocate("float32", 100).buffer.byteLength).toBeGreaterThan(400);
    expect(setScratchStorage(false)).toBe(true);
    expect(allocate("float32", 100).buffer.byteLength).toBe(400);
  });

  it("gives tiny and large arrays a buffer of their own", () => {
    const [tiny, large] = inScratch(() => [
      allocate("float32", 4),
      allocate("float32", SLAB_MAX_BYTES / 4 + 1),
    ]);
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
