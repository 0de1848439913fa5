import { record, type Variable } from "@neurite/autograd";
import {
  aroundAxis,
  kernels,
  type Shape,
  Tensor,
  type TypedArray,
  type UnaryOp,
} from "@neurite/tensor";
import { alloc, asVariable, requireFloat } from "../internal.js";
import { rememberLogits } from "../losses/keras-logits.js";
import type { ActivationFunction, ActivationName, ActivationOptions } from "./types.js";

/**
 * How an activation computes: an elementwise {@link UnaryOp} of the tensor
 * kernels with its parameter, the identity, or softmax / log-softmax along an
 * axis. Every number (forward, backward, `fn`, `derivative`) comes from the
 * kernels, so layers, autograd and the tensor ops share one definition.
 */
type Kind =
  | { type: "unary"; op: UnaryOp; p1: number }
  | { type: "identity" }
  | { type: "softmax"; axis: number; log: boolean };

interface Parts {
  name: ActivationName;
  config: ActivationOptions;
  kind: Kind;
  differentiable?: boolean;
}

// One-element (two for softmax) float64 buffers for `fn` and `derivative`.
const one = {
  x: new Float64Array(2),
  y: new Float64Array(2),
  g: new Float64Array(2),
  d: new Float64Array(2),
};
/** One-element views of `one`'s arrays, for the elementwise kernels (made once, not per call). */
const first = {
  x: one.x.subarray(0, 1),
  y: one.y.subarray(0, 1),
  g: one.g.subarray(0, 1),
  d: one.d.subarray(0, 1),
};

class ActivationImpl implements ActivationFunction {
  readonly name: ActivationName;
  readonly config: Readonly<ActivationOptions>;
  readonly differentiable: boolean;
  readonly elementwise: boolean;
  private readonly kind: Kind;

  constructor(p: Parts) {
    this.name = p.name;
    this.config = Object.freeze({ ...p.config });
    this.differentiable = p.differentiable ?? true;
    this.elementwise = p.kind.type !== "softmax";
    this.kind = p.kind;
    // Bound, so `const { fn } = activations.get("tanh")` keeps working.
    this.fn = this.fn.bind(this);
    this.derivative = this.derivative.bind(this);
    this.forward = this.forward.bind(this);
    this.backward = this.backward.bind(this);
  }

  fn(x: number): number {
    const k = this.kind;
    if (k.type === "identity") return x;
    const { x: xs, y } = one;
    xs[0] = x;
    if (k.type === "unary") {
      kernels().unary(k.op, first.x, first.y, k.p1, 0);
      return y[0]!;
    }
    // The first output of softmax([x, 0]) (the sigmoid), or of log-softmax.
    xs[1] = 0;
    kernels().softmax(xs, y, 1, 2, 1, k.log);
    return y[0]!;
  }

  derivative(x: number): number {
    const k = this.kind;
    if (k.type === "identity") return 1;
    const { g, d, y } = one;
    this.fn(x); // leaves x in one.x and f(x) in one.y
    g[0] = 1;
    if (k.type === "unary") {
      kernels().unaryGrad(k.op, first.g, first.x, first.y, first.d, k.p1, 0);
      return d[0]!;
    }
    // The Jacobian's diagonal entry of the two-class case: fn left y = softmax([x, 0]).
    g[1] = 0;
    kernels().softmaxGrad(g, y, d, 1, 2, 1, k.log);
    return d[0]!;
  }

  forward(z: TypedArray, out: TypedArray, shape: Shape): void {
    const k = this.kind;
    if (k.type === "identity") out.set(z);
    else if (k.type === "unary") kernels().unary(k.op, z, out, k.p1, 0);
    else kernels().softmax(z, out, ...aroundAxis(this.name, shape, k.axis), k.log);
  }

  backward(g: TypedArray, z: TypedArray, out: TypedArray, gz: TypedArray, shape: Shape): void {
    const k = this.kind;
    if (k.type === "identity") gz.set(g);
    else if (k.type === "unary") kernels().unaryGrad(k.op, g, z, out, gz, k.p1, 0);
    else kernels().softmaxGrad(g, out, gz, ...aroundAxis(this.name, shape, k.axis), k.log);
  }

  /**
   * The elementwise kernel op and parameter of this activation, for fused
   * kernels (Dense): `null` for the identity, `undefined` for softmax.
   */
  get unaryOp(): { op: UnaryOp | null; p1: number } | undefined {
    const k = this.kind;
    if (k.type === "identity") return { op: null, p1: 0 };
    return k.type === "unary" ? { op: k.op, p1: k.p1 } : undefined;
  }

  apply(x: Variable | Tensor): Variable {
    const v = asVariable(this.name, "x", x);
    requireFloat(this.name, "x", v.dtype);
    if (this.name === "identity") return v;
    const z = v.value;
    const out = alloc(z.dtype, z.size);
    this.forward(z.data, out, z.shape);
    const result = record(this.name, new Tensor(out, z.shape), [v], (g) => {
      const gz = alloc(g.dtype, g.size);
      this.backward(g.data, z.data, out, gz, z.shape);
      return [new Tensor(gz, z.shape)];
    });
    // Probability losses given this output use the logits instead (Keras's convention).
    const k = this.kind;
    if (this.name === "sigmoid") rememberLogits("sigmoid", result, v);
    else if (k.type === "softmax" && !k.log && isLastAxis(k.axis, z.rank))
      rememberLogits("softmax", result, v);
    return result;
  }
}

/**
 * The elementwise kernel op (`null` for the identity) and parameter of a
 * built-in activation, for fused kernels such as Dense's; `undefined` for
 * softmax / logSoftmax and for activations defined outside this module.
 */
export function fusedUnaryOf(
  act: ActivationFunction,
): { op: UnaryOp | null; p1: number } | undefined {
  return act instanceof ActivationImpl ? act.unaryOp : undefined;
}

/** True when `axis` names the last axis of a tensor of rank `rank` (the class axis of the losses). */
function isLastAxis(axis: number, rank: number): boolean {
  return axis === -1 || axis === rank - 1;
}

/** An elementwise activation computed by the tensor kernel `op`. */
function unaryActivation(
  name: ActivationName,
  config: ActivationOptions,
  op: UnaryOp,
  p1 = 0,
  differentiable = true,
): ActivationImpl {
  return new ActivationImpl({ name, config, kind: { type: "unary", op, p1 }, differentiable });
}

/** Builders of each activation from already-validated options. */
export const builders: Record<ActivationName, (o: Required<ActivationOptions>) => ActivationImpl> =
  {
    // step and sign: the derivative is 0 wherever it exists (NaN for NaN).
    step: ({ threshold }) => unaryActivation("step", { threshold }, "step", threshold, false),
    sign: () => unaryActivation("sign", {}, "sign", 0, false),
    sigmoid: () => unaryActivation("sigmoid", {}, "sigmoid"),
    tanh: () => unaryActivation("tanh", {}, "tanh"),
    relu: () => unaryActivation("relu", {}, "relu"),
    leakyRelu: ({ alpha }) => unaryActivation("leakyRelu", { alpha }, "leakyRelu", alpha),
    identity: () =>
      new ActivationImpl({ name: "identity", config: {}, kind: { type: "identity" } }),
    softmax: ({ axis }) =>
      new ActivationImpl({
        name: "softmax",
        config: { axis },
        kind: { type: "softmax", axis, log: false },
      }),
    logSoftmax: ({ axis }) =>
      new ActivationImpl({
        name: "logSoftmax",
        config: { axis },
        kind: { type: "softmax", axis, log: true },
      }),
    elu: ({ alpha }) => unaryActivation("elu", { alpha }, "elu", alpha),
    selu: () => unaryActivation("selu", {}, "selu"),
    gelu: ({ approximate }) =>
      unaryActivation("gelu", { approximate }, approximate ? "geluTanh" : "gelu"),
    softplus: () => unaryActivation("softplus", {}, "softplus"),
    swish: () => unaryActivation("swish", {}, "swish"),
    // Keras 3: relu6(x + 3) / 6 = clip(x/6 + 1/2, 0, 1). (Keras 2 used slope 0.2.)
    hardSigmoid: () => unaryActivation("hardSigmoid", {}, "hardSigmoid"),
  };

/** Which options each activation accepts, with their defaults. */
export const defaults: Record<ActivationName, ActivationOptions> = {
  step: { threshold: 0 },
  sign: {},
  sigmoid: {},
  tanh: {},
  relu: {},
  leakyRelu: { alpha: 0.3 },
  identity: {},
  softmax: { axis: -1 },
  logSoftmax: { axis: -1 },
  elu: { alpha: 1 },
  selu: {},
  gelu: { approximate: false },
  softplus: {},
  swish: {},
  hardSigmoid: {},
};
