import { brand } from "./brand.js";
import { allocate, assertDType, type DType, dtypeOfArray, type TypedArray } from "./dtype.js";
import { DeviceError, DTypeError, describe, fmtShape, ShapeError, ValueError } from "./errors.js";
import { formatTensor } from "./format.js";
import * as E from "./ops/elementwise.js";
import * as I from "./ops/indexing.js";
import { type MatmulOptions, matmul } from "./ops/matmul.js";
import * as R from "./ops/reduce.js";
import * as S from "./ops/shape.js";
import { type Shape, sizeOf } from "./shape.js";
import type { Storage, StorageHandle } from "./storage.js";

/** Whether `data` is a backend's {@link Storage} handle rather than a typed array. */
function isDeviceStorage(data: TypedArray | Storage): data is Storage {
  return typeof (data as Storage).read === "function";
}

/**
 * Makes `t` a device tensor: own `storage` and `data` properties shadow the
 * prototype's (host tensors keep `data` as a plain field and pay nothing);
 * `data` reads host memory if the storage has it, else throws.
 */
function becomeDeviceTensor(t: Tensor, storage: Storage): void {
  Object.defineProperty(t, "storage", { value: storage });
  Object.defineProperty(t, "data", {
    get: () => {
      const host = storage.hostData();
      if (host !== null) return host;
      throw new DeviceError(
        "Tensor.data",
        "",
        `a ${fmtShape(t.shape)} tensor on '${storage.device}' cannot be read synchronously; use await t.dataAsync()`,
      );
    },
  });
}

/** A nested array of numbers, as returned by {@link Tensor.toArray}. */
export type NestedArray = number | NestedArray[];

/**
 * The plain-array type of a tensor of each rank: `number` for a scalar,
 * `number[]` for rank 1, `number[][]` for rank 2, and so on up to rank 6.
 * `toArray(rank)` returns `NestedArrayOfRank[rank]`.
 */
export interface NestedArrayOfRank {
  0: number;
  1: number[];
  2: number[][];
  3: number[][][];
  4: number[][][][];
  5: number[][][][][];
  6: number[][][][][][];
}

/** A rank that {@link Tensor.toArray} can type: 0 to 6. */
export type ArrayRank = keyof NestedArrayOfRank;

/** A tensor or a plain number (broadcast as a scalar of the other operand's dtype). */
export type TensorLike = Tensor | number;

/** Axis argument of reductions: one axis, several, or all when omitted. */
export type Axis = number | readonly number[];

/** Throws a DTypeError unless `x` is a Tensor; the shared first check of every op. */
export function assertTensor(op: string, arg: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor))
    throw new DTypeError(op, arg, `expected a Tensor, got ${describe(x)}`);
}

/** Makes `view` share `base`'s version counter (set in Tensor's static block). */
let shareVersion: (view: Tensor, base: Tensor) => void;

/**
 * A tensor over `x`'s storage with another shape (reshape, expandDims,
 * squeeze): it shares `x`'s data and its {@link Tensor.version}, so an
 * in-place change seen through either is seen by both.
 */
export function viewOf(x: Tensor, shape: Shape): Tensor {
  const view = new Tensor(x.storage, shape);
  shareVersion(view, x);
  return view;
}

/**
 * An n-dimensional array: contiguous row-major storage in a typed array plus a
 * shape. Tensors are plain objects collected by the garbage collector: there is
 * nothing to dispose. Operations return new tensors; only `reshape`,
 * `expandDims` and `squeeze` share storage with their input (like NumPy views).
 *
 * Build tensors with {@link tensor}, {@link zeros}, {@link randn} and friends;
 * every function of the package is also available as a method here.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * x.add(1).mul(x).sum(0).toArray(); // [14, 26]
 * ```
 */
export class Tensor {
  static {
    // instanceof holds across copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_Tensor)
    brand(this, "Tensor");
  }

  /**
   * The elements, row-major, exactly `size` of them: the tensor's own typed
   * array (no copy), so writing to it mutates the tensor. Tensors of the cpu
   * and WebAssembly backends always have it; for a tensor whose elements live
   * in a backend's own memory that cannot be read without waiting (WebGPU),
   * reading it throws a DeviceError: use {@link Tensor.dataAsync}.
   */
  readonly data!: TypedArray;
  /** The shape, outermost dimension first. `[]` is a scalar. */
  readonly shape: Shape;
  /** Element type. */
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
  /** The tensor whose storage this one views (reshape, expandDims, squeeze), or null. */
  #base: Tensor | null = null;
  /** The version count; only read on the base tensor (views defer to it). */
  #version = 0;

  static {
    shareVersion = (view, base) => {
      view.#base = base.#base ?? base;
    };
  }

  /**
   * Wraps existing storage (no copy). Prefer {@link tensor} to build from arrays.
   * @param data - a Float32Array, Float64Array or Int32Array, whose type sets the
   *   dtype; or a backend's {@link Storage} handle (a device buffer)
   * @param shape - non-negative integer dimensions whose product is `data.length`
   * @throws DTypeError for any other kind of array
   * @throws ShapeError for an invalid shape or if `data.length` differs from its size
   */
  constructor(data: TypedArray | Storage, shape: Shape) {
    if (!Array.isArray(shape)) {
      throw new ShapeError(
        "Tensor",
        "shape",
        `expected an array of integers, got ${describe(shape)}`,
      );
    }
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i]!;
      if (!Number.isInteger(d) || d < 0) {
        throw new ShapeError(
          "Tensor",
          "shape",
          `expected non-negative integer dimensions, got ${fmtShape(shape)}`,
        );
      }
    }
    const size = sizeOf(shape);
    if (data.length !== size) {
      throw new ShapeError(
        "Tensor",
        "data",
        `${data.length} elements cannot fill shape ${fmtShape(shape)} (${size} elements)`,
      );
    }
    if (isDeviceStorage(data)) {
      assertDType("Tensor", data.dtype);
      this.dtype = data.dtype;
      becomeDeviceTensor(this, data);
    } else {
      this.dtype = dtypeOfArray("Tensor", data);
      this.data = data;
    }
    this.shape = frozenShape(shape);
    this.size = size;
  }

  /**
   * Resolves to the elements as a host typed array, on every backend: for
   * host tensors the same array as {@link Tensor.data} (no copy), for a
   * device tensor a copy read back once the work writing it is done. The
   * TensorFlow.js name would be `data()`, which `data` (the synchronous
   * array, as NumPy's and ONNX Runtime's) already takes; `dataAsync()` is
   * the asynchronous twin, and code that awaits it runs unchanged on a
   * WebGPU backend.
   *
   * @example
   * ```ts
   * const values = await tensor([1, 2, 3]).mul(2).dataAsync(); // Float32Array [2, 4, 6]
   * ```
   */
  dataAsync(): Promise<TypedArray> {
    const storage = this.storage;
    return isDeviceStorage(storage) ? storage.read() : Promise.resolve(storage);
  }

  /**
   * The backend's handle on the elements: for host tensors (cpu and
   * WebAssembly backends) the typed array itself, {@link Tensor.data};
   * otherwise the device buffer's {@link Storage}.
   */
  get storage(): StorageHandle {
    // Device tensors shadow this getter with their own property.
    return this.data;
  }

  /** Where the elements live, as in PyTorch: `"cpu"` for host memory (the cpu and WebAssembly backends), else the backend's device (e.g. `"webgpu"`). */
  get device(): string {
    const storage = this.storage;
    return isDeviceStorage(storage) ? storage.device : "cpu";
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /**
   * How many times the values were changed in place through the API
   * (`optimizer.step()`, `loadStateDict`, {@link Tensor.markModified}); 0 for
   * a new tensor, shared with its views. Autograd records the versions of the
   * tensors a gradient rule needs and refuses to run the rule if one changed
   * (as PyTorch's `_version`). A write through the raw `data` array is not
   * seen: call {@link Tensor.markModified} after one.
   */
  get version(): number {
    return (this.#base ?? this).#version;
  }

  /**
   * Records that the values were changed in place: increments
   * {@link Tensor.version} (of this tensor and every view of its storage).
   * Every in-place write of the packages calls it; call it yourself after
   * writing into `data` if a recorded graph may still read this tensor.
   */
  markModified(): void {
    const base = this.#base ?? this;
    base.#version++;
  }

  // ---- elementwise, binary (NumPy broadcasting) ----
  /** `this + b`, broadcasting. */
  add(b: TensorLike): Tensor {
    return E.add(this, b);
  }
  /** `this - b`, broadcasting. */
  sub(b: TensorLike): Tensor {
    return E.sub(this, b);
  }
  /** `this * b`, broadcasting. */
  mul(b: TensorLike): Tensor {
    return E.mul(this, b);
  }
  /** `this / b`, broadcasting (float dtypes only). */
  div(b: TensorLike): Tensor {
    return E.div(this, b);
  }
  /** `this ** b`, broadcasting (float dtypes only). */
  pow(b: TensorLike): Tensor {
    return E.pow(this, b);
  }
  /** Elementwise maximum, broadcasting (NaN propagates). */
  maximum(b: TensorLike): Tensor {
    return E.maximum(this, b);
  }
  /** Elementwise minimum, broadcasting (NaN propagates). */
  minimum(b: TensorLike): Tensor {
    return E.minimum(this, b);
  }
  /** 1 where `this == b`, else 0 (same dtype as the operands). */
  eq(b: TensorLike): Tensor {
    return E.eq(this, b);
  }
  /** 1 where `this != b`, else 0. */
  ne(b: TensorLike): Tensor {
    return E.ne(this, b);
  }
  /** 1 where `this > b`, else 0. */
  gt(b: TensorLike): Tensor {
    return E.gt(this, b);
  }
  /** 1 where `this >= b`, else 0. */
  ge(b: TensorLike): Tensor {
    return E.ge(this, b);
  }
  /** 1 where `this < b`, else 0. */
  lt(b: TensorLike): Tensor {
    return E.lt(this, b);
  }
  /** 1 where `this <= b`, else 0. */
  le(b: TensorLike): Tensor {
    return E.le(this, b);
  }

  // ---- elementwise, unary ----
  /** `-x`. */
  neg(): Tensor {
    return E.neg(this);
  }
  /** `|x|`. */
  abs(): Tensor {
    return E.abs(this);
  }
  /** 1 for positive, -1 for negative, 0 for zero. */
  sign(): Tensor {
    return E.sign(this);
  }
  /** `e^x`. */
  exp(): Tensor {
    return E.exp(this);
  }
  /** Natural logarithm. */
  log(): Tensor {
    return E.log(this);
  }
  /** `log(1 + x)`, accurate near 0. */
  log1p(): Tensor {
    return E.log1p(this);
  }
  /** Square root. */
  sqrt(): Tensor {
    return E.sqrt(this);
  }
  /** `x²`. */
  square(): Tensor {
    return E.square(this);
  }
  /** `1 / x`. */
  reciprocal(): Tensor {
    return E.reciprocal(this);
  }
  /** Limits values to `[min, max]`. */
  clip(min: number, max: number): Tensor {
    return E.clip(this, min, max);
  }
  /** Threshold step: 1 where `x > threshold` (default 0), else 0; NaN stays NaN. */
  step(threshold = 0): Tensor {
    return E.step(this, threshold);
  }
  /** Logistic sigmoid `1 / (1 + e^-x)`, stable for large |x|. */
  sigmoid(): Tensor {
    return E.sigmoid(this);
  }
  /** Hyperbolic tangent. */
  tanh(): Tensor {
    return E.tanh(this);
  }
  /** `max(0, x)` (NaN stays NaN). */
  relu(): Tensor {
    return E.relu(this);
  }
  /** `x` for positive x, `alpha·x` otherwise (Keras default alpha 0.3; PyTorch 0.01). */
  leakyRelu(alpha = 0.3): Tensor {
    return E.leakyRelu(this, alpha);
  }
  /** `x` for positive x, `alpha·(e^x - 1)` otherwise. */
  elu(alpha = 1): Tensor {
    return E.elu(this, alpha);
  }
  /** `log(1 + e^x)`, stable. */
  softplus(): Tensor {
    return E.softplus(this);
  }

  // ---- reductions ----
  /** Sum over `axis` (all axes when omitted). */
  sum(axis?: Axis, keepDims = false): Tensor {
    return R.sum(this, axis, keepDims);
  }
  /** Mean over `axis`. */
  mean(axis?: Axis, keepDims = false): Tensor {
    return R.mean(this, axis, keepDims);
  }
  /** Maximum over `axis`. */
  max(axis?: Axis, keepDims = false): Tensor {
    return R.max(this, axis, keepDims);
  }
  /** Minimum over `axis`. */
  min(axis?: Axis, keepDims = false): Tensor {
    return R.min(this, axis, keepDims);
  }
  /** Index of the maximum along one axis (int32; over the flattened tensor when omitted). */
  argmax(axis?: number, keepDims = false): Tensor {
    return R.argmax(this, axis, keepDims);
  }
  /** Index of the minimum along one axis (int32). */
  argmin(axis?: number, keepDims = false): Tensor {
    return R.argmin(this, axis, keepDims);
  }
  /** Biased variance (divides by n, as NumPy's default) over `axis`. */
  variance(axis?: Axis, keepDims = false): Tensor {
    return R.variance(this, axis, keepDims);
  }
  /** `log(sum(exp(x)))` over `axis`, computed without overflow. */
  logSumExp(axis?: Axis, keepDims = false): Tensor {
    return R.logSumExp(this, axis, keepDims);
  }

  // ---- linear algebra ----
  /** Matrix product (batched, broadcasting, vectors; optional transposes); see {@link matmul}. */
  matmul(b: Tensor, options?: MatmulOptions): Tensor {
    return matmul(this, b, options);
  }

  // ---- shape ----
  /** Same data, new shape; one dimension may be -1. Shares storage. */
  reshape(shape: readonly number[]): Tensor {
    return S.reshape(this, shape);
  }
  /** Permutes axes (reverses them when `perm` is omitted). Copies. */
  transpose(perm?: readonly number[]): Tensor {
    return S.transpose(this, perm);
  }
  /** Inserts a dimension of size 1 at `axis`. Shares storage. */
  expandDims(axis: number): Tensor {
    return S.expandDims(this, axis);
  }
  /** Removes dimensions of size 1 (all, or those in `axis`). Shares storage. */
  squeeze(axis?: Axis): Tensor {
    return S.squeeze(this, axis);
  }
  /** Repeats the tensor to `shape` under broadcasting rules. Copies. */
  broadcastTo(shape: readonly number[]): Tensor {
    return S.broadcastTo(this, shape);
  }
  /** A sub-block: `begin[i]` and `size[i]` per axis (`size` -1 means to the end). Copies. */
  slice(begin: readonly number[], size?: readonly number[]): Tensor {
    return I.slice(this, begin, size);
  }
  /** Picks entries along `axis` at `indices` (an int32 tensor or number array). */
  gather(indices: Tensor | readonly number[], axis = 0): Tensor {
    return I.gather(this, indices, axis);
  }
  /** Converts to another dtype (float to int32 truncates toward zero). */
  cast(dtype: DType): Tensor {
    return E.cast(this, dtype);
  }

  // ---- conversion ----
  /**
   * The values as nested arrays (a number for a scalar).
   *
   * Without an argument the result is a {@link NestedArray}, whose depth the
   * compiler cannot know. Give the rank you expect to get a precise type
   * instead of a cast: `toArray(2)` is a `number[][]`, checked at run time.
   *
   * @example
   * ```ts
   * const rows = tensor([[1, 2], [3, 4]]).toArray(2); // number[][]
   * rows[1][0]; // 3
   * ```
   * @throws ValueError if `rank` is not an integer from 0 to 6
   * @throws ShapeError if the tensor's rank is not `rank`
   */
  toArray(): NestedArray;
  toArray<R extends ArrayRank>(rank: R): NestedArrayOfRank[R];
  toArray(rank?: ArrayRank): NestedArray {
    if (rank !== undefined) checkArrayRank("toArray", this.shape, rank);
    return S.toNested(this);
  }
  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1)
      throw new ShapeError(
        "item",
        "",
        `expected a tensor with one element, got shape ${fmtShape(this.shape)}`,
      );
    return this.data[0]!;
  }
  /** A deep copy with its own storage. */
  clone(): Tensor {
    const data = allocate(this.dtype, this.size);
    data.set(this.data);
    return new Tensor(data, this.shape);
  }
  /** A readable multi-line rendering, like NumPy's: aligned columns, large tensors summarized. */
  toString(): string {
    return formatTensor(this);
  }

  /** Lets `console.log(t)` in Node print {@link Tensor.toString} instead of the raw fields. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return formatTensor(this);
  }
}

/**
 * Checks the `rank` argument of a typed `toArray(rank)` against a shape, so the
 * type promised to the caller is the one delivered.
 */
function checkArrayRank(op: string, shape: readonly number[], rank: unknown): void {
  if (!Number.isInteger(rank) || (rank as number) < 0 || (rank as number) > 6)
    throw new ValueError(op, "rank", `expected an integer from 0 to 6, got ${describe(rank)}`);
  if (rank !== shape.length)
    throw new ShapeError(
      op,
      "rank",
      `expected a tensor of rank ${rank}, got shape ${fmtShape(shape)} (rank ${shape.length})`,
    );
}

const EMPTY_SHAPE: readonly number[] = Object.freeze([]);
/** Interned frozen shapes of rank 1 and 2 (dimensions below 2¹⁶), keyed by their dimensions. */
const INTERNED = new Map<number, readonly number[]>();
const INTERNED_MAX = 4096;

/**
 * A frozen copy of `shape`. Shapes are immutable, so tensors of one small
 * rank-1 or rank-2 shape share one frozen array: freezing a fresh array costs
 * ~50 ns, a lookup ~10, and training makes dozens of tensors per step.
 */
function frozenShape(shape: readonly number[]): readonly number[] {
  const r = shape.length;
  if (r === 0) return EMPTY_SHAPE;
  if (r <= 2) {
    const d0 = shape[0]!;
    const d1 = r === 2 ? shape[1]! : -1;
    if (d0 < 65536 && d1 < 65536) {
      // Rank 1 keys are negative, rank 2 keys non-negative.
      const key = r === 1 ? -1 - d0 : d0 * 65536 + d1;
      let s = INTERNED.get(key);
      if (s === undefined) {
        if (INTERNED.size >= INTERNED_MAX) INTERNED.clear();
        s = Object.freeze(shape.slice());
        INTERNED.set(key, s);
      }
      return s;
    }
  }
  return Object.freeze(shape.slice());
}
