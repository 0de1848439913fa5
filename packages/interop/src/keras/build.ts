import {
  Activation,
  BatchNorm,
  Dense,
  Dropout,
  getActivation,
  type Module,
  Sequential,
  type StateDict,
} from "@neurite/layers";
import { Tensor, ValueError } from "@neurite/tensor";
import { UnsupportedLayerError } from "../errors.js";
import { type KerasFlavor, kerasActivation } from "./activations.js";

/** One layer of a Keras `Sequential` config: its class and its config object. */
export interface KerasLayerSpec {
  className: string;
  config: Record<string, unknown>;
}

/** A float32 weight by `layerName/kind` (`dense_1/kernel`). */
export interface KerasWeight {
  shape: number[];
  data: Float32Array;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The layers of a Keras / TensorFlow.js model config, checking that it is a
 * Sequential model: `{ class_name: "Sequential", config: { layers } }` (or the
 * older `config: [layers]`), possibly wrapped in `{ model_config }`.
 */
export function sequentialLayers(op: string, arg: string, topology: unknown): KerasLayerSpec[] {
  let t = topology;
  if (isObject(t) && isObject(t.model_config)) t = t.model_config;
  if (!isObject(t) || typeof t.class_name !== "string")
    throw new ValueError(
      op,
      arg,
      `expected a Keras model config ({ class_name, config }), got ${t instanceof ArrayBuffer ? "an ArrayBuffer (a TensorFlow graph model, which has no layers to rebuild)" : typeof t}`,
    );
  if (t.class_name !== "Sequential")
    throw new ValueError(
      op,
      arg,
      `only Sequential models can be imported, got a '${t.class_name}' model (rebuild it as a Sequential stack of layers)`,
    );
  const layers = Array.isArray(t.config)
    ? t.config
    : isObject(t.config)
      ? t.config.layers
      : undefined;
  if (!Array.isArray(layers))
    throw new ValueError(op, arg, "the Sequential config has no list of layers");
  return layers.map((l, i) => {
    if (!isObject(l) || typeof l.class_name !== "string" || !isObject(l.config))
      throw new ValueError(op, arg, `layer ${i} of the config has no class_name and config`);
    return { className: l.class_name, config: l.config };
  });
}

class WeightTable {
  private readonly used = new Set<string>();
  constructor(
    private readonly op: string,
    private readonly arg: string,
    private readonly weights: ReadonlyMap<string, KerasWeight>,
  ) {}

  take(layer: string, kind: string, shape?: readonly (number | undefined)[]): KerasWeight {
    const key = `${layer}/${kind}`;
    const w = this.weights.get(key);
    if (!w)
      throw new ValueError(
        this.op,
        this.arg,
        `the weights have no '${key}' (they hold: ${[...this.weights.keys()].join(", ") || "nothing"})`,
      );
    if (
      shape &&
      (w.shape.length !== shape.length || shape.some((d, i) => d !== undefined && d !== w.shape[i]))
    )
      throw new ValueError(
        this.op,
        this.arg,
        `weight '${key}' has shape [${w.shape.join(",")}], expected [${shape.map((d) => d ?? "?").join(",")}]`,
      );
    this.used.add(key);
    return w;
  }

  unused(): string[] {
    return [...this.weights.keys()].filter((k) => !this.used.has(k));
  }
}

function num(c: Record<string, unknown>, key: string, fallback: number): number {
  const v = c[key];
  return typeof v === "number" ? v : fallback;
}

function bool(c: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = c[key];
  return typeof v === "boolean" ? v : fallback;
}

function inputShapeOf(c: Record<string, unknown>): (number | null)[] | undefined {
  for (const key of ["batch_input_shape", "batch_shape"]) {
    const v = c[key];
    if (Array.isArray(v)) return v as (number | null)[];
  }
  return undefined;
}

/**
 * Rebuilds a Keras / TensorFlow.js Sequential model as a Neurite
 * `Sequential` with the given weights, in eval mode. Supports InputLayer,
 * Dense, BatchNormalization (over the last axis), Activation, Dropout, and
 * the activation layers LeakyReLU, ELU, Softmax and (plain) ReLU.
 */
export function buildSequential(
  op: string,
  arg: string,
  specs: readonly KerasLayerSpec[],
  weights: ReadonlyMap<string, KerasWeight>,
  flavor: KerasFlavor,
): Sequential {
  const table = new WeightTable(op, arg, weights);
  const layers: Module[] = [];
  const state: StateDict = {};
  let rank: number | undefined;
  specs.forEach((spec, i) => {
    const c = spec.config;
    const name = typeof c.name === "string" ? c.name : `layer_${i}`;
    const fail = (reason: string): never => {
      throw new UnsupportedLayerError(op, arg, name, spec.className, reason);
    };
    const declared = inputShapeOf(c);
    if (declared && rank === undefined) rank = declared.length;
    const at = String(layers.length);
    switch (spec.className) {
      case "InputLayer":
        return;
      case "Dense": {
        const units = num(c, "units", Number.NaN);
        const useBias = bool(c, "use_bias", true);
        const kernel = table.take(name, "kernel", [undefined, units]);
        const activation = kerasActivation(op, c.activation, flavor, name, spec.className);
        layers.push(
          new Dense(units, {
            inputDim: kernel.shape[0]!,
            useBias,
            activation: activation ? getActivation(activation.name, activation.options) : null,
            name,
          }),
        );
        // Keras stores the kernel [inputs, units], as Neurite does.
        state[`${at}.kernel`] = new Tensor(kernel.data, kernel.shape);
        if (useBias) {
          const bias = table.take(name, "bias", [units]);
          state[`${at}.bias`] = new Tensor(bias.data, bias.shape);
        }
        return;
      }
      case "BatchNormalization": {
        const axis = Array.isArray(c.axis) && c.axis.length === 1 ? c.axis[0] : (c.axis ?? -1);
        const last = axis === -1 || (rank !== undefined && axis === rank - 1);
        if (!last)
          fail(
            `normalizes axis ${JSON.stringify(c.axis)}; Neurite's BatchNorm normalizes the last (feature) axis only`,
          );
        const center = bool(c, "center", true);
        const scale = bool(c, "scale", true);
        const mean = table.take(name, "moving_mean", [undefined]);
        const variance = table.take(name, "moving_variance", mean.shape);
        layers.push(
          new BatchNorm({
            features: mean.shape[0]!,
            momentum: num(c, "momentum", 0.99),
            epsilon: num(c, "epsilon", 1e-3),
            center,
            scale,
            name,
          }),
        );
        if (scale) state[`${at}.gamma`] = tensorOf(table.take(name, "gamma", mean.shape));
        if (center) state[`${at}.beta`] = tensorOf(table.take(name, "beta", mean.shape));
        state[`${at}.movingMean`] = tensorOf(mean);
        state[`${at}.movingVariance`] = tensorOf(variance);
        return;
      }
      case "Activation": {
        const a = kerasActivation(op, c.activation, flavor, name, spec.className);
        layers.push(new Activation(a?.name ?? "identity", { ...a?.options, name }));
        return;
      }
      case "Dropout":
        layers.push(new Dropout(num(c, "rate", 0), { name }));
        return;
      case "LeakyReLU": {
        const alpha = num(c, "negative_slope", num(c, "alpha", 0.3));
        layers.push(new Activation("leakyRelu", { alpha, name }));
        return;
      }
      case "ELU":
        layers.push(new Activation("elu", { alpha: num(c, "alpha", 1), name }));
        return;
      case "Softmax": {
        const axis = Array.isArray(c.axis) && c.axis.length === 1 ? c.axis[0] : (c.axis ?? -1);
        if (typeof axis !== "number") fail(`softmax over several axes ${JSON.stringify(c.axis)}`);
        layers.push(new Activation("softmax", { axis: axis as number, name }));
        return;
      }
      case "ReLU": {
        const plain =
          (c.max_value === undefined || c.max_value === null) &&
          num(c, "negative_slope", 0) === 0 &&
          num(c, "threshold", 0) === 0;
        if (!plain)
          fail("a ReLU with max_value, negative_slope or threshold has no Neurite counterpart");
        layers.push(new Activation("relu", { name }));
        return;
      }
      default:
        fail(
          "Neurite imports InputLayer, Dense, BatchNormalization, Activation, Dropout, LeakyReLU, ELU, Softmax and ReLU layers",
        );
    }
  });
  const unused = table.unused();
  if (unused.length > 0)
    throw new ValueError(op, arg, `weights that belong to no imported layer: ${unused.join(", ")}`);
  const model = new Sequential(layers);
  model.loadStateDict(state);
  return model.eval();
}

function tensorOf(w: KerasWeight): Tensor {
  return new Tensor(w.data, w.shape);
}
