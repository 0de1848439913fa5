import {
  allocateExclusive as allocate,
  assertDType,
  type DType,
  dtypeOfArray,
  type TypedArray,
} from "./dtype.js";
import { DTypeError, describe, fmtShape, ShapeError, ValueError } from "./errors.js";
import { Rng } from "./rng.js";
import { checkShape, type Shape, sizeOf } from "./shape.js";
import { assertTensor, type NestedArray, Tensor } from "./tensor.js";

/** What {@link tensor} accepts: a number, nested arrays of numbers, or a typed array. */
export type TensorInput =
  | number
  | NestedArray
  | readonly NestedArray[]
  | TypedArray
  | readonly number[];

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** True for a number that an Int32Array stores exactly. */
export function isInt32(v: number): boolean {
  return Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX;
}

function fmtPath(path: readonly number[]): string {
  return path.length === 0 ? "the top level" : path.map((i) => `[${i}]`).join("");
}

function inferShape(values: unknown): number[] {
  const shape: number[] = [];
  let v = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  return shape;
}

/**
 * Copies nested arrays into `out`, checking that they are rectangular (of the
 * shape inferred from the first entries) and hold numbers (integers for int32).
 * The index path is only formatted when an error is thrown.
 */
function flatten(values: unknown, shape: readonly number[], out: TypedArray): void {
  const path: number[] = [];
  const ints = out instanceof Int32Array;
  const last = shape.length - 1;
  let pos = 0;
  const badLeaf = (v: unknown): never => {
    if (Array.isArray(v)) {
      throw new ShapeError(
        "tensor",
        "values",
        `ragged nested array: expected a number at ${fmtPath(path)}, got an array (inferred shape ${fmtShape(shape)})`,
      );
    }
    if (typeof v === "number") {
      throw new ValueError(
        "tensor",
        "values",
        `int32 values must be integers in [-2^31, 2^31), got ${v} at ${fmtPath(path)}`,
      );
    }
    throw new DTypeError(
      "tensor",
      "values",
      `expected a number at ${fmtPath(path)}, got ${describe(v)}`,
    );
  };
  const walk = (v: unknown, dim: number): void => {
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      const got = Array.isArray(v) ? `length ${v.length}` : describe(v);
      throw new ShapeError(
        "tensor",
        "values",
        `ragged nested array: expected an array of length ${shape[dim]} at ${fmtPath(path)}, got ${got} (inferred shape ${fmtShape(shape)})`,
      );
    }
    if (dim === last) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (typeof x !== "number" || (ints && !isInt32(x))) {
          path.push(i);
          badLeaf(x);
        }
        out[pos++] = x as number;
      }
      return;
    }
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      walk(v[i], dim + 1);
      path.pop();
    }
  };
  walk(values, 0);
}

/**
 * Creates a tensor from a number, nested arrays or a typed array. The data is
 * always copied.
 *
 * @param values - the data: nested arrays must be rectangular and hold numbers
 * @param shape - the shape; inferred from nested arrays, needed to give flat data more than one axis
 * @param dtype - element type (default: the typed array's, else `"float32"`)
 * @throws ShapeError for ragged nested arrays or a shape whose size differs from the data's
 * @throws DTypeError for an unknown dtype or values that are not numbers
 * @throws ValueError for int32 data that are not 32-bit integers
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);                 // float32 [2,2]
 * const y = tensor([0, 2, 1], undefined, "int32");    // int32 [3]
 * const z = tensor(new Float64Array(6), [2, 3]);      // float64 [2,3]
 * ```
 */
export function tensor(values: TensorInput, shape?: Shape, dtype?: DType): Tensor {
  if (dtype !== undefined) assertDType("tensor", dtype);
  let flat: TypedArray;
  let inferred: number[];
  if (ArrayBuffer.isView(values)) {
    const src = values as TypedArray;
    const srcDtype = dtypeOfArray("tensor", src);
    const d = dtype ?? srcDtype;
    if (d === "int32" && srcDtype !== "int32") {
      for (let i = 0; i < src.length; i++) {
        if (!isInt32(src[i]!)) {
          throw new ValueError(
            "tensor",
            "values",
            `int32 values must be integers in [-2^31, 2^31), got ${src[i]} at index ${i}`,
          );
        }
      }
    }
    flat = allocate(d, src.length);
    flat.set(src);
    inferred = [src.length];
  } else if (typeof values === "number") {
    const d = dtype ?? "float32";
    if (d === "int32" && !isInt32(values)) {
      throw new ValueError(
        "tensor",
        "values",
        `int32 values must be integers in [-2^31, 2^31), got ${values}`,
      );
    }
    flat = allocate(d, 1);
    flat[0] = values;
    inferred = [];
  } else if (Array.isArray(values)) {
    inferred = inferShape(values);
    flat = allocate(dtype ?? "float32", sizeOf(inferred));
    flatten(values, inferred, flat);
  } else {
    throw new DTypeError(
      "tensor",
      "values",
      `expected a number, an array or a typed array, got ${describe(values)}`,
    );
  }
  if (shape !== undefined) {
    const s = checkShape("tensor", "shape", shape);
    if (sizeOf(s) !== flat.length) {
      throw new ShapeError(
        "tensor",
        "shape",
        `${flat.length} values cannot fill shape ${fmtShape(s)} (${sizeOf(s)} elements)`,
      );
    }
    return new Tensor(flat, s);
  }
  return new Tensor(flat, inferred);
}

/**
 * A scalar (rank-0) tensor.
 * @example
 * ```ts
 * scalar(2.5).item(); // 2.5
 * ```
 */
export function scalar(value: number, dtype: DType = "float32"): Tensor {
  if (typeof value !== "number")
    throw new DTypeError("scalar", "value", `expected a number, got ${describe(value)}`);
  return tensor(value, undefined, dtype);
}

/**
 * A tensor of `shape` filled with `value`.
 * @throws ValueError for a value an int32 tensor cannot hold
 * @example
 * ```ts
 * full([2, 2], 7); // [[7, 7], [7, 7]]
 * ```
 */
export function full(shape: Shape, value: number, dtype: DType = "float32"): Tensor {
  assertDType("full", dtype);
  const s = checkShape("full", "shape", shape);
  if (typeof value !== "number")
    throw new DTypeError("full", "value", `expected a number, got ${describe(value)}`);
  if (dtype === "int32" && !isInt32(value))
    throw new ValueError(
      "full",
      "value",
      `int32 tensors need a 32-bit integer value, got ${value}`,
    );
  const data = allocate(dtype, sizeOf(s));
  if (value !== 0) data.fill(value);
  return new Tensor(data, s);
}

/**
 * A tensor of zeros.
 * @example
 * ```ts
 * zeros([2, 3]);           // float32
 * zeros([4], "int32");
 * ```
 */
export function zeros(shape: Shape, dtype: DType = "float32"): Tensor {
  return full(shape, 0, dtype);
}

/** A tensor of ones. */
export function ones(shape: Shape, dtype: DType = "float32"): Tensor {
  return full(shape, 1, dtype);
}

/** Zeros with the shape and dtype of `x`. */
export function zerosLike(x: Tensor): Tensor {
  assertTensor("zerosLike", "x", x);
  return full(x.shape, 0, x.dtype);
}

/** Ones with the shape and dtype of `x`. */
export function onesLike(x: Tensor): Tensor {
  assertTensor("onesLike", "x", x);
  return full(x.shape, 1, x.dtype);
}

/**
 * Evenly spaced values `start, start + step, ...` below `stop` (NumPy
 * `arange`). With one argument, counts from 0 up to it.
 *
 * @throws ValueError for non-finite bounds, a zero step, or (int32) non-integers
 * @example
 * ```ts
 * arange(4);              // [0, 1, 2, 3]
 * arange(1, 2, 0.25);     // [1, 1.25, 1.5, 1.75]
 * arange(5, 0, -2, "int32"); // [5, 3, 1]
 * ```
 */
export function arange(start: number, stop?: number, step = 1, dtype: DType = "float32"): Tensor {
  assertDType("arange", dtype);
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  for (const [name, v] of [
    ["start", start],
    ["stop", stop],
    ["step", step],
  ] as const) {
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new ValueError("arange", name, `expected a finite number, got ${describe(v)}`);
  }
  if (step === 0) throw new ValueError("arange", "step", "step must not be 0");
  if (dtype === "int32" && (!Number.isInteger(start) || !Number.isInteger(step))) {
    throw new ValueError(
      "arange",
      "step",
      `an int32 range needs integer start and step, got start=${start}, step=${step}`,
    );
  }
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (dtype === "int32" && n > 0 && (!isInt32(start) || !isInt32(start + (n - 1) * step))) {
    throw new ValueError("arange", "stop", `the range ${start}..${stop} does not fit in int32`);
  }
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/**
 * `num` evenly spaced values from `start` to `stop`, both included. For int32,
 * values are rounded down (as NumPy does).
 * @example
 * ```ts
 * linspace(0, 1, 5); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace(
  start: number,
  stop: number,
  num: number,
  dtype: DType = "float32",
): Tensor {
  assertDType("linspace", dtype);
  if (!Number.isInteger(num) || num < 0)
    throw new ValueError(
      "linspace",
      "num",
      `expected a non-negative integer, got ${describe(num)}`,
    );
  if (typeof start !== "number" || !Number.isFinite(start))
    throw new ValueError("linspace", "start", `expected a finite number, got ${describe(start)}`);
  if (typeof stop !== "number" || !Number.isFinite(stop))
    throw new ValueError("linspace", "stop", `expected a finite number, got ${describe(stop)}`);
  const data = allocate(dtype, num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  const ints = dtype === "int32";
  for (let i = 0; i < num; i++) {
    const v = i === num - 1 && num > 1 ? stop : start + i * step;
    data[i] = ints ? Math.floor(v) : v;
  }
  return new Tensor(data, [num]);
}

/**
 * A matrix `[n, m]` with ones on the main diagonal and zeros elsewhere.
 * @example
 * ```ts
 * eye(3);      // 3x3 identity
 * eye(2, 3);   // [[1, 0, 0], [0, 1, 0]]
 * ```
 */
export function eye(n: number, m = n, dtype: DType = "float32"): Tensor {
  assertDType("eye", dtype);
  checkShape("eye", "n", [n]);
  checkShape("eye", "m", [m]);
  const data = allocate(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return new Tensor(data, [n, m]);
}

// ---- random ---------------------------------------------------------------------

/** An `Rng` from an `Rng` or a seed, with errors naming the calling op. */
function rngOf(op: string, rng: Rng | number): Rng {
  if (rng instanceof Rng) return rng;
  if (!Number.isSafeInteger(rng)) {
    throw new ValueError(op, "rng", `expected an Rng or an integer seed, got ${describe(rng)}`);
  }
  return new Rng(rng);
}

function floatDType(op: string, dtype: DType): void {
  assertDType(op, dtype);
  if (dtype === "int32") {
    throw new DTypeError(
      op,
      "dtype",
      "random floats need float32 or float64; use randint for int32 samples",
    );
  }
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The largest value of `dtype` strictly below the finite number `x`. */
export function largestBelow(x: number, dtype: "float32" | "float64"): number {
  if (dtype === "float32") {
    f32[0] = x;
    if (f32[0]! < x) return f32[0]!; // x itself is not a float32: its rounding down is below it
    if (f32[0] === 0) return -1.401298464324817e-45;
    i32[0] = f32[0]! > 0 ? i32[0]! - 1 : i32[0]! + 1;
    return f32[0]!;
  }
  if (x === 0) return -5e-324;
  f64[0] = x;
  const hiIdx = LITTLE ? 1 : 0;
  const loIdx = 1 - hiIdx;
  // Step the 64-bit pattern by one toward -infinity: down for x > 0, up for x < 0.
  if (x > 0) {
    if (u32[loIdx] === 0) u32[hiIdx]!--;
    u32[loIdx]!--;
  } else {
    u32[loIdx]!++;
    if (u32[loIdx] === 0) u32[hiIdx]!++;
  }
  return f64[0]!;
}

/**
 * Uniform samples in `[low, high)`. With float32, a sample that would round up
 * to `high` is replaced by the largest float32 below it, so `high` never occurs.
 *
 * @param rng - an {@link Rng} (advanced) or an integer seed
 * @throws ValueError unless `low < high` are finite
 * @throws DTypeError for int32 (use {@link randint})
 * @example
 * ```ts
 * uniform([2, 3], -1, 1, new Rng(0));
 * ```
 */
export function uniform(
  shape: Shape,
  low: number,
  high: number,
  rng: Rng | number,
  dtype: DType = "float32",
): Tensor {
  return uniformAs("uniform", shape, low, high, rng, dtype);
}

function uniformAs(
  op: string,
  shape: Shape,
  low: number,
  high: number,
  rng: Rng | number,
  dtype: DType,
): Tensor {
  floatDType(op, dtype);
  const s = checkShape(op, "shape", shape);
  if (typeof low !== "number" || !Number.isFinite(low))
    throw new ValueError(op, "low", `expected a finite number, got ${describe(low)}`);
  if (typeof high !== "number" || !Number.isFinite(high) || !(low < high))
    throw new ValueError(
      op,
      "high",
      `expected a finite number above low=${low}, got ${describe(high)}`,
    );
  const span = high - low;
  if (!Number.isFinite(span))
    throw new ValueError(op, "high", `the range ${low}..${high} is too wide`);
  const r = rngOf(op, rng);
  const data = allocate(dtype, sizeOf(s));
  const top = largestBelow(high, dtype as "float32" | "float64");
  for (let i = 0; i < data.length; i++) {
    data[i] = low + span * r.uniform();
    if (data[i]! >= high) data[i] = top;
  }
  return new Tensor(data, s);
}

/**
 * Uniform samples in `[0, 1)`.
 * @example
 * ```ts
 * rand([3], 42); // same seed, same values, everywhere
 * ```
 */
export function rand(shape: Shape, rng: Rng | number, dtype: DType = "float32"): Tensor {
  return uniformAs("rand", shape, 0, 1, rng, dtype);
}

/**
 * Normal samples with the given mean and standard deviation.
 * @throws ValueError for a non-finite mean or a negative / non-finite std
 */
export function normal(
  shape: Shape,
  mean: number,
  std: number,
  rng: Rng | number,
  dtype: DType = "float32",
): Tensor {
  return normalAs("normal", shape, mean, std, rng, dtype);
}

function normalAs(
  op: string,
  shape: Shape,
  mean: number,
  std: number,
  rng: Rng | number,
  dtype: DType,
): Tensor {
  floatDType(op, dtype);
  const s = checkShape(op, "shape", shape);
  if (typeof mean !== "number" || !Number.isFinite(mean))
    throw new ValueError(op, "mean", `expected a finite number, got ${describe(mean)}`);
  if (typeof std !== "number" || !(std >= 0) || !Number.isFinite(std))
    throw new ValueError(op, "std", `expected a finite std >= 0, got ${describe(std)}`);
  const r = rngOf(op, rng);
  const data = allocate(dtype, sizeOf(s));
  for (let i = 0; i < data.length; i++) data[i] = mean + std * r.normal();
  return new Tensor(data, s);
}

/**
 * Standard normal samples (mean 0, std 1).
 * @example
 * ```ts
 * const w = randn([784, 128], new Rng(1)).mul(Math.sqrt(2 / 784)); // He init
 * ```
 */
export function randn(shape: Shape, rng: Rng | number, dtype: DType = "float32"): Tensor {
  return normalAs("randn", shape, 0, 1, rng, dtype);
}

/**
 * Uniform integers in `[low, high)` as int32, without modulo bias.
 * @throws ValueError unless `low < high` are integers within int32 range (`high` up to 2^31)
 * @example
 * ```ts
 * randint([10], 0, 6, 1); // ten dice rolls, 0..5
 * ```
 */
export function randint(shape: Shape, low: number, high: number, rng: Rng | number): Tensor {
  const s = checkShape("randint", "shape", shape);
  if (!isInt32(low))
    throw new ValueError("randint", "low", `expected a 32-bit integer, got ${describe(low)}`);
  if (!Number.isInteger(high) || high <= low || high > 2147483648)
    throw new ValueError(
      "randint",
      "high",
      `expected an integer in (low, 2^31] with low=${low}, got ${describe(high)}`,
    );
  const r = rngOf("randint", rng);
  const n = high - low;
  const data = new Int32Array(sizeOf(s));
  for (let i = 0; i < data.length; i++) data[i] = low + r.int(n);
  return new Tensor(data, s);
}

/**
 * A random permutation of `0..n-1`, int32.
 * @example
 * ```ts
 * permutation(5, 0).toArray(); // e.g. [3, 0, 4, 1, 2]
 * ```
 */
export function permutation(n: number, rng: Rng | number): Tensor {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff)
    throw new ValueError("permutation", "n", `expected a non-negative integer, got ${describe(n)}`);
  const p = rngOf("permutation", rng).permutation(n);
  return new Tensor(p, [n]);
}

/**
 * A copy of `x` with its entries along axis 0 (rows) in random order; the
 * input is not modified.
 * @example
 * ```ts
 * shuffle(arange(5), new Rng(3)); // the numbers 0..4 in some order
 * ```
 */
export function shuffle(x: Tensor, rng: Rng | number): Tensor {
  assertTensor("shuffle", "x", x);
  if (x.rank === 0)
    throw new ShapeError("shuffle", "x", "expected a tensor of rank >= 1, got a scalar");
  const r = rngOf("shuffle", rng);
  const perm = r.permutation(x.shape[0]!);
  const inner = x.size / Math.max(x.shape[0]!, 1);
  const out = allocate(x.dtype, x.size);
  for (let i = 0; i < perm.length; i++) {
    const src = perm[i]! * inner;
    if (inner === 1) out[i] = x.data[src]!;
    else out.set(x.data.subarray(src, src + inner), i * inner);
  }
  return new Tensor(out, x.shape);
}

export { Rng };
