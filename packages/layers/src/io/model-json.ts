import { NeuriteError, Rng, ValueError } from "@neurite/tensor";
import { getActivation } from "../activations/registry.js";
import type { ActivationOptions } from "../activations/types.js";
import { FormatError } from "../errors.js";
import { getInitializer, type InitializerConfig } from "../initializers.js";
import { Activation } from "../layers/activation.js";
import { BatchNorm } from "../layers/batchnorm.js";
import { Dense } from "../layers/dense.js";
import { Dropout } from "../layers/dropout.js";
import { Sequential } from "../layers/sequential.js";
import type { Module } from "../module.js";

/** One layer of a saved architecture: its type and constructor options. */
export interface LayerJSON {
  /** The layer type, e.g. `"Dense"`. */
  className: string;
  /** What the layer's `getConfig()` returned; for a nested Sequential, also `layers`. */
  config: Record<string, unknown>;
}

/** A saved Sequential architecture: enough to rebuild the model before loading its weights. */
export interface ModelJSON {
  /** Always `"neurite.model"`. */
  format: "neurite.model";
  /** Version of this layout (1). */
  formatVersion: 1;
  /** Always `"Sequential"` for now. */
  className: "Sequential";
  /** The model's name, or null. */
  name: string | null;
  /** One input sample's shape (no batch dimension), or null when unknown. */
  inputShape: number[] | null;
  /** The layers, in order. */
  layers: LayerJSON[];
}

/** Rebuilds a layer from the `config` its `getConfig()` produced. */
export type LayerFactory = (config: Record<string, unknown>) => Module;

/** Reads typed fields out of a config, naming the layer in errors. */
class Reader {
  constructor(
    private readonly where: string,
    private readonly c: Record<string, unknown>,
  ) {}
  private bad(key: string, want: string): never {
    throw new FormatError(
      "modelFromJSON",
      "architecture",
      `${this.where}: config.${key} must be ${want}, got ${JSON.stringify(this.c[key])}`,
    );
  }
  num(key: string): number | undefined {
    const v = this.c[key];
    if (v === undefined || v === null) return undefined;
    return typeof v === "number" ? v : this.bad(key, "a number");
  }
  req(key: string): number {
    return this.num(key) ?? this.bad(key, "a number");
  }
  bool(key: string): boolean | undefined {
    const v = this.c[key];
    if (v === undefined || v === null) return undefined;
    return typeof v === "boolean" ? v : this.bad(key, "true or false");
  }
  str(key: string): string | undefined {
    const v = this.c[key];
    if (v === undefined || v === null) return undefined;
    return typeof v === "string" ? v : this.bad(key, "a string");
  }
  obj(key: string): { name: string; config: Record<string, unknown> } | undefined {
    const v = this.c[key];
    if (v === undefined || v === null) return undefined;
    if (
      typeof v !== "object" ||
      Array.isArray(v) ||
      typeof (v as { name?: unknown }).name !== "string"
    )
      return this.bad(key, "an object { name, config }");
    const config = (v as { config?: unknown }).config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config))
      return this.bad(key, "an object { name, config }");
    return { name: (v as { name: string }).name, config: config as Record<string, unknown> };
  }
  dtype(): "float32" | "float64" | undefined {
    const v = this.str("dtype");
    if (v === undefined || v === "float32" || v === "float64") return v;
    return this.bad("dtype", '"float32" or "float64"');
  }
}

type Factory = (config: Record<string, unknown>, where: string, rng: Rng) => Module;

const registry = new Map<string, Factory>();

/**
 * Makes a custom layer type loadable by `loadModel`: `factory` receives what
 * the layer's `getConfig()` returned (and its `className` must equal the
 * registered name).
 */
export function registerLayer(className: string, factory: LayerFactory): void {
  if (typeof className !== "string" || className.length === 0)
    throw new ValueError("registerLayer", "className", "expected a non-empty string");
  if (typeof factory !== "function")
    throw new ValueError("registerLayer", "factory", "expected a function");
  registry.set(className, (config) => factory(config));
}

registry.set("Dense", (c, where, rng) => {
  const r = new Reader(where, c);
  const act = r.obj("activation");
  const ki = r.obj("kernelInitializer");
  const bi = r.obj("biasInitializer");
  return new Dense(r.req("units"), {
    inputDim: r.num("inputDim"),
    activation: act ? getActivation(act.name, act.config as ActivationOptions) : null,
    useBias: r.bool("useBias"),
    kernelInitializer: ki ? getInitializer(ki.name, ki.config as InitializerConfig) : undefined,
    biasInitializer: bi ? getInitializer(bi.name, bi.config as InitializerConfig) : undefined,
    dtype: r.dtype(),
    ...seeded(r.num("seed"), rng),
    name: r.str("name"),
  });
});

registry.set("BatchNorm", (c, where) => {
  const r = new Reader(where, c);
  return new BatchNorm({
    features: r.num("features"),
    momentum: r.num("momentum"),
    epsilon: r.num("epsilon"),
    center: r.bool("center"),
    scale: r.bool("scale"),
    unbiasedMovingVariance: r.bool("unbiasedMovingVariance"),
    dtype: r.dtype(),
    name: r.str("name"),
  });
});

registry.set("Dropout", (c, where, rng) => {
  const r = new Reader(where, c);
  return new Dropout(r.req("rate"), { ...seeded(r.num("seed"), rng), name: r.str("name") });
});

registry.set("Activation", (c, where) => {
  const r = new Reader(where, c);
  const name = r.str("activation");
  if (name === undefined)
    throw new FormatError(
      "modelFromJSON",
      "architecture",
      `${where}: config.activation is missing`,
    );
  const { activation: _a, name: _n, ...options } = c;
  return new Activation(name, { ...(options as ActivationOptions), name: r.str("name") });
});

registry.set("Sequential", (c, where, rng) => {
  const r = new Reader(where, c);
  const layers = c.layers;
  if (!Array.isArray(layers))
    throw new FormatError(
      "modelFromJSON",
      "architecture",
      `${where}: config.layers must be an array`,
    );
  const model = new Sequential([], { name: r.str("name") });
  layers.forEach((l, i) => {
    const at = `${where} → layer ${i}`;
    const layer = layerFromJSON(l, at, rng);
    try {
      model.add(layer);
    } catch (e) {
      if (e instanceof NeuriteError)
        throw new FormatError(
          "modelFromJSON",
          "architecture",
          `${at} (${layer.className}): ${e.message}`,
          {
            cause: e,
          },
        );
      throw e;
    }
  });
  return model;
});

function layerToJSON(layer: Module): LayerJSON {
  const config = layer.getConfig();
  if (layer instanceof Sequential) config.layers = layer.layers.map(layerToJSON);
  return { className: layer.className, config };
}

/**
 * The saved seed, or a generator forked from the rebuild's own one: rebuilding
 * a model never draws from the global generator (which would shift the
 * initialization of layers created afterwards).
 */
function seeded(seed: number | undefined, rng: Rng): { seed?: number; rng?: Rng } {
  return seed === undefined ? { rng: rng.fork() } : { seed };
}

function layerFromJSON(json: unknown, where: string, rng: Rng): Module {
  if (
    typeof json !== "object" ||
    json === null ||
    typeof (json as LayerJSON).className !== "string"
  )
    throw new FormatError(
      "modelFromJSON",
      "architecture",
      `${where}: expected { className, config }`,
    );
  const { className, config } = json as LayerJSON;
  const factory = registry.get(className);
  if (!factory)
    throw new FormatError(
      "modelFromJSON",
      "architecture",
      `${where}: unknown layer type '${className}' (known: ${[...registry.keys()].join(", ")}; register custom layers with registerLayer)`,
    );
  const cfg = config ?? {};
  if (typeof cfg !== "object" || Array.isArray(cfg))
    throw new FormatError("modelFromJSON", "architecture", `${where}: config must be an object`);
  try {
    return factory(cfg, `${where} (${className})`, rng);
  } catch (e) {
    if (e instanceof FormatError) throw e;
    if (e instanceof NeuriteError)
      throw new FormatError(
        "modelFromJSON",
        "architecture",
        `${where} (${className}): ${e.message}`,
        { cause: e },
      );
    throw e;
  }
}

/**
 * The architecture of a Sequential model as JSON-ready data: each layer's
 * type and constructor options, plus the input shape when known.
 * @throws DTypeError for a layer with a custom activation function (it cannot be serialized)
 */
export function modelToJSON(model: Sequential): ModelJSON {
  if (!(model instanceof Sequential))
    throw new ValueError("modelToJSON", "model", "expected a Sequential model");
  return {
    format: "neurite.model",
    formatVersion: 1,
    className: "Sequential",
    name: model.name ?? null,
    inputShape: model.expectedInputShape ?? null,
    layers: model.layers.map(layerToJSON),
  };
}

/**
 * Rebuilds a Sequential model (with fresh weights) from {@link modelToJSON}'s
 * output or its JSON text. Layers whose input size is recorded are built.
 * @throws FormatError (kind `architecture`) for anything malformed or unknown
 */
export function modelFromJSON(json: ModelJSON | string): Sequential {
  let data: unknown = json;
  if (typeof json === "string") {
    try {
      data = JSON.parse(json);
    } catch (e) {
      throw new FormatError(
        "modelFromJSON",
        "architecture",
        `the architecture is not valid JSON (${(e as Error).message})`,
      );
    }
  }
  const d = data as Partial<ModelJSON>;
  if (typeof d !== "object" || d === null || d.format !== "neurite.model")
    throw new FormatError(
      "modelFromJSON",
      "architecture",
      `expected an object with format "neurite.model"`,
    );
  if (d.formatVersion !== 1)
    throw new FormatError(
      "modelFromJSON",
      "architecture",
      `unsupported formatVersion ${String(d.formatVersion)} (this version reads 1)`,
    );
  if (d.className !== "Sequential" || !Array.isArray(d.layers))
    throw new FormatError(
      "modelFromJSON",
      "architecture",
      'expected className "Sequential" and a layers array',
    );
  const model = layerFromJSON(
    { className: "Sequential", config: { name: d.name, layers: d.layers } },
    "model",
    new Rng(0),
  ) as Sequential;
  const shape = d.inputShape;
  if (shape !== null && shape !== undefined) {
    if (!Array.isArray(shape) || shape.some((v) => !Number.isInteger(v) || v <= 0))
      throw new FormatError(
        "modelFromJSON",
        "architecture",
        `inputShape must be positive integers, got ${JSON.stringify(shape)}`,
      );
    try {
      model.build([null, ...shape]);
    } catch (e) {
      if (e instanceof NeuriteError)
        throw new FormatError(
          "modelFromJSON",
          "architecture",
          `the layers do not fit inputShape ${JSON.stringify(shape)}: ${e.message}`,
          { cause: e },
        );
      throw e;
    }
  }
  return model;
}
