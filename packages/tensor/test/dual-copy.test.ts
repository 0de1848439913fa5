import { describe, expect, it, vi } from "vitest";
import * as first from "../src/index.js";

/**
 * A second, independent copy of the package, as when an app loads the ESM build
 * with `import` and the CJS build with `require`: resetting the module registry
 * makes the next import evaluate every module again, with new classes.
 */
async function secondCopy(): Promise<typeof first> {
  vi.resetModules();
  return import("../src/index.js");
}

describe("two copies of @neurite/tensor in one process", () => {
  it("really are two copies: the classes differ", async () => {
    const second = await secondCopy();
    expect(second.Tensor).not.toBe(first.Tensor);
    expect(second.Rng).not.toBe(first.Rng);
  });

  it("recognise each other's tensors, generators and errors with instanceof", async () => {
    const second = await secondCopy();
    const t = second.tensor([1, 2, 3]);
    expect(t instanceof first.Tensor).toBe(true);
    expect(first.tensor([1]) instanceof second.Tensor).toBe(true);
    expect(new second.Rng(1) instanceof first.Rng).toBe(true);
    const e = new second.ShapeError("op", "x", "bad");
    expect(e instanceof first.ShapeError).toBe(true);
    expect(e instanceof first.NeuriteError).toBe(true);
    expect(e instanceof first.ValueError).toBe(false);
    expect(e instanceof Error).toBe(true);
  });

  it("still tells other objects apart", async () => {
    const second = await secondCopy();
    const lookalike = { data: new Float32Array(1), shape: [1], dtype: "float32", size: 1 };
    expect(lookalike instanceof second.Tensor).toBe(false);
    expect((null as unknown) instanceof second.Tensor).toBe(false);
    expect(new second.Rng(0) instanceof first.Tensor).toBe(false);
    expect(first.hasBrand(first.tensor([1]), "Tensor")).toBe(true);
    expect(first.hasBrand(first.tensor([1]), "Rng")).toBe(false);
    expect(first.hasBrand(42, "Tensor")).toBe(false);
  });

  it("computes with tensors of the other copy", async () => {
    const second = await secondCopy();
    const a = second.tensor([
      [1, 2],
      [3, 4],
    ]);
    const b = first.tensor([[1], [1]]);
    expect(first.matmul(a, b).toArray()).toEqual([[3], [7]]);
    expect(second.randn([2], new first.Rng(7)).toArray()).toEqual(
      first.randn([2], new first.Rng(7)).toArray(),
    );
  });

  it("share one backend registry and one thread setting", async () => {
    const second = await secondCopy();
    const before = first.getNumThreads();
    try {
      second.registerBackend({
        name: "dual-copy-test",
        kernels: { binary: first.kernels().binary },
      });
      expect(first.listBackends()).toContain("dual-copy-test");
      expect(first.kernelOwner("binary")).toBe(second.kernelOwner("binary"));
      first.unregisterBackend("dual-copy-test");
      expect(second.listBackends()).not.toContain("dual-copy-test");
      second.setNumThreads(1);
      expect(first.getNumThreads()).toBe(1);
    } finally {
      first.unregisterBackend("dual-copy-test");
      first.setNumThreads(before);
    }
  });
});

describe("brand", () => {
  it("gives an unbranded subclass the ordinary instanceof", () => {
    class Base {}
    first.brand(Base, "test.Base");
    class Child extends Base {}
    const lookalike = { [first.brandSymbol("test.Base")]: true };
    expect(lookalike instanceof Base).toBe(true);
    expect(new Child() instanceof Base).toBe(true);
    expect(new Base() instanceof Child).toBe(false);
    expect(lookalike instanceof Child).toBe(false);
    expect(new Child() instanceof Child).toBe(true);
  });
});

describe("sharedState", () => {
  it("creates the state once and hands every caller the same object", async () => {
    const second = await secondCopy();
    const key = "@neurite/tensor/test-state@1";
    const create = vi.fn(() => ({ n: 1 }));
    const a = first.sharedState(key, create);
    const b = second.sharedState(key, create);
    expect(b).toBe(a);
    expect(create).toHaveBeenCalledTimes(1);
  });
});
