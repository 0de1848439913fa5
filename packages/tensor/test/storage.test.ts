import { describe, expect, it } from "vitest";
import { DeviceError, DTypeError, ShapeError, type Storage, Tensor, tensor } from "../src/index.js";

/**
 * A stand-in for a device backend's storage (a WebGPU buffer): the elements
 * are only reachable through `read()`, which resolves a copy later.
 */
class FakeDeviceStorage implements Storage<"float32"> {
  readonly device = "fake-gpu";
  readonly dtype = "float32";
  reads = 0;
  constructor(private readonly values: readonly number[]) {}
  get length(): number {
    return this.values.length;
  }
  hostData(): null {
    return null;
  }
  async read(): Promise<Float32Array> {
    this.reads++;
    await new Promise((resolve) => setTimeout(resolve, 1));
    return Float32Array.from(this.values);
  }
}

describe("tensor storage", () => {
  it("reads host tensors synchronously and asynchronously, without a copy", async () => {
    const t = tensor([1, 2, 3, 4]).mul(2);
    expect(t.device).toBe("cpu");
    const data = t.data;
    expect(await t.dataAsync()).toBe(data);
    expect(Array.from(await t.dataAsync())).toEqual([2, 4, 6, 8]);
    // The handle of a host tensor is its typed array.
    expect(t.storage).toBe(data);
    expect(t.reshape([2, 2]).storage).toBe(data);
  });

  it("wraps a backend's storage: async reads work, sync reads throw a DeviceError", async () => {
    const storage = new FakeDeviceStorage([1, 2, 3, 4, 5, 6]);
    const t = new Tensor(storage, [2, 3]);
    expect(t.device).toBe("fake-gpu");
    expect(t.dtype).toBe("float32");
    expect(t.size).toBe(6);
    expect(t.storage).toBe(storage);
    expect(() => t.data).toThrow(DeviceError);
    expect(() => t.data).toThrow(
      "Tensor.data: a [2,3] tensor on 'fake-gpu' cannot be read synchronously; use await t.dataAsync()",
    );
    expect(Array.from(await t.dataAsync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(storage.reads).toBe(1);
  });

  it("keeps a view of a device tensor on the same storage", async () => {
    const storage = new FakeDeviceStorage([1, 2, 3, 4, 5, 6]);
    const view = new Tensor(storage, [2, 3]).reshape([3, 2]);
    expect(view.storage).toBe(storage);
    expect(view.device).toBe("fake-gpu");
    expect(Array.from(await view.dataAsync())).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("uses a device storage's host array when it has one", () => {
    const host = new Float64Array([1, 2]);
    const storage: Storage<"float64"> = {
      device: "shared-memory",
      dtype: "float64",
      length: 2,
      hostData: () => host,
      read: () => Promise.resolve(host),
    };
    const t = new Tensor(storage, [2]);
    expect(t.data).toBe(host);
    expect(t.dtype).toBe("float64");
  });

  it("rejects storage of the wrong length or dtype and anything else", () => {
    expect(() => new Tensor(new FakeDeviceStorage([1, 2, 3]), [2, 2])).toThrow(ShapeError);
    const badDtype = {
      device: "x",
      dtype: "bfloat16",
      length: 1,
      hostData: () => null,
      read: () => Promise.resolve(new Float32Array(1)),
    } as unknown as Storage;
    expect(() => new Tensor(badDtype, [1])).toThrow(DTypeError);
    expect(() => new Tensor({ length: 1 } as unknown as Float32Array, [1])).toThrow(DTypeError);
  });
});
