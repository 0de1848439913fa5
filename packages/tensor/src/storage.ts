import type { DType, DTypeArrayMap, TypedArray } from "./dtype.js";

/**
 * Where a tensor's elements live: a handle owned by a backend. The cpu and
 * WebAssembly backends keep elements in JavaScript typed arrays ("host"
 * memory; the WebAssembly kernels copy in and out per call), and for them the
 * handle is the typed array itself, so a tensor costs no extra object and
 * `Tensor.data` reads it without a copy. A backend with memory of its own (a
 * WebGPU buffer) implements this interface instead and hands its handles to
 * `new Tensor(storage, shape)`.
 *
 * Rules for an implementation:
 * - The handle owns its memory and frees it when it is garbage-collected
 *   (register it with a `FinalizationRegistry` that destroys the device
 *   buffer): users never call `dispose()`.
 * - `read()` waits for the work that writes the buffer and resolves to a
 *   fresh host copy of its `length` elements; it never blocks the thread.
 * - `hostData()` returns the elements without waiting when they are in host
 *   memory, and `null` when reading them needs a round trip (then
 *   `Tensor.data` throws a DeviceError that names `dataAsync()`).
 * - Several tensors (reshape views) may share one handle: treat it as
 *   immutable once written, except through the backend's in-place kernels.
 *
 * @example
 * ```ts
 * // The shape of a WebGPU implementation (not part of this package):
 * class GpuStorage implements Storage<"float32"> {
 *   readonly device = "webgpu";
 *   readonly dtype = "float32";
 *   constructor(readonly buffer: GPUBuffer, readonly length: number) {}
 *   hostData() { return null; }
 *   async read() { return readBack(this.buffer, this.length); } // mapAsync + copy
 * }
 * ```
 */
export interface Storage<D extends DType = DType> {
  /** The device holding the elements, as `Tensor.device` reports it: `"cpu"` for host memory, e.g. `"webgpu"` otherwise. */
  readonly device: string;
  /** The element type. */
  readonly dtype: D;
  /** Number of elements. */
  readonly length: number;
  /** The elements in host memory without copying or waiting, or `null` if they live elsewhere. */
  hostData(): DTypeArrayMap[D] | null;
  /** Resolves to the elements in host memory: `hostData()` when it has them, else a copy read back from the device. */
  read(): Promise<DTypeArrayMap[D]>;
}

/**
 * Either kind of handle a tensor holds (`Tensor.storage`): a host typed array
 * (cpu and WebAssembly backends), or a backend's {@link Storage}.
 */
export type StorageHandle = TypedArray | Storage;
