/**
 * The playground's settings and their home in the URL's query string.
 *
 * Every setting has a default and a range. {@link parseSettings} never throws:
 * a missing value takes the default silently; an invalid one takes the default
 * and adds a human-readable note, shown on the page. {@link serializeSettings}
 * writes the canonical query string, so `parse(serialize(s))` gives `s` back.
 */

/** The 2-D datasets the playground can generate (`samples` and `noise` apply to them). */
export const SYNTHETIC_DATASETS = ["xor", "moons", "circles", "spirals", "blobs"] as const;

/** The built-in tables of `@neurite/datasets` (classification, more than 2 features). */
export const TABLE_DATASETS = ["iris", "wine", "breastCancer", "digits"] as const;

/**
 * Every data source: the generated 2-D sets, the built-in tables, and `csv`,
 * the user's own file (which the URL cannot carry: it stays in the browser).
 */
export const DATASETS = [...SYNTHETIC_DATASETS, ...TABLE_DATASETS, "csv"] as const;
/** One of {@link DATASETS}. */
export type DatasetName = (typeof DATASETS)[number];

/** True for the generated 2-D sets, whose `samples` and `noise` settings apply. */
export function isSynthetic(name: DatasetName): name is (typeof SYNTHETIC_DATASETS)[number] {
  return (SYNTHETIC_DATASETS as readonly string[]).includes(name);
}

/**
 * Activations a hidden layer may use: the book's list (softmax aside, which is
 * the output layer's) followed by the extras. Step and sign are offered on
 * purpose: they pass no gradient, so a network of them cannot learn by
 * backpropagation — worth seeing.
 */
export const HIDDEN_ACTIVATIONS = [
  "step",
  "sign",
  "sigmoid",
  "tanh",
  "relu",
  "leakyRelu",
  "identity",
  "elu",
  "selu",
  "gelu",
  "softplus",
  "swish",
  "hardSigmoid",
] as const;
/** One of {@link HIDDEN_ACTIVATIONS}. */
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];

/** The optimizers of `@neurite/optim` the playground offers. */
export const OPTIMIZERS = [
  "sgd",
  "momentum",
  "adam",
  "rmsprop",
  "adagrad",
  "adadelta",
  "adamax",
  "nadam",
  "adamw",
] as const;
/** One of {@link OPTIMIZERS}; `momentum` is SGD with momentum 0.9. */
export type OptimizerChoice = (typeof OPTIMIZERS)[number];

/** Learning rates offered in the menu (the URL accepts any value in range). */
export const LEARNING_RATES = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3] as const;

/** Dropout rates offered in the menu (0 is off). */
export const DROPOUT_RATES = [0, 0.1, 0.2, 0.3, 0.5] as const;

/**
 * Training speeds offered, in iterations (weight updates) per second; 0 means
 * as fast as the machine allows. The speed is kept in the URL too but does not
 * change the run: the same settings give the same numbers at any speed.
 */
export const SPEEDS = [10, 30, 100, 300, 1000, 0] as const;

/** The speed of a fresh page, in iterations per second. */
export const DEFAULT_SPEED = 300;

/** One hidden layer: a Dense layer of `units` followed by `activation`. */
export interface LayerSpec {
  /** Number of units (neurons), {@link LIMITS}.units. */
  readonly units: number;
  /** The layer's activation function. */
  readonly activation: HiddenActivation;
}

/** Everything that defines a run: the same settings (seed included) give the same run. */
export interface Settings {
  /** Which 2-D dataset to generate. */
  readonly dataset: DatasetName;
  /** Number of samples, before the 75/25 train/test split. */
  readonly samples: number;
  /** Gaussian noise on the coordinates (for blobs: the spread of each cluster). */
  readonly noise: number;
  /** Hidden layers, input side first; the output layer (one unit per class, softmax) is implied. */
  readonly layers: readonly LayerSpec[];
  /** Batch normalization after each hidden Dense layer, before its activation. */
  readonly batchNorm: boolean;
  /** Dropout rate after each hidden activation; 0 is off. */
  readonly dropout: number;
  /** The optimizer. */
  readonly optimizer: OptimizerChoice;
  /** The optimizer's learning rate. */
  readonly learningRate: number;
  /** Samples per mini-batch (one weight update each). */
  readonly batchSize: number;
  /** Seed of everything random: the data, the split, the weights, the shuffles, dropout. */
  readonly seed: number;
  /** Training stops after this many epochs; 0 is no limit. */
  readonly epochs: number;
  /** Early stopping: training stops once the validation loss has not improved for this many epochs; 0 is off. */
  readonly patience: number;
}

/** Bounds of the numeric settings (inclusive). */
export const LIMITS = {
  samples: { min: 20, max: 1000 },
  noise: { min: 0, max: 1 },
  layers: { min: 0, max: 6 },
  units: { min: 1, max: 32 },
  dropout: { min: 0, max: 0.9 },
  learningRate: { min: 1e-5, max: 10 },
  batchSize: { min: 1, max: 1000 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  epochs: { min: 0, max: 100_000 },
  patience: { min: 0, max: 1000 },
} as const;

/** The settings of a fresh page: XOR with two small tanh layers and Adam. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  dataset: "xor",
  samples: 200,
  noise: 0.1,
  layers: Object.freeze([
    Object.freeze({ units: 4, activation: "tanh" }),
    Object.freeze({ units: 4, activation: "tanh" }),
  ]) as readonly LayerSpec[],
  batchNorm: false,
  dropout: 0,
  optimizer: "adam",
  learningRate: 0.03,
  batchSize: 10,
  seed: 1,
  epochs: 0,
  patience: 0,
} satisfies Settings);

/** The result of reading settings from a query string. */
export interface ParsedSettings {
  /** Valid settings: the URL's values where valid, defaults elsewhere. */
  readonly settings: Settings;
  /** Iterations per second (0: as fast as possible), from `speed=`; not part of the run's settings. */
  readonly speed: number;
  /** Loss chart on a logarithmic scale, from `logy=`; a view option, not part of the run's settings. */
  readonly logScale: boolean;
  /** One note per ignored value, e.g. `lr=abc is not a number from 0.00001 to 10; using 0.03`. */
  readonly notes: string[];
}

/** The query-string key of each setting. */
export const KEYS = {
  dataset: "dataset",
  samples: "samples",
  noise: "noise",
  layers: "layers",
  batchNorm: "bn",
  dropout: "dropout",
  optimizer: "optimizer",
  learningRate: "lr",
  batchSize: "batch",
  seed: "seed",
  epochs: "epochs",
  patience: "patience",
} as const satisfies Record<keyof Settings, string>;

/** The query-string key of the training speed. */
export const SPEED_KEY = "speed";

/** The query-string key of the loss chart's logarithmic scale (`1` is on). */
export const LOG_SCALE_KEY = "logy";

const KNOWN_KEYS = new Set<string>([...Object.values(KEYS), SPEED_KEY, LOG_SCALE_KEY]);

/** Accepted spellings of activations (any case, `_`/`-` ignored), e.g. `leaky_relu`, `LeakyReLU`. */
const ACTIVATION_LOOKUP = new Map<string, HiddenActivation>([
  ...HIDDEN_ACTIVATIONS.map((a) => [squash(a), a] as [string, HiddenActivation]),
  ["linear", "identity"],
  ["silu", "swish"],
]);

function squash(s: string): string {
  return s.toLowerCase().replace(/[_\-\s]/g, "");
}

/** Shows a value from the URL in a note, shortened and quoted. */
function shown(v: string): string {
  const s = v.length > 40 ? `${v.slice(0, 40)}…` : v;
  return JSON.stringify(s);
}

/** A number with at most 6 significant digits and no exponent for the usual ranges. */
export function formatNumber(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function parseNumber(raw: string): number | undefined {
  const t = raw.trim();
  if (t === "" || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function parseInteger(raw: string, min: number, max: number): number | undefined {
  const n = parseNumber(raw);
  return n !== undefined && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function parseReal(raw: string, min: number, max: number): number | undefined {
  const n = parseNumber(raw);
  return n !== undefined && n >= min && n <= max ? n : undefined;
}

function parseBool(raw: string): boolean | undefined {
  const t = raw.trim().toLowerCase();
  if (t === "1" || t === "true" || t === "on" || t === "yes") return true;
  if (t === "0" || t === "false" || t === "off" || t === "no") return false;
  return undefined;
}

function parseChoice<T extends string>(raw: string, choices: readonly T[]): T | undefined {
  const t = squash(raw);
  return choices.find((c) => squash(c) === t);
}

/**
 * Reads the hidden layers from `units:activation` entries separated by
 * commas (`8:tanh,8:relu`); `none` (or nothing) means no hidden layer.
 * Returns an error message instead when an entry is invalid.
 */
export function parseLayers(raw: string): LayerSpec[] | string {
  const t = raw.trim();
  if (t === "" || t.toLowerCase() === "none") return [];
  const parts = t.split(",");
  if (parts.length > LIMITS.layers.max)
    return `at most ${LIMITS.layers.max} hidden layers, got ${parts.length}`;
  const out: LayerSpec[] = [];
  for (const [i, part] of parts.entries()) {
    const [u, a, ...rest] = part.split(":");
    const units = parseInteger(u ?? "", LIMITS.units.min, LIMITS.units.max);
    if (units === undefined)
      return `layer ${i + 1}: units must be a whole number from ${LIMITS.units.min} to ${LIMITS.units.max}, got ${shown(u ?? "")}`;
    const activation = a === undefined ? "relu" : ACTIVATION_LOOKUP.get(squash(a));
    if (activation === undefined || rest.length > 0)
      return `layer ${i + 1}: unknown activation ${shown(part.slice(part.indexOf(":") + 1))} (known: ${HIDDEN_ACTIVATIONS.join(", ")})`;
    out.push({ units, activation });
  }
  return out;
}

/** Writes hidden layers as {@link parseLayers} reads them. */
export function formatLayers(layers: readonly LayerSpec[]): string {
  return layers.length === 0 ? "none" : layers.map((l) => `${l.units}:${l.activation}`).join(",");
}

/**
 * Reads settings from a query string (`?dataset=moons&lr=0.01`, with or
 * without the `?`) or `URLSearchParams`. Never throws: invalid or out-of-range
 * values fall back to their defaults, each with a note.
 *
 * @example
 * ```ts
 * const { settings, notes } = parseSettings(location.search);
 * ```
 */
export function parseSettings(query: string | URLSearchParams): ParsedSettings {
  const params = typeof query === "string" ? new URLSearchParams(query) : query;
  const notes: string[] = [];
  const d = DEFAULT_SETTINGS;

  function read<T>(
    key: string,
    fallback: T,
    parse: (raw: string) => T | undefined,
    expected: string,
    show: (v: T) => string,
  ): T {
    const all = params.getAll(key);
    if (all.length === 0) return fallback;
    const raw = all[all.length - 1]!;
    const v = parse(raw);
    if (v === undefined) {
      notes.push(`${key}=${shown(raw)} is not ${expected}; using ${show(fallback)}.`);
      return fallback;
    }
    return v;
  }

  const num = (v: number) => formatNumber(v);
  const L = LIMITS;

  /** A setting that is one of a list of names. */
  function readChoice<T extends string>(key: string, fallback: T, choices: readonly T[]): T {
    return read(
      key,
      fallback,
      (r) => parseChoice(r, choices),
      `one of ${choices.join(", ")}`,
      String,
    );
  }

  /** A whole-number setting within its {@link LIMITS}. */
  function readInteger(name: "samples" | "batchSize" | "seed" | "epochs" | "patience"): number {
    const { min, max } = L[name];
    return read(
      KEYS[name],
      d[name],
      (r) => parseInteger(r, min, max),
      `a whole number from ${min} to ${max}`,
      num,
    );
  }

  let dataset = readChoice(KEYS.dataset, d.dataset, DATASETS);
  if (dataset === "csv") {
    notes.push(
      `${KEYS.dataset}=csv: your CSV file stays in your browser and is not part of the link; load it again (using ${d.dataset} until then).`,
    );
    dataset = d.dataset;
  }
  const samples = readInteger("samples");
  const noise = read(
    KEYS.noise,
    d.noise,
    (r) => parseReal(r, L.noise.min, L.noise.max),
    `a number from ${L.noise.min} to ${L.noise.max}`,
    num,
  );
  let layers: readonly LayerSpec[] = d.layers;
  const rawLayers = params.getAll(KEYS.layers);
  if (rawLayers.length > 0) {
    const raw = rawLayers[rawLayers.length - 1]!;
    const parsed = parseLayers(raw);
    if (typeof parsed === "string")
      notes.push(
        `${KEYS.layers}=${shown(raw)} was ignored (${parsed}); using ${formatLayers(d.layers)}.`,
      );
    else layers = parsed;
  }
  const batchNorm = read(KEYS.batchNorm, d.batchNorm, parseBool, "0 or 1", (v) => (v ? "1" : "0"));
  const dropout = read(
    KEYS.dropout,
    d.dropout,
    (r) => parseReal(r, L.dropout.min, L.dropout.max),
    `a rate from ${L.dropout.min} to ${L.dropout.max} (0 is off)`,
    num,
  );
  const optimizer = readChoice(KEYS.optimizer, d.optimizer, OPTIMIZERS);
  const learningRate = read(
    KEYS.learningRate,
    d.learningRate,
    (r) => {
      const n = parseReal(r, L.learningRate.min, L.learningRate.max);
      return n === 0 ? undefined : n;
    },
    `a number from ${formatNumber(L.learningRate.min)} to ${L.learningRate.max}`,
    num,
  );
  const batchSize = readInteger("batchSize");
  const seed = readInteger("seed");
  const epochs = readInteger("epochs");
  const patience = readInteger("patience");
  const logScale = read(LOG_SCALE_KEY, false, parseBool, "0 or 1", (v) => (v ? "1" : "0"));
  const speed = read(
    SPEED_KEY,
    DEFAULT_SPEED,
    (r) => {
      const n = parseNumber(r);
      return SPEEDS.find((v) => v === n);
    },
    `one of ${SPEEDS.join(", ")} (0: as fast as possible)`,
    num,
  );
  const unknown = [...new Set(params.keys())].filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0)
    notes.push(
      `Unknown setting${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => shown(k)).join(", ")} ignored.`,
    );
  return {
    settings: {
      dataset,
      samples,
      noise,
      layers,
      batchNorm,
      dropout,
      optimizer,
      learningRate,
      batchSize,
      seed,
      epochs,
      patience,
    },
    speed,
    logScale,
    notes,
  };
}

/**
 * The canonical query string of `settings` (without the `?`), every setting
 * written, in a fixed order, e.g.
 * `dataset=xor&samples=200&noise=0.1&layers=4:tanh,4:tanh&bn=0&dropout=0&optimizer=adam&lr=0.03&batch=10&seed=1`,
 * then `&epochs=0&patience=0`, followed by `&speed=…` when a speed is given and
 * `&logy=1` when `logScale` is true.
 */
export function serializeSettings(settings: Settings, speed?: number, logScale = false): string {
  const s = settings;
  const pairs: [string, string][] = [
    [KEYS.dataset, s.dataset],
    [KEYS.samples, String(s.samples)],
    [KEYS.noise, String(s.noise)],
    [KEYS.layers, formatLayers(s.layers)],
    [KEYS.batchNorm, s.batchNorm ? "1" : "0"],
    [KEYS.dropout, String(s.dropout)],
    [KEYS.optimizer, s.optimizer],
    [KEYS.learningRate, String(s.learningRate)],
    [KEYS.batchSize, String(s.batchSize)],
    [KEYS.seed, String(s.seed)],
    [KEYS.epochs, String(s.epochs)],
    [KEYS.patience, String(s.patience)],
  ];
  if (speed !== undefined) pairs.push([SPEED_KEY, String(speed)]);
  if (logScale) pairs.push([LOG_SCALE_KEY, "1"]);
  // Commas and colons stay readable in the layers value; everything else is encoded.
  return pairs
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ",").replace(/%3A/g, ":")}`)
    .join("&");
}

/** True when two settings describe the same run. */
export function sameSettings(a: Settings, b: Settings): boolean {
  return serializeSettings(a) === serializeSettings(b);
}
