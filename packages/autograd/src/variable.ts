import { type Axis, add, type DType, DTypeError, isFloat, Tensor, tensor } from "@neurite/tensor";
import { runBackward } from "./backward.js";
import type { GraphNode } from "./graph.js";
import * as A from "./ops/activation.js";
import * as E from "./ops/elementwise.js";
import { matmul } from "./ops/matmul.js";
import * as R from "./ops/reduce.js";
import * as S from "./ops/shape.js";

/** A Variable, a Tensor (a constant) or a number (a scalar constant). */
export type VariableLike = Variable | Tensor | number;

/** Options of the {@link Variable} constructor. */
export interface VariableOptions {
  /** Whether gradients flow to this Variable (default false). Only float dtypes may require them. */
  requiresGrad?: boolean;
  /** A name shown in error messages and debugging. */
  name?: string;
}

/** Options of {@link Variable.backward}. */
export interface BackwardOptions {
  /** Keep the graph after backward so it can be walked again (default false: freed). */
  retainGraph?: boolean;
}

/**
 * A tensor that records the operations applied to it, so gradients can be
 * computed by {@link Variable.backward}. Methods mirror the Tensor API and
 * return Variables; the graph is freed after backward, and nothing needs to be
 * disposed.
 */
export class Variable {
  /** The current value. Optimizers update its storage in place. */
  value: Tensor;
  /** The accumulated gradient (same shape as `value`), or null before any backward. */
  grad: Tensor | null = null;
  /** Whether gradients flow to this Variable. */
  requiresGrad: boolean;
  /** Optional name, for messages. */
  name: string | undefined;
  /** @internal The operation that produced this Variable; null for leaves. */
  node: GraphNode | null = null;
  /** @internal Whether a non-leaf keeps its gradient in `.grad` (see {@link retainGrad}). */
  retainsGrad = false;

  /**
   * @param value - the tensor to wrap (not copied)
   * @param options - `requiresGrad` (default false) and `name`
   */
  constructor(value: Tensor, options: VariableOptions = {}) {
    if (!(value instanceof Tensor)) {
      throw new DTypeError(
        "Variable",
        "value",
        `expected a Tensor, got ${value === null ? "null" : typeof value}`,
      );
    }
    const requiresGrad = options.requiresGrad ?? false;
    if (requiresGrad && !isFloat(value.dtype)) {
      throw new DTypeError(
        "Variable",
        "requiresGrad",
        `only float32/float64 values can require gradients, got ${value.dtype}`,
      );
    }
    this.value = value;
    this.requiresGrad = requiresGrad;
    this.name = options.name;
  }

  /** The value's shape. */
  get shape(): readonly number[] {
    return this.value.shape;
  }
  /** The value's dtype. */
  get dtype(): DType {
    return this.value.dtype;
  }
  /** The value's number of elements. */
  get size(): number {
    return this.value.size;
  }
  /** The value's rank. */
  get rank(): number {
    return this.value.rank;
  }
  /** True for Variables created by the user (not by an operation). */
  get isLeaf(): boolean {
    return this.node === null;
  }

  /**
   * Computes the gradient of this Variable with respect to every leaf that
   * requires one, adding it to their `.grad`. Without `gradient`, this must be a
   * scalar (one element) and the seed is 1; otherwise pass the upstream gradient
   * of the same shape. The graph is freed afterwards unless `retainGraph`.
   */
  backward(gradient?: Tensor | number, options: BackwardOptions = {}): void {
    runBackward(this, gradient, options.retainGraph ?? false);
  }

  /** Asks a non-leaf Variable to keep its gradient in `.grad` during backward. */
  retainGrad(): this {
    this.retainsGrad = true;
    return this;
  }

  /** A Variable sharing this value but cut from the graph (no gradient flows through it). */
  detach(): Variable {
    return new Variable(this.value);
  }

  /** Sets `.grad` to null. */
  zeroGrad(): void {
    this.grad = null;
  }

  /** @internal Adds `g` into `.grad`. */
  accumulateGrad(g: Tensor): void {
    this.grad = this.grad === null ? g : add(this.grad, g);
  }

  // ---- elementwise ----
  /** `this + b`, broadcasting. */
  add(b: VariableLike): Variable {
    return E.add(this, b);
  }
  /** `this - b`, broadcasting. */
  sub(b: VariableLike): Variable {
    return E.sub(this, b);
  }
  /** `this * b`, broadcasting. */
  mul(b: VariableLike): Variable {
    return E.mul(this, b);
  }
  /** `this / b`, broadcasting. */
  div(b: VariableLike): Variable {
    return E.div(this, b);
  }
  /** `this ** b`, broadcasting. */
  pow(b: VariableLike): Variable {
    return E.pow(this, b);
  }
  /** Elementwise maximum; ties split the gradient evenly. */
  maximum(b: VariableLike): Variable {
    return E.maximum(this, b);
  }
  /** Elementwise minimum; ties split the gradient evenly. */
  minimum(b: VariableLike): Variable {
    return E.minimum(this, b);
  }
  /** `-x`. */
  neg(): Variable {
    return E.neg(this);
  }
  /** `|x|` (gradient 0 at 0). */
  abs(): Variable {
    return E.abs(this);
  }
  /** Sign; its gradient is zero everywhere it exists. */
  sign(): Variable {
    return A.sign(this);
  }
  /** `e^x`. */
  exp(): Variable {
    return E.exp(this);
  }
  /** Natural logarithm. */
  log(): Variable {
    return E.log(this);
  }
  /** `log(1 + x)`. */
  log1p(): Variable {
    return E.log1p(this);
  }
  /** Square root. */
  sqrt(): Variable {
    return E.sqrt(this);
  }
  /** `x²`. */
  square(): Variable {
    return E.square(this);
  }
  /** `1 / x`. */
  reciprocal(): Variable {
    return E.reciprocal(this);
  }
  /** Limits values to `[min, max]`; gradient 1 inside, 0 outside. */
  clip(min: number, max: number): Variable {
    return E.clip(this, min, max);
  }

  // ---- activations ----
  /** Threshold step; its gradient is zero almost everywhere (see the README). */
  step(threshold = 0): Variable {
    return A.step(this, threshold);
  }
  /** Logistic sigmoid. */
  sigmoid(): Variable {
    return A.sigmoid(this);
  }
  /** Hyperbolic tangent. */
  tanh(): Variable {
    return A.tanh(this);
  }
  /** `max(0, x)` (gradient 0 at 0). */
  relu(): Variable {
    return A.relu(this);
  }
  /** Leaky ReLU with slope `alpha` for negative inputs (default 0.3, as Keras). */
  leakyRelu(alpha = 0.3): Variable {
    return A.leakyRelu(this, alpha);
  }
  /** ELU. */
  elu(alpha = 1): Variable {
    return A.elu(this, alpha);
  }
  /** `log(1 + e^x)`. */
  softplus(): Variable {
    return A.softplus(this);
  }
  /** Softmax along `axis` (default last). */
  softmax(axis = -1): Variable {
    return A.softmax(this, axis);
  }
  /** Log-softmax along `axis` (default last), stable. */
  logSoftmax(axis = -1): Variable {
    return A.logSoftmax(this, axis);
  }

  // ---- reductions ----
  /** Sum over `axis` (all when omitted). */
  sum(axis?: Axis, keepDims = false): Variable {
    return R.sum(this, axis, keepDims);
  }
  /** Mean over `axis`. */
  mean(axis?: Axis, keepDims = false): Variable {
    return R.mean(this, axis, keepDims);
  }
  /** Maximum over `axis`; ties share the gradient evenly. */
  max(axis?: Axis, keepDims = false): Variable {
    return R.max(this, axis, keepDims);
  }
  /** Minimum over `axis`; ties share the gradient evenly. */
  min(axis?: Axis, keepDims = false): Variable {
    return R.min(this, axis, keepDims);
  }
  /** Biased variance over `axis`. */
  variance(axis?: Axis, keepDims = false): Variable {
    return R.variance(this, axis, keepDims);
  }
  /** `log(sum(exp(x)))` over `axis`. */
  logSumExp(axis?: Axis, keepDims = false): Variable {
    return R.logSumExp(this, axis, keepDims);
  }

  // ---- linear algebra and shape ----
  /** Matrix product (see `@neurite/tensor` matmul for shapes). */
  matmul(b: VariableLike): Variable {
    return matmul(this, b);
  }
  /** New shape, same data (one dimension may be -1). */
  reshape(shape: readonly number[]): Variable {
    return S.reshape(this, shape);
  }
  /** Permutes axes (reverses when omitted). */
  transpose(perm?: readonly number[]): Variable {
    return S.transpose(this, perm);
  }
  /** Inserts a size-1 axis. */
  expandDims(axis: number): Variable {
    return S.expandDims(this, axis);
  }
  /** Removes size-1 axes. */
  squeeze(axis?: Axis): Variable {
    return S.squeeze(this, axis);
  }
  /** Broadcasts to `shape`. */
  broadcastTo(shape: readonly number[]): Variable {
    return S.broadcastTo(this, shape);
  }
  /** A sub-block (see tensor's `slice`). */
  slice(begin: readonly number[], size?: readonly number[]): Variable {
    return S.slice(this, begin, size);
  }
  /** Entries along `axis` at `indices`. */
  gather(indices: Tensor | readonly number[], axis = 0): Variable {
    return S.gather(this, indices, axis);
  }

  /** The value as nested arrays. */
  toArray(): ReturnType<Tensor["toArray"]> {
    return this.value.toArray();
  }
  /** The single value of a one-element Variable. */
  item(): number {
    return this.value.item();
  }
  /** A readable rendering with the gradient flag. */
  toString(): string {
    return `Variable(${this.value.toString()}${this.requiresGrad ? ", requiresGrad=true" : ""})`;
  }
}

/**
 * A trainable Variable: `requiresGrad` is true. Layers create their weights as
 * Parameters; optimizers accept any Variables that require gradients.
 */
export class Parameter extends Variable {
  /** @param value - the initial value (float dtype); @param name - optional name */
  constructor(value: Tensor, name?: string) {
    super(value, { requiresGrad: true, name });
  }
}

/** Wraps a Tensor or number as a constant Variable (no gradient); Variables pass through. */
export function toVariable(x: VariableLike, dtype: DType = "float32"): Variable {
  if (x instanceof Variable) return x;
  if (x instanceof Tensor) return new Variable(x);
  if (typeof x === "number") return new Variable(tensor(x, undefined, dtype));
  throw new DTypeError(
    "toVariable",
    "x",
    `expected a Variable, Tensor or number, got ${x === null ? "null" : typeof x}`,
  );
}

/**
 * Creates a Variable from a tensor or nested arrays.
 * @example `const w = variable(randn([13, 20], 42), { requiresGrad: true });`
 */
export function variable(
  value: Tensor | Parameters<typeof tensor>[0],
  options: VariableOptions = {},
): Variable {
  return new Variable(value instanceof Tensor ? value : tensor(value), options);
}
