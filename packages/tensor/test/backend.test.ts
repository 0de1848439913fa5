import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type Backend,
  cpuBackend,
  type Kernels,
  kernelOwner,
  kernels,
  listBackends,
  matmul,
  registerBackend,
  sum,
  tensor,
  unregisterBackend,
} from "../src/index.js";
import { cpuOnly } from "./helpers.js";

const KERNELS: (keyof Kernels)[] = ["unary", "binary", "reduce", "argReduce", "matmul"];
const registered: string[] = [];

function register(backend: Backend, priority?: number): void {
  registerBackend(backend, priority === undefined ? {} : { priority });
  registered.push(backend.name);
}

afterEach(() => {
  for (const name of registered.splice(0)) unregisterBackend(name);
});

/** A backend with only a binary kernel that counts calls and then runs cpu's. */
function countingBinary(name: string) {
  const calls: string[] = [];
  const backend: Backend = {
    name,
    kernels: {
      binary: (op, a, as, b, bs, out, shape) => {
        calls.push(op);
        cpuBackend.kernels.binary(op, a, as, b, bs, out, shape);
      },
    },
  };
  return { backend, calls };
}

// These tests check the TypeScript reference kernels, whatever else is registered.
let restoreBackends: () => void = () => {};
beforeAll(() => {
  restoreBackends = cpuOnly();
});
afterAll(() => restoreBackends());

describe("backend registry", () => {
  it("with no other backend registered, cpu serves every kernel", () => {
    expect(listBackends()).toEqual(["cpu"]);
    for (const k of KERNELS) expect(kernelOwner(k)).toBe("cpu");
    expect(kernels().matmul).toBe(cpuBackend.kernels.matmul);
    expect(Object.isFrozen(cpuBackend)).toBe(true);
    expect(Object.isFrozen(cpuBackend.kernels)).toBe(true);
  });

  it("a backend with one kernel serves that kernel; the rest fall back to cpu", () => {
    const { backend, calls } = countingBinary("fake");
    register(backend);
    expect(kernelOwner("binary")).toBe("fake");
    for (const k of KERNELS.filter((k) => k !== "binary")) expect(kernelOwner(k)).toBe("cpu");
    expect(listBackends()).toEqual(["fake", "cpu"]);

    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(x.add(1).toArray()).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect(x.gt(2).toArray()).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(calls).toEqual(["add", "gt"]);
    // kernels the fake lacks still work, through cpu
    expect(matmul(x, x).toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
    expect(sum(x).item()).toBe(10);
    expect(x.exp().data[0]).toBeCloseTo(Math.E, 5);
    expect(calls).toEqual(["add", "gt"]);
  });

  it("the registered kernel's output is what the op returns", () => {
    register({
      name: "forty-two",
      kernels: { unary: (_op, _x, out) => void out.fill(42) },
    });
    expect(tensor([1, 2]).exp().toArray()).toEqual([42, 42]);
    expect(tensor([1, 2]).add(1).toArray()).toEqual([2, 3]); // binary is still cpu's
  });

  it("unregistering restores cpu", () => {
    const { backend, calls } = countingBinary("temp");
    register(backend);
    tensor([1]).add(1);
    expect(calls.length).toBe(1);
    unregisterBackend("temp");
    registered.pop();
    expect(kernelOwner("binary")).toBe("cpu");
    expect(listBackends()).toEqual(["cpu"]);
    expect(tensor([1]).add(1).item()).toBe(2);
    expect(calls.length).toBe(1);
    unregisterBackend("temp"); // unknown names are ignored
  });

  it("the highest priority wins per kernel; ties go to the earlier registration", () => {
    const low = countingBinary("low");
    const high = countingBinary("high");
    const tie = countingBinary("tie");
    register(low.backend, 1);
    register(high.backend, 5);
    register(tie.backend, 5);
    register({ name: "matmul-only", kernels: { matmul: cpuBackend.kernels.matmul } }, 2);
    expect(kernelOwner("binary")).toBe("high");
    expect(kernelOwner("matmul")).toBe("matmul-only");
    expect(listBackends()).toEqual(["high", "tie", "matmul-only", "low", "cpu"]);
    tensor([1]).mul(2);
    expect(high.calls).toEqual(["mul"]);
    expect(low.calls).toEqual([]);
    // re-registering a name replaces the backend, keeping its place among equals
    const high2 = countingBinary("high");
    registerBackend(high2.backend, { priority: 5 });
    tensor([1]).mul(2);
    expect(high2.calls).toEqual(["mul"]);
    expect(high.calls).toEqual(["mul"]);
    unregisterBackend("high");
    registered.splice(registered.indexOf("high"), 1);
    expect(kernelOwner("binary")).toBe("tie");
  });

  it("a matmul backend receives batched calls with offsets", () => {
    const seen: [number, number, number, number][] = [];
    register({
      name: "spy",
      kernels: {
        matmul: (a, ao, b, bo, out, oo, m, k, n, ta, tb) => {
          seen.push([ao, bo, oo, m]);
          cpuBackend.kernels.matmul(a, ao, b, bo, out, oo, m, k, n, ta, tb);
        },
      },
    });
    const a = tensor(
      new Float32Array(2 * 3 * 4).map((_, i) => i),
      [2, 3, 4],
    );
    const b = tensor(
      new Float32Array(2 * 4 * 5).map((_, i) => i),
      [2, 4, 5],
    );
    const c = matmul(a, b);
    expect(seen).toEqual([
      [0, 0, 0, 3],
      [12, 20, 15, 3],
    ]);
    unregisterBackend("spy");
    registered.pop();
    expect(matmul(a, b).toArray()).toEqual(c.toArray());
  });

  it("kernelOwner rejects unknown kernel names", () => {
    // biome-ignore lint/suspicious/noExplicitAny: an untyped caller
    expect(() => kernelOwner("conv2d" as any)).toThrow(/unknown kernel/);
  });

  it("two copies of the package share one registry (globalThis)", async () => {
    vi.resetModules();
    const copy = await import("../src/backend/registry.js");
    const { backend } = countingBinary("shared");
    copy.registerBackend(backend);
    registered.push("shared");
    expect(kernelOwner("binary")).toBe("shared"); // seen by this copy
    expect(copy.kernelOwner("binary")).toBe("shared");
    unregisterBackend("shared");
    registered.pop();
    expect(copy.kernelOwner("binary")).toBe("cpu");
  });
});
