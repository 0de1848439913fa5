import { DTypeError } from "./errors.js";

/**
 * Element types. `float32` is the default (speed, memory); `float64` is for
 * precise gradient checks and users who need it; `int32` is for labels and indices.
 */
export type DType = "float32" | "float64" | "int32";

/** The typed array that stores each dtype. */
export interface DTypeArrayMap {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
}

/** Any storage array of a tensor. */
export type TypedArray = Float32Array | Float64Array | Int32Array;

/** All dtypes, in the order they are documented. */
export const DTYPES: readonly DType[] = ["float32", "float64", "int32"];

/**
 * Allocates a zero-filled storage array of `size` elements for `dtype`, with
 * an ArrayBuffer of its own (what tensors built by the user-facing factories
 * get).
 */
export function allocateExclusive<D extends DType>(dtype: D, size: number): DTypeArrayMap[D] {
  switch (dtype) {
    case "float32":
      return new Float32Array(size) as DTypeArrayMap[D];
    case "float64":
      return new Float64Array(size) as DTypeArrayMap[D];
    case "int32":
      return new Int32Array(size) as DTypeArrayMap[D];
    default:
      throw new DTypeError(
        "allocate",
        "dtype",
        `expected one of ${DTYPES.join(", ")}, got ${String(dtype)}`,
      );
  }
}

/**
 * Storage from this many bytes up to {@link SLAB_MAX_BYTES} is carved from a
 * shared slab while scratch storage is on (see {@link setScratchStorage}).
 * V8 keeps typed arrays of at most 64 bytes inside the JS heap (cheap), but
 * gives a larger one its own off-heap backing store, which costs ~0.9 µs to
 * allocate and track; a view into a slab costs ~0.13 µs. A backward pass on
 * small batches allocates dozens of such arrays per step.
 */
const SLAB_MIN_BYTES = 65;
/** Largest storage carved from a slab. */
export const SLAB_MAX_BYTES = 2048;
/** Slab size: one surviving view keeps this much memory alive. */
const SLAB_BYTES = 32768;
let slab = new ArrayBuffer(0);
let slabTop = 0;
/** Whether {@link allocate} may carve small arrays from the shared slab. */
let scratch = false;

/**
 * Turns scratch storage on or off and returns the previous setting (restore
 * it in a `finally`). While on, {@link allocate} hands arrays of 65 to 2048
 * bytes out as views into a shared 32 KiB ArrayBuffer, ~7x cheaper than a
 * buffer of their own, but one such array kept alive keeps the whole slab
 * alive. So it is on only where no result can reach the user: autograd turns
 * it on while gradient rules run (their results are consumed within the
 * backward pass, and what reaches `.grad` is copied out), and it is off
 * everywhere else, so that what a user keeps is what stays in memory.
 *
 * @param on - whether the allocations that follow may share slabs
 * @returns the setting before this call
 */
export function setScratchStorage(on: boolean): boolean {
  const was = scratch;
  scratch = on === true;
  return was;
}

/**
 * Allocates a zero-filled storage array of `size` elements for `dtype`: the
 * storage of op results. An array of its own, except while scratch storage
 * is on ({@link setScratchStorage}), where arrays of 65 to 2048 bytes are
 * views into a shared 32 KiB ArrayBuffer (each region handed out once, so it
 * starts zeroed; the buffer is freed when its last view is). A tensor's
 * `data` may therefore not start at offset 0 of its `buffer`, as with any
 * view.
 */
export function allocate<D extends DType>(dtype: D, size: number): DTypeArrayMap[D] {
  if (!scratch) return allocateExclusive(dtype, size);
  const bytes = size * (dtype === "float64" ? 8 : 4);
  if (bytes < SLAB_MIN_BYTES || bytes > SLAB_MAX_BYTES) return allocateExclusive(dtype, size);
  let at = slabTop;
  if (at + bytes > slab.byteLength) {
    slab = new ArrayBuffer(SLAB_BYTES);
    at = 0;
  }
  // 16-byte alignment keeps every view aligned for its element type.
  slabTop = (at + bytes + 15) & ~15;
  switch (dtype) {
    case "float32":
      return new Float32Array(slab, at, size) as DTypeArrayMap[D];
    case "float64":
      return new Float64Array(slab, at, size) as DTypeArrayMap[D];
    default:
      return new Int32Array(slab, at, size) as DTypeArrayMap[D];
  }
}

/** The dtype stored by a typed array, or an error for any other array type. */
export function dtypeOfArray(op: string, data: ArrayLike<number>): DType {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  throw new DTypeError(
    op,
    "data",
    `expected a Float32Array, Float64Array or Int32Array, got ${data?.constructor?.name ?? typeof data}`,
  );
}

/** Checks that `dtype` is a known dtype name. */
export function assertDType(op: string, dtype: unknown): asserts dtype is DType {
  if (dtype !== "float32" && dtype !== "float64" && dtype !== "int32") {
    throw new DTypeError(op, "dtype", `expected one of ${DTYPES.join(", ")}, got ${String(dtype)}`);
  }
}

/** True for float32 and float64. */
export function isFloat(dtype: DType): boolean {
  return dtype !== "int32";
}
