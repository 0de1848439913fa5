import { record, type Variable } from "@neurite/autograd";
import { normalizeAxis, type Shape, Tensor } from "@neurite/tensor";
import { alloc, asVariable, requireFloat } from "../internal.js";
import { rememberLogits } from "../losses/keras-logits.js";
import * as M from "./math.js";
import type { ActivationFunction, ActivationName, ActivationOptions } from "./types.js";

type Forward = ActivationFunction["forward"];
type Backward = ActivationFunction["backward"];

interface Parts {
  name: ActivationName;
  config: ActivationOptions;
  differentiable?: boolean;
  elementwise?: boolean;
  fn: (x: number) => number;
  derivative: (x: number) => number;
  forward?: Forward;
  backward?: Backward;
}

class ActivationImpl implements ActivationFunction {
  readonly name: ActivationName;
  readonly config: Readonly<ActivationOptions>;
  readonly differentiable: boolean;
  readonly elementwise: boolean;
  readonly fn: (x: number) => number;
  readonly derivative: (x: number) => number;
  readonly forward: Forward;
  readonly backward: Backward;

  constructor(p: Parts) {
    this.name = p.name;
    this.config = Object.freeze({ ...p.config });
    this.differentiable = p.differentiable ?? true;
    this.elementwise = p.elementwise ?? true;
    this.fn = p.fn;
    this.derivative = p.derivative;
    const fn = p.fn;
    const d = p.derivative;
    // Generic kernels call the scalar functions; the common activations pass
    // hand-written loops instead (see below).
    this.forward =
      p.forward ??
      ((z, out) => {
        for (let i = 0; i < z.length; i++) out[i] = fn(z[i]!);
      });
    this.backward =
      p.backward ??
      ((g, z, _out, gz) => {
        for (let i = 0; i < z.length; i++) gz[i] = g[i]! * d(z[i]!);
      });
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
    if (this.name === "sigmoid") rememberLogits("sigmoid", result, v);
    else if (this.name === "softmax" && isLastAxis(this.config.axis ?? -1, z.rank))
      rememberLogits("softmax", result, v);
    return result;
  }
}

/** True when `axis` names the last axis of a tensor of rank `rank` (the class axis of the losses). */
function isLastAxis(axis: number, rank: number): boolean {
  return axis === -1 || axis === rank - 1;
}

// NaN never compares true, so each piecewise rule below tests for it
// explicitly (`Number.isNaN`): a NaN input gives a NaN output and a NaN gradient,
// as the tensor ops and PyTorch do, instead of quietly becoming 0.

/** The gradient of a piecewise-constant function: 0, or NaN where the input is NaN. */
const zeroBackward: Backward = (_g, z, _out, gz) => {
  for (let i = 0; i < z.length; i++) {
    const v = z[i]!;
    gz[i] = Number.isNaN(v) ? Number.NaN : 0;
  }
};

/** 0 for every number, NaN for NaN: the derivative of a piecewise-constant function. */
const zeroDerivative = (x: number): number => (Number.isNaN(x) ? Number.NaN : 0);

/** `[outer, len, inner]` around `axis`, so kernels can walk one slice at a time. */
function around(op: string, shape: Shape, axis: number): [number, number, number] {
  const a = normalizeAxis(op, axis, shape.length);
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < a; i++) outer *= shape[i]!;
  for (let i = a + 1; i < shape.length; i++) inner *= shape[i]!;
  return [outer, shape[a]!, inner];
}

let scratch = new Float64Array(16);
/** A reusable float64 buffer of at least `n` entries (grow-only). */
function scratchOf(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch;
}

/** The largest of the `len` entries `z[base + k·inner]` (NaN if any is NaN), the shift of a stable softmax. */
function laneMax(z: ArrayLike<number>, base: number, len: number, inner: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < len; k++) m = Math.max(m, z[base + k * inner]!);
  return m;
}

function softmaxKernels(axis: number): { forward: Forward; backward: Backward } {
  return {
    forward(z, out, shape) {
      const [outer, len, inner] = around("softmax", shape, axis);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const base = o * len * inner + i;
          const m = laneMax(z, base, len, inner);
          let s = 0;
          const tmp = scratchOf(len);
          for (let k = 0; k < len; k++) {
            const e = Math.exp(z[base + k * inner]! - m);
            tmp[k] = e;
            s += e;
          }
          for (let k = 0; k < len; k++) out[base + k * inner] = tmp[k]! / s;
        }
      }
    },
    backward(g, _z, out, gz, shape) {
      const [outer, len, inner] = around("softmax", shape, axis);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const base = o * len * inner + i;
          let dot = 0;
          for (let k = 0; k < len; k++) dot += g[base + k * inner]! * out[base + k * inner]!;
          for (let k = 0; k < len; k++) {
            const j = base + k * inner;
            gz[j] = out[j]! * (g[j]! - dot);
          }
        }
      }
    },
  };
}

function logSoftmaxKernels(axis: number): { forward: Forward; backward: Backward } {
  return {
    forward(z, out, shape) {
      const [outer, len, inner] = around("logSoftmax", shape, axis);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const base = o * len * inner + i;
          const m = laneMax(z, base, len, inner);
          let s = 0;
          for (let k = 0; k < len; k++) s += Math.exp(z[base + k * inner]! - m);
          const lse = m + Math.log(s);
          for (let k = 0; k < len; k++) out[base + k * inner] = z[base + k * inner]! - lse;
        }
      }
    },
    backward(g, _z, out, gz, shape) {
      const [outer, len, inner] = around("logSoftmax", shape, axis);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const base = o * len * inner + i;
          let sg = 0;
          for (let k = 0; k < len; k++) sg += g[base + k * inner]!;
          for (let k = 0; k < len; k++) {
            const j = base + k * inner;
            gz[j] = g[j]! - Math.exp(out[j]!) * sg;
          }
        }
      }
    },
  };
}

/** Builders of each activation from already-validated options. */
export const builders: Record<ActivationName, (o: Required<ActivationOptions>) => ActivationImpl> =
  {
    step: ({ threshold }) =>
      new ActivationImpl({
        name: "step",
        config: { threshold },
        differentiable: false,
        fn: (x) => (x > threshold ? 1 : Number.isNaN(x) ? Number.NaN : 0),
        derivative: zeroDerivative,
        forward: (z, out) => {
          for (let i = 0; i < z.length; i++) {
            const v = z[i]!;
            out[i] = v > threshold ? 1 : Number.isNaN(v) ? Number.NaN : 0;
          }
        },
        backward: zeroBackward,
      }),
    sign: () =>
      new ActivationImpl({
        name: "sign",
        config: {},
        differentiable: false,
        // 0, -0 and NaN are returned unchanged, as the tensor op does.
        fn: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
        derivative: zeroDerivative,
        backward: zeroBackward,
      }),
    sigmoid: () =>
      new ActivationImpl({
        name: "sigmoid",
        config: {},
        fn: M.sigmoid,
        derivative: (x) => {
          const s = M.sigmoid(x);
          return s * (1 - s);
        },
        forward: (z, out) => {
          for (let i = 0; i < z.length; i++) out[i] = M.sigmoid(z[i]!);
        },
        backward: (g, _z, out, gz) => {
          for (let i = 0; i < out.length; i++) {
            const s = out[i]!;
            gz[i] = g[i]! * s * (1 - s);
          }
        },
      }),
    tanh: () =>
      new ActivationImpl({
        name: "tanh",
        config: {},
        fn: Math.tanh,
        derivative: (x) => {
          const t = Math.tanh(x);
          return 1 - t * t;
        },
        forward: (z, out) => {
          for (let i = 0; i < z.length; i++) out[i] = Math.tanh(z[i]!);
        },
        backward: (g, _z, out, gz) => {
          for (let i = 0; i < out.length; i++) {
            const t = out[i]!;
            gz[i] = g[i]! * (1 - t * t);
          }
        },
      }),
    relu: () =>
      new ActivationImpl({
        name: "relu",
        config: {},
        fn: (x) => (x > 0 || Number.isNaN(x) ? x : 0),
        derivative: (x) => (x > 0 ? 1 : Number.isNaN(x) ? Number.NaN : 0),
        forward: (z, out) => {
          for (let i = 0; i < z.length; i++) {
            const v = z[i]!;
            out[i] = v > 0 || Number.isNaN(v) ? v : 0;
          }
        },
        backward: (g, z, _out, gz) => {
          for (let i = 0; i < z.length; i++) {
            const v = z[i]!;
            gz[i] = v > 0 ? g[i]! : Number.isNaN(v) ? Number.NaN : 0;
          }
        },
      }),
    leakyRelu: ({ alpha }) =>
      new ActivationImpl({
        name: "leakyRelu",
        config: { alpha },
        fn: (x) => (x > 0 ? x : alpha * x),
        derivative: (x) => (x > 0 ? 1 : Number.isNaN(x) ? Number.NaN : alpha),
        forward: (z, out) => {
          for (let i = 0; i < z.length; i++) {
            const v = z[i]!;
            out[i] = v > 0 ? v : alpha * v;
          }
        },
        backward: (g, z, _out, gz) => {
          for (let i = 0; i < z.length; i++) {
            const v = z[i]!;
            gz[i] = v > 0 ? g[i]! : Number.isNaN(v) ? Number.NaN : alpha * g[i]!;
          }
        },
      }),
    identity: () =>
      new ActivationImpl({
        name: "identity",
        config: {},
        fn: (x) => x,
        derivative: () => 1,
        forward: (z, out) => {
          out.set(z);
        },
        backward: (g, _z, _out, gz) => {
          gz.set(g);
        },
      }),
    softmax: ({ axis }) =>
      new ActivationImpl({
        name: "softmax",
        config: { axis },
        elementwise: false,
        fn: M.sigmoid,
        derivative: (x) => {
          const s = M.sigmoid(x);
          return s * (1 - s);
        },
        ...softmaxKernels(axis),
      }),
    logSoftmax: ({ axis }) =>
      new ActivationImpl({
        name: "logSoftmax",
        config: { axis },
        elementwise: false,
        fn: (x) => -M.softplus(-x),
        derivative: (x) => 1 - M.sigmoid(x),
        ...logSoftmaxKernels(axis),
      }),
    elu: ({ alpha }) =>
      new ActivationImpl({
        name: "elu",
        config: { alpha },
        fn: (x) => (x > 0 ? x : alpha * Math.expm1(x)),
        derivative: (x) => (x > 0 ? 1 : alpha * Math.exp(x)),
      }),
    selu: () =>
      new ActivationImpl({
        name: "selu",
        config: {},
        fn: (x) => M.SELU_SCALE * (x > 0 ? x : M.SELU_ALPHA * Math.expm1(x)),
        derivative: (x) => M.SELU_SCALE * (x > 0 ? 1 : M.SELU_ALPHA * Math.exp(x)),
      }),
    gelu: ({ approximate }) =>
      new ActivationImpl({
        name: "gelu",
        config: { approximate },
        fn: approximate ? M.geluTanh : M.geluExact,
        derivative: approximate ? M.geluTanhDerivative : M.geluExactDerivative,
      }),
    softplus: () =>
      new ActivationImpl({
        name: "softplus",
        config: {},
        fn: M.softplus,
        derivative: M.sigmoid,
      }),
    swish: () =>
      new ActivationImpl({
        name: "swish",
        config: {},
        fn: (x) => x * M.sigmoid(x),
        derivative: (x) => {
          const s = M.sigmoid(x);
          return s * (1 + x * (1 - s));
        },
      }),
    hardSigmoid: () =>
      new ActivationImpl({
        name: "hardSigmoid",
        config: {},
        // Keras 3: relu6(x + 3) / 6 = clip(x/6 + 1/2, 0, 1). (Keras 2 used slope 0.2.)
        fn: (x) => (x <= -3 ? 0 : x >= 3 ? 1 : x / 6 + 0.5),
        derivative: (x) => (x > -3 && x < 3 ? 1 / 6 : Number.isNaN(x) ? Number.NaN : 0),
      }),
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
