import {
  checkOptions,
  type DType,
  optionNames,
  Rng,
  type Shape,
  Tensor,
  toRng,
  ValueError,
} from "@neurite/tensor";
import { alloc, finite, floatDType, sizeOfShape } from "./internal.js";

/** Names of the built-in initializers. */
export type InitializerName =
  | "glorotUniform"
  | "glorotNormal"
  | "heNormal"
  | "heUniform"
  | "lecunNormal"
  | "lecunUniform"
  | "randomNormal"
  | "randomUniform"
  | "zeros"
  | "ones"
  | "constant";

/** Parameters of the initializers that take any. */
export interface InitializerConfig {
  /** `constant`: the value (default 0). */
  value?: number;
  /** `randomNormal`: the mean (default 0). */
  mean?: number;
  /** `randomNormal`: the standard deviation (default 0.05, Keras). */
  stddev?: number;
  /** `randomUniform`: lower bound (default -0.05, Keras). */
  minval?: number;
  /** `randomUniform`: upper bound (default 0.05, Keras). */
  maxval?: number;
}

/**
 * Creates a weight tensor. Every initializer takes the generator explicitly,
 * so the same seed gives the same weights.
 */
export interface Initializer {
  /** The canonical name. */
  readonly name: InitializerName;
  /** Its parameters, enough to rebuild it with `initializers.get(name, config)`. */
  readonly config: Readonly<InitializerConfig>;
  /**
   * A new tensor of `shape`.
   * @param rng - a generator or a seed (deterministic initializers ignore it)
   * @param dtype - `float32` (default) or `float64`
   */
  init(shape: Shape, rng: Rng | number, dtype?: DType): Tensor;
}

/** An initializer or the name of a built-in one (camelCase or snake_case). */
export type InitializerLike = Initializer | InitializerName | (string & {});

/**
 * Fan-in and fan-out of a weight shape, as Keras computes them: `[in, out]`
 * for a Dense kernel; a 1-D shape has fanIn = fanOut = its length; for higher
 * ranks the leading dimensions form the receptive field.
 */
export function computeFans(shape: Shape): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  if (shape.length === 2) return { fanIn: shape[0]!, fanOut: shape[1]! };
  let receptive = 1;
  for (let i = 0; i < shape.length - 2; i++) receptive *= shape[i]!;
  return {
    fanIn: shape[shape.length - 2]! * receptive,
    fanOut: shape[shape.length - 1]! * receptive,
  };
}

/** Standard deviation of a unit normal truncated to [-2, 2]: Keras divides by it so the truncated samples keep the intended variance. */
const TRUNCATED_STD = 0.8796256610342398;

function fill(shape: Shape, dtype: DType, sample: () => number): Tensor {
  const data = alloc(floatDType("initializer", "dtype", dtype), sizeOfShape(shape));
  for (let i = 0; i < data.length; i++) data[i] = sample();
  return new Tensor(data, shape.slice());
}

function checkShape(op: string, shape: Shape): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0))
    throw new ValueError(
      op,
      "shape",
      `expected non-negative integer dimensions, got ${String(shape)}`,
    );
}

function make(
  name: InitializerName,
  config: InitializerConfig,
  sampler: (shape: Shape, rng: Rng) => () => number,
): Initializer {
  return Object.freeze({
    name,
    config: Object.freeze({ ...config }),
    init(shape: Shape, rng: Rng | number, dtype: DType = "float32"): Tensor {
      checkShape(name, shape);
      const r = rng instanceof Rng ? rng : toRng(rng);
      return fill(shape, dtype, sampler(shape, r));
    },
  });
}

/** Uniform in ±√(3·scale/n), n = fanIn, fanOut or their mean (Keras VarianceScaling). */
function scaledUniform(
  name: InitializerName,
  scale: number,
  mode: "fanIn" | "fanAvg",
): Initializer {
  return make(name, {}, (shape, rng) => {
    const { fanIn, fanOut } = computeFans(shape);
    const n = mode === "fanIn" ? fanIn : (fanIn + fanOut) / 2;
    const limit = Math.sqrt((3 * scale) / Math.max(1, n));
    return () => rng.uniformRange(-limit, limit);
  });
}

/** Normal truncated at ±2σ, σ corrected for the truncation (Keras VarianceScaling "truncated_normal"). */
function scaledTruncatedNormal(
  name: InitializerName,
  scale: number,
  mode: "fanIn" | "fanAvg",
): Initializer {
  return make(name, {}, (shape, rng) => {
    const { fanIn, fanOut } = computeFans(shape);
    const n = mode === "fanIn" ? fanIn : (fanIn + fanOut) / 2;
    const std = Math.sqrt(scale / Math.max(1, n)) / TRUNCATED_STD;
    return () => {
      let z = rng.normal();
      while (z < -2 || z > 2) z = rng.normal();
      return z * std;
    };
  });
}

/**
 * Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fanIn + fanOut)). The
 * default kernel initializer of Dense, as in Keras.
 */
export const glorotUniform = (): Initializer => scaledUniform("glorotUniform", 1, "fanAvg");
/**
 * Glorot normal: a normal truncated at two standard deviations with
 * σ = √(2 / (fanIn + fanOut)) / 0.8796 (Keras's choice; PyTorch's
 * xavier_normal_ is not truncated).
 */
export const glorotNormal = (): Initializer => scaledTruncatedNormal("glorotNormal", 1, "fanAvg");
/** He normal: truncated normal with σ = √(2 / fanIn) / 0.8796 (Keras). For ReLU layers. */
export const heNormal = (): Initializer => scaledTruncatedNormal("heNormal", 2, "fanIn");
/** He uniform: U(−l, l) with l = √(6 / fanIn). */
export const heUniform = (): Initializer => scaledUniform("heUniform", 2, "fanIn");
/** LeCun normal: truncated normal with σ = √(1 / fanIn) / 0.8796 (Keras). For SELU networks. */
export const lecunNormal = (): Initializer => scaledTruncatedNormal("lecunNormal", 1, "fanIn");
/** LeCun uniform: U(−l, l) with l = √(3 / fanIn). */
export const lecunUniform = (): Initializer => scaledUniform("lecunUniform", 1, "fanIn");

function filled(name: InitializerName, v: number): Initializer {
  return make(name, name === "constant" ? { value: v } : {}, () => () => v);
}

/** All zeros. The default bias initializer. */
export const zeros = (): Initializer => filled("zeros", 0);
/** All ones. */
export const ones = (): Initializer => filled("ones", 1);

/** Every element `value` (default 0). */
export function constant(value = 0): Initializer {
  return filled("constant", finite("constant", "value", value));
}

/** Normal samples, N(mean, stddev²) (Keras defaults 0 and 0.05). */
export function randomNormal(mean = 0, stddev = 0.05): Initializer {
  finite("randomNormal", "mean", mean);
  if (!(finite("randomNormal", "stddev", stddev) >= 0))
    throw new ValueError("randomNormal", "stddev", `expected stddev >= 0, got ${stddev}`);
  return make("randomNormal", { mean, stddev }, (_s, rng) => () => mean + stddev * rng.normal());
}

/** Uniform samples in [minval, maxval) (Keras defaults −0.05 and 0.05). */
export function randomUniform(minval = -0.05, maxval = 0.05): Initializer {
  finite("randomUniform", "minval", minval);
  finite("randomUniform", "maxval", maxval);
  if (!(minval < maxval))
    throw new ValueError(
      "randomUniform",
      "minval",
      `expected minval < maxval, got ${minval} and ${maxval}`,
    );
  return make(
    "randomUniform",
    { minval, maxval },
    (_s, rng) => () => rng.uniformRange(minval, maxval),
  );
}

const BUILDERS: Record<InitializerName, (c: InitializerConfig) => Initializer> = {
  glorotUniform,
  glorotNormal,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
  zeros,
  ones,
  constant: (c) => constant(c.value ?? 0),
  randomNormal: (c) => randomNormal(c.mean ?? 0, c.stddev ?? 0.05),
  randomUniform: (c) => randomUniform(c.minval ?? -0.05, c.maxval ?? 0.05),
};

const NAMES = Object.keys(BUILDERS) as InitializerName[];
const LOOKUP = new Map(NAMES.map((n) => [n.toLowerCase(), n]));
LOOKUP.set("xavieruniform", "glorotUniform");
LOOKUP.set("xaviernormal", "glorotNormal");
LOOKUP.set("kaimingnormal", "heNormal");
LOOKUP.set("kaiminguniform", "heUniform");

/**
 * An initializer by name (`"glorotUniform"`, `"glorot_uniform"`, `"he_normal"`,
 * ...) with its config, or an {@link Initializer} passed through.
 * @throws ValueError for an unknown name
 */
export function getInitializer(
  identifier: InitializerLike,
  config: InitializerConfig = {},
): Initializer {
  if (
    typeof identifier === "object" &&
    identifier !== null &&
    typeof identifier.init === "function"
  )
    return identifier;
  if (typeof identifier !== "string")
    throw new ValueError(
      "initializers.get",
      "name",
      `expected an initializer name or object, got ${identifier === null ? "null" : typeof identifier}`,
    );
  const name = LOOKUP.get(identifier.toLowerCase().replace(/[_\-\s]/g, ""));
  if (name === undefined)
    throw new ValueError(
      "initializers.get",
      "name",
      `unknown initializer '${identifier}'. Known: ${NAMES.join(", ")}`,
    );
  checkOptions("initializers.get", config, INITIALIZER_CONFIG, "config");
  return BUILDERS[name](config);
}

const INITIALIZER_CONFIG = optionNames<InitializerConfig>({
  value: true,
  mean: true,
  stddev: true,
  minval: true,
  maxval: true,
});

/**
 * The weight initializers, each seedable: `initializers.heNormal().init([13, 20], rng)`.
 * Keras defaults: Dense kernels use glorotUniform, biases zeros.
 */
export const initializers = {
  glorotUniform,
  glorotNormal,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
  zeros,
  ones,
  constant,
  randomNormal,
  randomUniform,
  computeFans,
  /** By name or object; see {@link getInitializer}. */
  get: getInitializer,
  /** All built-in names. */
  names: NAMES as readonly InitializerName[],
} as const;
