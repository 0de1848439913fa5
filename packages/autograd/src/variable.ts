import {
  type ArrayRank,
  type Axis,
  add,
  allocateState,
  brand,
  checkOptions,
  type DType,
  DTypeError,
  isFloat,
  kernels,
  type NestedArray,
  type NestedArrayOfRank,
  optionNames,
  shapesEqual,
  Tensor,
  type TypedArray,
  tensor,
} from "@neurite/tensor";
import { runBackward } from "./backward.js";
import { AutogradError, describe } from "./errors.js";
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

const NO_OPTIONS: VariableOptions = Object.freeze({});
const VARIABLE_OPTIONS = optionNames<VariableOptions>({ requiresGrad: true, name: true });

/** Options of {@link Variable.backward}. */
export interface BackwardOptions {
  /** Keep the graph after backward so it can be walked again (default false: freed). */
  retainGraph?: boolean;
}

const BACKWARD_OPTIONS = optionNames<BackwardOptions>({ retainGraph: true });

/**
 * A tensor that records the operations applied to it, so gradients can be
 * computed by {@link Variable.backward}. Methods mirror the Tensor API and
 * return Variables. The graph is freed by backward and everything else is
 * collected by the garbage collector: nothing needs to be disposed.
 *
 * @example
 * ```ts
 * const x = new Variable(tensor([1, 2, 3]), { requiresGrad: true });
 * x.square().sum().backward();
 * x.grad!.toArray(); // [2, 4, 6]
 * ```
 */
export class Variable {
  static {
    // instanceof holds across copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_Variable)
    brand(this, "Variable");
  }

  /**
   * The current value. Optimizers may replace it or update its storage in
   * place between steps; do not write to it between a forward pass and its
   * backward, since gradient rules read the values they were recorded with.
   */
  value: Tensor;
  #grad: Tensor | null = null;
  /** Whether `#grad` was allocated by backward and never handed out through the `grad` getter. */
  #owned = false;
  /** A gradient buffer of this Variable's own that nobody else holds, reused by the next backward. */
  #spare: Tensor | null = null;
  /** The backward pass in which `#spare`'s storage was lent to a gradient rule (see {@link lendGradBuffer}); 0 for none. */
  #lentIn = 0;
  /** Optional name, for messages and debugging. */
  name: string | undefined;
  /** @internal The operation that produced this Variable; null for leaves. */
  node: GraphNode | null = null;
  /** @internal Whether a non-leaf keeps its gradient in `.grad` (see {@link retainGrad}). */
  retainsGrad = false;
  /** @internal The backward pass that last visited this Variable (see backward.ts); 0 for none. */
  visitMark = 0;
  /** @internal The gradient summed so far during the running backward pass, or null. */
  pendingGrad: Tensor | null = null;
  #requiresGrad: boolean;

  /**
   * @param value - the tensor to wrap (not copied)
   * @param options - `requiresGrad` (default false) and `name`
   * @throws DTypeError when `value` is not a Tensor, or `requiresGrad` is asked for an int32 value
   */
  constructor(value: Tensor, options: VariableOptions = NO_OPTIONS) {
    if (!(value instanceof Tensor)) {
      throw new DTypeError("Variable", "value", `expected a Tensor, got ${describe(value)}`);
    }
    // Ops create Variables without options: only a caller's options are checked.
    if (options !== NO_OPTIONS) checkOptions("Variable", options, VARIABLE_OPTIONS);
    this.value = value;
    this.name = options.name;
    this.#requiresGrad = false;
    if (options.requiresGrad) this.requiresGrad = true;
  }

  /**
   * Whether gradients flow to this Variable. Only float32/float64 values may
   * require gradients, and only a leaf's flag can be changed (to freeze or
   * unfreeze a parameter); use {@link detach} to cut a result from the graph.
   */
  get requiresGrad(): boolean {
    return this.#requiresGrad;
  }
  set requiresGrad(flag: boolean) {
    if (flag === this.#requiresGrad) return;
    if (this.node !== null) {
      throw new AutogradError(
        "requiresGrad",
        "",
        `only a leaf Variable's flag can be changed; this one is the output of '${this.node.op}' (use detach() to cut it from the graph)`,
      );
    }
    if (flag && !isFloat(this.value.dtype)) {
      throw new DTypeError(
        "Variable",
        "requiresGrad",
        `only float32/float64 values can require gradients, got ${this.value.dtype} of shape [${this.value.shape.join(",")}] (cast it with .cast("float32") first)`,
      );
    }
    this.#requiresGrad = flag;
  }

  /**
   * The accumulated gradient (same shape and dtype as `value`), or null before
   * any backward and after {@link zeroGrad}. Backward replaces it with a new
   * tensor (never writes into one that was read or assigned here), so it can
   * be modified freely. A gradient buffer that was never read through this
   * property is recycled: after `grad = null` (or `zeroGrad()`), the next
   * backward writes into it instead of allocating, so a training loop whose
   * optimizer consumes gradients internally allocates none per step. Such a
   * buffer, when large and float32, lives in the WebAssembly backend's memory
   * (see `allocState`), where the kernels use it without copies; reading it
   * here hands out a copy in ordinary memory, once, since a block of that
   * memory is reused after its buffer is collected (the buffer itself is
   * kept for the next backward).
   */
  get grad(): Tensor | null {
    const g = this.#grad;
    if (this.#owned && g !== null && inSharedMemory(g.data)) {
      // A buffer in the kernels' memory is reused once its view is collected, so
      // a view of it (a subarray) kept by a user could go stale: hand out a copy.
      // The buffer itself stays ours, for the next backward to write into.
      this.#grad = g.clone();
      this.#spare = g;
    }
    this.#owned = false;
    return this.#grad;
  }
  set grad(g: Tensor | null) {
    const prev = this.#grad;
    if (prev !== g) {
      if (this.#owned && prev !== null) this.#spare = prev;
      this.#grad = g;
      this.#owned = false;
    }
  }

  /**
   * @internal The gradient for a consumer that only reads it during the call
   * and keeps no reference (optimizers): unlike the `grad` getter, the buffer
   * stays recyclable.
   */
  peekGrad(): Tensor | null {
    return this.#grad;
  }

  /**
   * @internal For backward pass `pass` (see `gradBufferFor`): the storage of
   * this leaf's recycled gradient buffer, for a gradient rule to write this
   * Variable's whole gradient into, so that it becomes `.grad` without a
   * copy. Only while no gradient is held or pending, once per pass, and when
   * the buffer has `size` elements; null otherwise.
   */
  lendGradBuffer(pass: number, size: number): TypedArray | null {
    const spare = this.#spare;
    if (
      spare === null ||
      this.node !== null ||
      this.#grad !== null ||
      this.pendingGrad !== null ||
      this.#lentIn === pass ||
      spare.size !== size ||
      spare.dtype !== this.value.dtype ||
      !shapesEqual(spare.shape, this.value.shape)
    ) {
      return null;
    }
    this.#lentIn = pass;
    return spare.data;
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
  /** True for Variables created by the user (not by an operation); parameters are leaves. */
  get isLeaf(): boolean {
    return this.node === null;
  }

  /**
   * Computes the gradient of this Variable with respect to every leaf that
   * requires one, and adds it to their `.grad` (gradients accumulate across
   * calls until {@link zeroGrad}). Without `gradient`, this must have one
   * element and the seed is 1; otherwise pass the upstream gradient: a tensor
   * of this Variable's shape and dtype, or a number filling that shape.
   * The graph is freed afterwards unless `retainGraph`.
   *
   * @throws AutogradError for a non-scalar without `gradient`, a gradient of the
   *   wrong shape or dtype, a Variable that does not require gradients, or a
   *   graph already freed by an earlier backward
   */
  backward(gradient?: Tensor | number, options: BackwardOptions = {}): void {
    checkOptions("backward", options, BACKWARD_OPTIONS);
    runBackward(this, gradient, options.retainGraph ?? false);
  }

  /**
   * Asks a non-leaf Variable to keep its gradient in `.grad` during backward
   * (leaves always do).
   * @throws AutogradError when this Variable does not require gradients
   */
  retainGrad(): this {
    if (!this.requiresGrad) {
      throw new AutogradError(
        "retainGrad",
        "",
        `this Variable (shape [${this.shape.join(",")}]) does not require gradients, so it never gets one`,
      );
    }
    this.retainsGrad = true;
    return this;
  }

  /**
   * A Variable sharing this value's storage but cut from the graph: it does not
   * require gradients, and no gradient flows through it to what this was
   * computed from.
   */
  detach(): Variable {
    return new Variable(this.value, { name: this.name });
  }

  /** Sets `.grad` to null, so the next backward starts from zero. */
  zeroGrad(): void {
    this.grad = null;
  }

  /**
   * @internal Adds `g` into `.grad`. The first gradient is copied (rules may
   * share tensors), into the recycled buffer when there is one; later ones are
   * added in place into a buffer nobody else has seen, else into a new tensor.
   */
  accumulateGrad(g: Tensor): void {
    const prev = this.#grad;
    if (prev === null) {
      const spare = this.#spare;
      this.#spare = null;
      if (spare !== null && spare.dtype === g.dtype && shapesEqual(spare.shape, g.shape)) {
        // A rule that wrote straight into the lent storage leaves nothing to copy.
        if (g.data !== spare.data) (spare.data as Float32Array).set(g.data as Float32Array);
        this.#grad = spare;
      } else this.#grad = ownedGradient(g);
      this.#owned = true;
      return;
    }
    if (!(prev instanceof Tensor) || !shapesEqual(prev.shape, g.shape) || prev.dtype !== g.dtype) {
      throw new AutogradError(
        "backward",
        "grad",
        `cannot add a gradient of shape [${g.shape.join(",")}] ${g.dtype} to the existing .grad (${prev instanceof Tensor ? `shape [${prev.shape.join(",")}] ${prev.dtype}` : describe(prev)})${this.name ? ` of '${this.name}'` : ""}; was .grad assigned by hand? Call zeroGrad() first`,
      );
    }
    if (this.#owned) {
      // In place through the backend's binary kernel (out === a is allowed).
      const d = prev.data;
      kernels().binary("add", d, [1], g.data, [1], d, [d.length]);
      return;
    }
    this.#grad = add(prev, g);
    this.#owned = true;
  }

  // ---- elementwise ----
  /** `this + b`, broadcasting; a broadcast operand's gradient is summed back to its shape. */
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
  /** Elementwise maximum, broadcasting; on ties each side gets half the gradient. */
  maximum(b: VariableLike): Variable {
    return E.maximum(this, b);
  }
  /** Elementwise minimum, broadcasting; on ties each side gets half the gradient. */
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
  /** Sign: 1, 0 or −1. Its gradient is 0 wherever it exists, so backward passes exactly 0 (see the README). */
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
  /** Limits values to `[min, max]`; the gradient passes inside (bounds included) and is 0 outside. */
  clip(min: number, max: number): Variable {
    return E.clip(this, min, max);
  }

  // ---- activations ----
  /**
   * Threshold step: 1 where `x > threshold`, else 0. Its gradient is 0 almost
   * everywhere, so backward passes exactly 0 and a network of step units cannot
   * learn by backpropagation (see the README).
   */
  step(threshold = 0): Variable {
    return A.step(this, threshold);
  }
  /** Logistic sigmoid `1 / (1 + e^−x)`. */
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
  /** ELU: `x` for positive x, `alpha·(e^x − 1)` otherwise. */
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
  /** Mean over `axis` (all when omitted). */
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
  /** Biased variance (divides by n) over `axis`. */
  variance(axis?: Axis, keepDims = false): Variable {
    return R.variance(this, axis, keepDims);
  }
  /** `log(Σ exp(x))` over `axis`, stable for large inputs. */
  logSumExp(axis?: Axis, keepDims = false): Variable {
    return R.logSumExp(this, axis, keepDims);
  }

  // ---- linear algebra and shape ----
  /** Matrix product: 2-D, batched with broadcast batch dimensions, or with a vector on either side. */
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
  /** Inserts a size-1 axis at `axis`. */
  expandDims(axis: number): Variable {
    return S.expandDims(this, axis);
  }
  /** Removes size-1 axes (all, or those in `axis`). */
  squeeze(axis?: Axis): Variable {
    return S.squeeze(this, axis);
  }
  /** Broadcasts to `shape`; the gradient is summed back over the broadcast axes. */
  broadcastTo(shape: readonly number[]): Variable {
    return S.broadcastTo(this, shape);
  }
  /** A sub-block: `size[i]` entries from `begin[i]` along each axis (-1: to the end). */
  slice(begin: readonly number[], size?: readonly number[]): Variable {
    return S.slice(this, begin, size);
  }
  /** Entries along `axis` at `indices` (NumPy `take`); repeated indices accumulate gradients. */
  gather(indices: Tensor | readonly number[], axis = 0): Variable {
    return S.gather(this, indices, axis);
  }

  /** The value as nested arrays; `toArray(2)` types it `number[][]` (see `Tensor.toArray`). */
  toArray(): NestedArray;
  toArray<R extends ArrayRank>(rank: R): NestedArrayOfRank[R];
  toArray(rank?: ArrayRank): NestedArray {
    return rank === undefined ? this.value.toArray() : this.value.toArray(rank);
  }
  /** The single value of a one-element Variable. */
  item(): number {
    return this.value.item();
  }
  /** A readable rendering with the gradient flag. */
  toString(): string {
    return `Variable(${this.value.toString()}${this.requiresGrad ? ", requiresGrad=true" : ""})`;
  }
  /** Lets `console.log(v)` in Node print {@link Variable.toString} instead of the raw fields. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * A trainable Variable: a leaf with `requiresGrad: true`. Layers create their
 * weights as Parameters; optimizers accept any Variables that require
 * gradients. Set `requiresGrad = false` to freeze one.
 */
export class Parameter extends Variable {
  static {
    // instanceof holds across copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_Parameter)
    brand(this, "Parameter");
  }

  /**
   * @param value - the initial value (float32 or float64, not copied)
   * @param name - an optional name for messages and state dicts
   * @throws DTypeError for an int32 value
   */
  constructor(value: Tensor, name?: string) {
    super(value, { requiresGrad: true, name });
  }
}

/**
 * Wraps a Tensor or number as a constant Variable (no gradient); Variables pass
 * through unchanged. A number becomes a scalar of `dtype`.
 * @throws DTypeError for anything else
 */
export function toVariable(x: VariableLike, dtype: DType = "float32"): Variable {
  return lift("toVariable", "x", x, dtype);
}

/** @internal {@link toVariable} for an op's operand: errors name the op and the argument. */
export function lift(op: string, arg: string, x: VariableLike, dtype: DType = "float32"): Variable {
  if (x instanceof Variable) return x;
  if (x instanceof Tensor) return new Variable(x);
  if (typeof x === "number") return new Variable(tensor(x, undefined, dtype));
  throw new DTypeError(op, arg, `expected a Variable, Tensor or number, got ${describe(x)}`);
}

/**
 * Creates a Variable from a tensor, or from nested arrays (float32).
 * @example
 * ```ts
 * const w = variable(randn([13, 20], 42), { requiresGrad: true });
 * const x = variable([[1, 2], [3, 4]]);
 * ```
 */
export function variable(
  value: Tensor | Parameters<typeof tensor>[0],
  options: VariableOptions = {},
): Variable {
  return new Variable(value instanceof Tensor ? value : tensor(value), options);
}

/**
 * A copy of a first gradient, in storage of its own. Large float32 gradients
 * go where the backend wants buffers that its kernels read and write every
 * step (`allocState`: WebAssembly memory where it is shared), so the optimizer
 * reads them, and the fused dense op writes the next ones, without copies.
 */
function ownedGradient(g: Tensor): Tensor {
  const data = g.data;
  if (!(data instanceof Float32Array)) return g.clone();
  const copy = allocateState(data, 0);
  copy.set(data);
  return new Tensor(copy, g.shape);
}

/** True for storage in shared memory (the WebAssembly backend's buffers). */
function inSharedMemory(data: TypedArray): boolean {
  return typeof SharedArrayBuffer === "function" && data.buffer instanceof SharedArrayBuffer;
}
