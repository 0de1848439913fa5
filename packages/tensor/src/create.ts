import { allocate, assertDType, type DType, dtypeOfArray, type TypedArray } from "./dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "./errors.js";
import { Rng, toRng } from "./rng.js";
import { checkShape, type Shape, sizeOf } from "./shape.js";
import { type NestedArray, Tensor } from "./tensor.js";

/** What {@link tensor} accepts: a number, nested arrays of numbers, or a typed array. */
export type TensorInput =
  | number
  | NestedArray
  | readonly NestedArray[]
  | TypedArray
  | readonly number[];

function inferShape(values: unknown): number[] {
  const shape: number[] = [];
  let v = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  return shape;
}

function flatten(
  values: unknown,
  shape: readonly number[],
  dim: number,
  out: TypedArray,
  pos: { i: number },
  path: string,
): void {
  if (dim === shape.length) {
    if (typeof values !== "number") {
      throw new ShapeError(
        "tensor",
        "values",
        `expected a number at ${path || "the top level"}, got ${Array.isArray(values) ? "an array (ragged nesting)" : typeof values}`,
      );
    }
    out[pos.i++] = values;
    return;
  }
  if (!Array.isArray(values) || values.length !== shape[dim]) {
    const got = Array.isArray(values) ? `length ${values.length}` : typeof values;
    throw new ShapeError(
      "tensor",
      "values",
      `ragged nested array: expected length ${shape[dim]} at ${path || "the top level"}, got ${got} (inferred shape ${fmtShape(shape)})`,
    );
  }
  for (let i = 0; i < values.length; i++)
    flatten(values[i], shape, dim + 1, out, pos, `${path}[${i}]`);
}

/**
 * Creates a tensor from a number, nested arrays or a typed array.
 *
 * @param values - the data; a typed array is copied and needs `shape` unless it is 1-D
 * @param shape - the shape; inferred from nested arrays, required to reshape flat data
 * @param dtype - element type (default: the typed array's, else `"float32"`)
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);            // float32 [2,2]
 * const y = tensor([0, 2, 1], undefined, "int32");
 * ```
 */
export function tensor(values: TensorInput, shape?: Shape, dtype?: DType): Tensor {
  if (dtype !== undefined) assertDType("tensor", dtype);
  let flat: TypedArray;
  let inferred: number[];
  if (ArrayBuffer.isView(values)) {
    const src = values as TypedArray;
    const srcDtype = dtypeOfArray("tensor", src);
    flat = allocate(dtype ?? srcDtype, src.length);
    flat.set(src);
    inferred = [src.length];
  } else if (typeof values === "number") {
    flat = allocate(dtype ?? "float32", 1);
    flat[0] = values;
    inferred = [];
  } else if (Array.isArray(values)) {
    inferred = inferShape(values);
    flat = allocate(dtype ?? "float32", sizeOf(inferred));
    flatten(values, inferred, 0, flat, { i: 0 }, "");
  } else {
    throw new DTypeError(
      "tensor",
      "values",
      `expected a number, an array or a typed array, got ${values === null ? "null" : typeof values}`,
    );
  }
  if (flat instanceof Int32Array) {
    const src: ArrayLike<unknown> = ArrayBuffer.isView(values) ? (values as TypedArray) : [];
    for (let i = 0; i < src.length; i++) {
      const v = src[i] as number;
      if (!Number.isInteger(v))
        throw new ValueError(
          "tensor",
          "values",
          `int32 values must be integers, got ${v} at index ${i}`,
        );
    }
    if (!ArrayBuffer.isView(values)) checkIntegers(values);
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

function checkIntegers(values: unknown, path = ""): void {
  if (typeof values === "number") {
    if (!Number.isInteger(values))
      throw new ValueError(
        "tensor",
        "values",
        `int32 values must be integers, got ${values} at ${path || "the top level"}`,
      );
    return;
  }
  if (Array.isArray(values)) {
    for (let i = 0; i < values.length; i++) checkIntegers(values[i], `${path}[${i}]`);
  }
}

/** A scalar (rank-0) tensor. */
export function scalar(value: number, dtype: DType = "float32"): Tensor {
  return tensor(value, undefined, dtype);
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: Shape, value: number, dtype: DType = "float32"): Tensor {
  assertDType("full", dtype);
  const s = checkShape("full", "shape", shape);
  const data = allocate(dtype, sizeOf(s));
  if (dtype === "int32" && !Number.isInteger(value))
    throw new ValueError("full", "value", `int32 tensors need an integer value, got ${value}`);
  data.fill(value);
  return new Tensor(data, s);
}

/** A tensor of zeros. */
export function zeros(shape: Shape, dtype: DType = "float32"): Tensor {
  return full(shape, 0, dtype);
}

/** A tensor of ones. */
export function ones(shape: Shape, dtype: DType = "float32"): Tensor {
  return full(shape, 1, dtype);
}

/** Zeros with the shape and dtype of `x`. */
export function zerosLike(x: Tensor): Tensor {
  return full(x.shape, 0, x.dtype);
}

/** Ones with the shape and dtype of `x`. */
export function onesLike(x: Tensor): Tensor {
  return full(x.shape, 1, x.dtype);
}

/**
 * Evenly spaced values in `[start, stop)` (NumPy `arange`). With one argument,
 * counts from 0 to it.
 */
export function arange(start: number, stop?: number, step = 1, dtype: DType = "float32"): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  for (const [name, v] of [
    ["start", start],
    ["stop", stop],
    ["step", step],
  ] as const) {
    if (!Number.isFinite(v))
      throw new ValueError("arange", name, `expected a finite number, got ${v}`);
  }
  if (step === 0) throw new ValueError("arange", "step", "step must not be 0");
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/** `num` evenly spaced values from `start` to `stop`, both included. */
export function linspace(
  start: number,
  stop: number,
  num: number,
  dtype: DType = "float32",
): Tensor {
  if (!Number.isInteger(num) || num < 0)
    throw new ValueError("linspace", "num", `expected a non-negative integer, got ${num}`);
  if (!Number.isFinite(start) || !Number.isFinite(stop))
    throw new ValueError("linspace", "start", `expected finite bounds, got ${start}, ${stop}`);
  const data = allocate(dtype, num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = i === num - 1 && num > 1 ? stop : start + i * step;
  return new Tensor(data, [num]);
}

/** An identity-like matrix `[n, m]` with ones on the diagonal. */
export function eye(n: number, m = n, dtype: DType = "float32"): Tensor {
  checkShape("eye", "n", [n, m]);
  const data = allocate(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return new Tensor(data, [n, m]);
}

function filled(op: string, shape: Shape, dtype: DType, sample: () => number): Tensor {
  assertDType(op, dtype);
  const s = checkShape(op, "shape", shape);
  const data = allocate(dtype, sizeOf(s));
  for (let i = 0; i < data.length; i++) data[i] = sample();
  return new Tensor(data, s);
}

/** Uniform samples in `[low, high)`. */
export function uniform(
  shape: Shape,
  low: number,
  high: number,
  rng: Rng | number,
  dtype: DType = "float32",
): Tensor {
  if (!(low < high) || !Number.isFinite(low) || !Number.isFinite(high)) {
    throw new ValueError(
      "uniform",
      "low",
      `expected finite low < high, got low=${low}, high=${high}`,
    );
  }
  const r = toRng(rng);
  return filled("uniform", shape, dtype, () => r.uniformRange(low, high));
}

/** Uniform samples in `[0, 1)`. */
export function rand(shape: Shape, rng: Rng | number, dtype: DType = "float32"): Tensor {
  return uniform(shape, 0, 1, rng, dtype);
}

/** Normal samples with the given mean and standard deviation. */
export function normal(
  shape: Shape,
  mean: number,
  std: number,
  rng: Rng | number,
  dtype: DType = "float32",
): Tensor {
  if (!Number.isFinite(mean))
    throw new ValueError("normal", "mean", `expected a finite number, got ${mean}`);
  if (!(std >= 0) || !Number.isFinite(std))
    throw new ValueError("normal", "std", `expected a finite std >= 0, got ${std}`);
  const r = toRng(rng);
  return filled("normal", shape, dtype, () => mean + std * r.normal());
}

/** Standard normal samples. */
export function randn(shape: Shape, rng: Rng | number, dtype: DType = "float32"): Tensor {
  return normal(shape, 0, 1, rng, dtype);
}

/** Uniform integers in `[low, high)`, int32. */
export function randint(shape: Shape, low: number, high: number, rng: Rng | number): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || low >= high) {
    throw new ValueError(
      "randint",
      "low",
      `expected integers low < high, got low=${low}, high=${high}`,
    );
  }
  const r = toRng(rng);
  return filled("randint", shape, "int32", () => low + r.int(high - low));
}

/** A random permutation of `0..n-1`, int32. */
export function permutation(n: number, rng: Rng | number): Tensor {
  const p = toRng(rng).permutation(n);
  return new Tensor(p, [n]);
}

/** A copy of `x` with its rows (axis 0) in random order. */
export function shuffle(x: Tensor, rng: Rng | number): Tensor {
  if (!(x instanceof Tensor) || x.rank === 0)
    throw new ShapeError("shuffle", "x", "expected a tensor of rank >= 1");
  return x.gather(toRng(rng).permutation(x.shape[0]!) as unknown as number[], 0);
}

export { Rng };
