import type { BinaryOp, UnaryOp } from "../backend/kernels.js";
import { kernels } from "../backend/registry.js";
import { allocate, assertDType, type DType, isFloat } from "../dtype.js";
import { DTypeError, describe, ValueError } from "../errors.js";
import { broadcastShapes, broadcastStrides, sizeOf } from "../shape.js";
import { assertTensor, Tensor, type TensorLike } from "../tensor.js";

/**
 * Turns a TensorLike operand into a tensor; numbers become scalars of `dtype`.
 * A number that `dtype` cannot hold exactly (0.5 or NaN for int32) is an error,
 * not a silent truncation.
 */
export function toTensor(op: string, arg: string, x: TensorLike, dtype: DType): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === "number") {
    if (dtype === "int32" && (x | 0) !== x) {
      throw new DTypeError(
        op,
        arg,
        `${x} is not a 32-bit integer, so it cannot be combined with an int32 tensor (cast the tensor to float32 first)`,
      );
    }
    const data = allocate(dtype, 1);
    data[0] = x;
    return new Tensor(data, []);
  }
  throw new DTypeError(op, arg, `expected a Tensor or a number, got ${describe(x)}`);
}

function requireFloat(op: string, arg: string, dtype: DType): void {
  if (!isFloat(dtype)) {
    throw new DTypeError(
      op,
      arg,
      `expected a float32 or float64 tensor, got ${dtype} (use .cast("float32") first)`,
    );
  }
}

const FLOAT_ONLY_BINARY = new Set<BinaryOp>(["div", "pow"]);

/** Applies a broadcasting binary op after checking dtypes; the shared path of add, mul, eq, ... */
export function binaryOp(op: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  const dtype = a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : "float32";
  const ta = toTensor(op, "a", a, dtype);
  const tb = toTensor(op, "b", b, dtype);
  if (ta.dtype !== tb.dtype) {
    throw new DTypeError(
      op,
      "b",
      `operands have different dtypes: ${ta.dtype} and ${tb.dtype} (cast one with .cast())`,
    );
  }
  if (FLOAT_ONLY_BINARY.has(op)) requireFloat(op, "a", ta.dtype);
  const shape = broadcastShapes(op, ta.shape, tb.shape, "b");
  const out = allocate(ta.dtype, sizeOf(shape));
  kernels().binary(
    op,
    ta.data,
    broadcastStrides(ta.shape, shape),
    tb.data,
    broadcastStrides(tb.shape, shape),
    out,
    shape,
  );
  return new Tensor(out, shape);
}

const FLOAT_ONLY_UNARY = new Set<UnaryOp>([
  "exp",
  "log",
  "log1p",
  "sqrt",
  "reciprocal",
  "sigmoid",
  "tanh",
  "elu",
  "softplus",
  "leakyRelu",
  "selu",
  "gelu",
  "geluTanh",
  "swish",
  "hardSigmoid",
  "round",
  "floor",
]);

/** Applies an elementwise unary op; float-only ops reject int32 with a clear error. */
export function unaryOp(op: UnaryOp, x: Tensor, p1 = 0, p2 = 0): Tensor {
  assertTensor(op, "x", x);
  if (FLOAT_ONLY_UNARY.has(op)) requireFloat(op, "x", x.dtype);
  const out = allocate(x.dtype, x.size);
  kernels().unary(op, x.data, out, p1, p2);
  return new Tensor(out, x.shape);
}

/** `a + b` with NumPy broadcasting. */
export const add = (a: TensorLike, b: TensorLike): Tensor => binaryOp("add", a, b);
/** `a - b` with NumPy broadcasting. */
export const sub = (a: TensorLike, b: TensorLike): Tensor => binaryOp("sub", a, b);
/** `a * b` with NumPy broadcasting. */
export const mul = (a: TensorLike, b: TensorLike): Tensor => binaryOp("mul", a, b);
/** `a / b` with NumPy broadcasting; float dtypes only. */
export const div = (a: TensorLike, b: TensorLike): Tensor => binaryOp("div", a, b);
/** `a ** b` with NumPy broadcasting; float dtypes only. */
export const pow = (a: TensorLike, b: TensorLike): Tensor => binaryOp("pow", a, b);
/** Elementwise maximum (NaN propagates). */
export const maximum = (a: TensorLike, b: TensorLike): Tensor => binaryOp("maximum", a, b);
/** Elementwise minimum (NaN propagates). */
export const minimum = (a: TensorLike, b: TensorLike): Tensor => binaryOp("minimum", a, b);
/** 1 where `a == b`, else 0, in the operands' dtype. */
export const eq = (a: TensorLike, b: TensorLike): Tensor => binaryOp("eq", a, b);
/** 1 where `a != b`, else 0. */
export const ne = (a: TensorLike, b: TensorLike): Tensor => binaryOp("ne", a, b);
/** 1 where `a > b`, else 0. */
export const gt = (a: TensorLike, b: TensorLike): Tensor => binaryOp("gt", a, b);
/** 1 where `a >= b`, else 0. */
export const ge = (a: TensorLike, b: TensorLike): Tensor => binaryOp("ge", a, b);
/** 1 where `a < b`, else 0. */
export const lt = (a: TensorLike, b: TensorLike): Tensor => binaryOp("lt", a, b);
/** 1 where `a <= b`, else 0. */
export const le = (a: TensorLike, b: TensorLike): Tensor => binaryOp("le", a, b);

/** `-x`. */
export const neg = (x: Tensor): Tensor => unaryOp("neg", x);
/** `|x|`. */
export const abs = (x: Tensor): Tensor => unaryOp("abs", x);
/** 1 for positive, -1 for negative, 0 for zero. Its gradient is 0 almost everywhere. */
export const sign = (x: Tensor): Tensor => unaryOp("sign", x);
/** `e^x`. */
export const exp = (x: Tensor): Tensor => unaryOp("exp", x);
/** Natural logarithm. */
export const log = (x: Tensor): Tensor => unaryOp("log", x);
/** `log(1 + x)`, accurate for small x. */
export const log1p = (x: Tensor): Tensor => unaryOp("log1p", x);
/** Square root. */
export const sqrt = (x: Tensor): Tensor => unaryOp("sqrt", x);
/** `x²`. */
export const square = (x: Tensor): Tensor => unaryOp("square", x);
/** `1 / x`. */
export const reciprocal = (x: Tensor): Tensor => unaryOp("reciprocal", x);
/** Rounds down. */
export const floor = (x: Tensor): Tensor => unaryOp("floor", x);
/** Rounds to the nearest integer, halves to even (as NumPy). */
export const round = (x: Tensor): Tensor => unaryOp("round", x);
/** Threshold step: 1 where `x > threshold`, else 0 (the book's step function); NaN stays NaN. Gradient 0 almost everywhere. */
export const step = (x: Tensor, threshold = 0): Tensor => {
  if (!Number.isFinite(threshold))
    throw new ValueError("step", "threshold", `expected a finite number, got ${threshold}`);
  return unaryOp("step", x, threshold);
};
/** Logistic sigmoid, computed stably for large |x|. */
export const sigmoid = (x: Tensor): Tensor => unaryOp("sigmoid", x);
/** Hyperbolic tangent. */
export const tanh = (x: Tensor): Tensor => unaryOp("tanh", x);
/** `max(0, x)`; NaN stays NaN (as PyTorch), so a diverging net shows up instead of hiding. */
export const relu = (x: Tensor): Tensor => unaryOp("relu", x);
/** `x` for x > 0, else `alpha·x` (default 0.3, as Keras). */
export const leakyRelu = (x: Tensor, alpha = 0.3): Tensor => {
  if (!Number.isFinite(alpha))
    throw new ValueError("leakyRelu", "alpha", `expected a finite number, got ${alpha}`);
  return unaryOp("leakyRelu", x, alpha);
};
/** `x` for x > 0, else `alpha·(e^x − 1)`. */
export const elu = (x: Tensor, alpha = 1): Tensor => {
  if (!Number.isFinite(alpha))
    throw new ValueError("elu", "alpha", `expected a finite number, got ${alpha}`);
  return unaryOp("elu", x, alpha);
};
/** `log(1 + e^x)`, stable for large |x|. */
export const softplus = (x: Tensor): Tensor => unaryOp("softplus", x);
/** SELU: `λ·x` for x > 0, else `λ·α·(e^x − 1)` with Klambauer et al.'s λ ≈ 1.0507, α ≈ 1.6733. */
export const selu = (x: Tensor): Tensor => unaryOp("selu", x);
/**
 * GELU `x·Φ(x)` with the exact normal CDF (Keras's and PyTorch's default), or
 * with `approximate` the tanh form `½x(1 + tanh(√(2/π)(x + 0.044715x³)))`.
 */
export const gelu = (x: Tensor, approximate = false): Tensor =>
  unaryOp(approximate ? "geluTanh" : "gelu", x);
/** Swish (SiLU): `x·σ(x)`. */
export const swish = (x: Tensor): Tensor => unaryOp("swish", x);
/** Hard sigmoid as Keras 3: `clip(x/6 + 1/2, 0, 1)`. */
export const hardSigmoid = (x: Tensor): Tensor => unaryOp("hardSigmoid", x);

/**
 * Limits values to `[min, max]` (either bound may be infinite). For int32 the
 * bounds are rounded inward to integers.
 * @throws ValueError for a NaN bound or `min > max`
 */
export function clip(x: Tensor, min: number, max: number): Tensor {
  assertTensor("clip", "x", x);
  if (typeof min !== "number" || Number.isNaN(min))
    throw new ValueError("clip", "min", `expected a number, got ${describe(min)}`);
  if (typeof max !== "number" || Number.isNaN(max))
    throw new ValueError("clip", "max", `expected a number, got ${describe(max)}`);
  if (min > max)
    throw new ValueError("clip", "max", `min must be <= max, got min=${min}, max=${max}`);
  if (x.dtype === "int32") {
    min = Math.max(Math.ceil(min), -2147483648);
    max = Math.min(Math.floor(max), 2147483647);
    if (min > max) {
      throw new ValueError(
        "clip",
        "max",
        `no integer lies in [${min}, ${max}] for an int32 tensor`,
      );
    }
  }
  return unaryOp("clip", x, min, max);
}

/**
 * Converts to `dtype`, always copying. Float to int32 truncates toward zero;
 * NaN, infinities and values outside the int32 range are an error (they have
 * no int32 value, and wrapping them silently hides bugs).
 * @throws ValueError for a float value int32 cannot represent
 * @example
 * ```ts
 * tensor([1.7, -1.7]).cast("int32").toArray(); // [1, -1]
 * ```
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  assertTensor("cast", "x", x);
  assertDType("cast", dtype);
  const out = allocate(dtype, x.size);
  if (dtype === "int32" && x.dtype !== "int32") {
    const src = x.data;
    for (let i = 0; i < src.length; i++) {
      const v = Math.trunc(src[i]!);
      if (!(v >= -2147483648 && v <= 2147483647)) {
        throw new ValueError(
          "cast",
          "x",
          `value ${src[i]} at flat index ${i} has no int32 value (shape [${x.shape.join(",")}])`,
        );
      }
      out[i] = v;
    }
  } else {
    out.set(x.data);
  }
  return new Tensor(out, x.shape);
}

const whereSel = new Float64Array(2);

/**
 * Where `condition` is non-zero (NaN counts as non-zero) take `a`, else `b`;
 * all three broadcast together. `a` and `b` must share a dtype (a number takes
 * the other's); `condition` may be of any dtype.
 * @example
 * ```ts
 * const x = tensor([-2, 3]);
 * where(x.gt(0), x, 0).toArray(); // [0, 3]
 * ```
 */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  assertTensor("where", "condition", condition);
  const dtype = a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : "float32";
  const ta = toTensor("where", "a", a, dtype);
  const tb = toTensor("where", "b", b, dtype);
  if (ta.dtype !== tb.dtype)
    throw new DTypeError(
      "where",
      "b",
      `a and b have different dtypes: ${ta.dtype} and ${tb.dtype} (cast one with .cast())`,
    );
  const shape = broadcastShapes(
    "where",
    broadcastShapes("where", condition.shape, ta.shape, "a"),
    tb.shape,
    "b",
  );
  const size = sizeOf(shape);
  const out = allocate(dtype, size);
  if (size === 0) return new Tensor(out, shape);
  const cs = broadcastStrides(condition.shape, shape);
  const as = broadcastStrides(ta.shape, shape);
  const bs = broadcastStrides(tb.shape, shape);
  const rank = shape.length;
  const inner = rank === 0 ? 1 : shape[rank - 1]!;
  const ic = rank === 0 ? 0 : cs[rank - 1]!;
  const ia = rank === 0 ? 0 : as[rank - 1]!;
  const ib = rank === 0 ? 0 : bs[rank - 1]!;
  const c = condition.data;
  const da = ta.data;
  const db = tb.data;
  const idx = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  let ci = 0;
  let ai = 0;
  let bi = 0;
  const sel = whereSel;
  for (let o = 0; o < size; o += inner) {
    // Branch-free select: a random mask would mispredict a conditional jump half the time.
    for (let j = 0, pc = ci, pa = ai, pb = bi; j < inner; j++, pc += ic, pa += ia, pb += ib) {
      sel[0] = db[pb]!;
      sel[1] = da[pa]!;
      out[o + j] = sel[Number(c[pc] !== 0)]!;
    }
    for (let d = rank - 2; d >= 0; d--) {
      ci += cs[d]!;
      ai += as[d]!;
      bi += bs[d]!;
      if (++idx[d]! < shape[d]!) break;
      ci -= cs[d]! * shape[d]!;
      ai -= as[d]! * shape[d]!;
      bi -= bs[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return new Tensor(out, shape);
}
