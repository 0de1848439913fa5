import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DATASETS,
  DEFAULT_SETTINGS,
  DEFAULT_SPEED,
  DROPOUT_RATES,
  HIDDEN_ACTIVATIONS,
  LIMITS,
  OPTIMIZERS,
  parseLayers,
  parseSettings,
  type Settings,
  SPEEDS,
  sameSettings,
  serializeSettings,
} from "../src/state.js";

describe("parseSettings", () => {
  it("gives the defaults, without notes, for an empty query", () => {
    for (const q of ["", "?"]) {
      const { settings, speed, notes } = parseSettings(q);
      expect(settings).toEqual(DEFAULT_SETTINGS);
      expect(speed).toBe(DEFAULT_SPEED);
      expect(notes).toEqual([]);
    }
  });

  it("reads every setting", () => {
    const { settings, speed, notes } = parseSettings(
      "?dataset=spirals&samples=300&noise=0.05&layers=8:relu,6:leakyRelu,3:sigmoid&bn=1&dropout=0.2&optimizer=rmsprop&lr=0.003&batch=25&seed=42&epochs=50&patience=5&speed=0&logy=1",
    );
    expect(notes).toEqual([]);
    expect(speed).toBe(0);
    expect(parseSettings("logy=1").logScale).toBe(true);
    expect(settings).toEqual({
      dataset: "spirals",
      samples: 300,
      noise: 0.05,
      layers: [
        { units: 8, activation: "relu" },
        { units: 6, activation: "leakyRelu" },
        { units: 3, activation: "sigmoid" },
      ],
      batchNorm: true,
      dropout: 0.2,
      optimizer: "rmsprop",
      learningRate: 0.003,
      batchSize: 25,
      seed: 42,
      epochs: 50,
      patience: 5,
    } satisfies Settings);
  });

  it("notes that a CSV cannot come from the link, and invalid epochs, patience or logy", () => {
    const { settings, notes, logScale } = parseSettings(
      "dataset=csv&epochs=-3&patience=1.5&logy=maybe",
    );
    expect(settings.dataset).toBe("xor");
    expect(settings.epochs).toBe(0);
    expect(settings.patience).toBe(0);
    expect(logScale).toBe(false);
    expect(notes).toHaveLength(4);
    expect(notes[0]).toMatch(/^dataset=csv: your CSV file stays in your browser/);
    expect(notes[1]).toBe('epochs="-3" is not a whole number from 0 to 100000; using 0.');
  });

  it("accepts the built-in tables", () => {
    for (const d of ["iris", "wine", "breastCancer", "digits"])
      expect(parseSettings(`dataset=${d}`).settings.dataset).toBe(d);
    expect(parseSettings("dataset=breast_cancer").settings.dataset).toBe("breastCancer");
  });

  it("accepts other spellings of names and booleans", () => {
    const { settings, notes } = parseSettings(
      "dataset=MOONS&layers=2:leaky_relu,3:linear,4:SiLU,5:hard-sigmoid&bn=true&optimizer=AdamW",
    );
    expect(notes).toEqual([]);
    expect(settings.dataset).toBe("moons");
    expect(settings.layers.map((l) => l.activation)).toEqual([
      "leakyRelu",
      "identity",
      "swish",
      "hardSigmoid",
    ]);
    expect(settings.batchNorm).toBe(true);
    expect(settings.optimizer).toBe("adamw");
  });

  it("reads 'none' or nothing as no hidden layer, and a unit count alone as relu", () => {
    expect(parseSettings("layers=none").settings.layers).toEqual([]);
    expect(parseSettings("layers=").settings.layers).toEqual([]);
    expect(parseLayers("5")).toEqual([{ units: 5, activation: "relu" }]);
  });

  it("takes the last of repeated keys", () => {
    expect(parseSettings("seed=3&seed=4").settings.seed).toBe(4);
  });

  it.each([
    ["dataset=mnist", "dataset", "dataset"],
    ["samples=5", "samples", "samples"],
    ["samples=10.5", "samples", "samples"],
    ["samples=abc", "samples", "samples"],
    ["noise=-0.1", "noise", "noise"],
    ["noise=2", "noise", "noise"],
    ["layers=0:relu", "layers", "units"],
    ["layers=4:rellu", "layers", "unknown activation"],
    ["layers=4:softmax", "layers", "unknown activation"],
    ["layers=4:relu:x", "layers", "unknown activation"],
    ["layers=1,1,1,1,1,1,1", "layers", "at most 6"],
    ["bn=maybe", "bn", "bn"],
    ["dropout=0.95", "dropout", "dropout"],
    ["optimizer=lbfgs", "optimizer", "optimizer"],
    ["lr=0", "learningRate", "lr"],
    ["lr=NaN", "learningRate", "lr"],
    ["lr=Infinity", "learningRate", "lr"],
    ["lr=1e9", "learningRate", "lr"],
    ["batch=0", "batchSize", "batch"],
    ["seed=-1", "seed", "seed"],
    ["seed=0x10", "seed", "seed"],
    ["speed=7", "speed", "speed"],
  ])("%s falls back to the default with a note", (query, key, mention) => {
    const { settings, speed, notes } = parseSettings(query);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(mention);
    expect(notes[0]).toMatch(/using/);
    if (key === "speed") expect(speed).toBe(DEFAULT_SPEED);
    else expect(settings[key as keyof Settings]).toEqual(DEFAULT_SETTINGS[key as keyof Settings]);
  });

  it("keeps the valid values next to invalid ones and notes unknown keys", () => {
    const { settings, notes } = parseSettings("dataset=circles&lr=fast&foo=1&bar=2");
    expect(settings.dataset).toBe("circles");
    expect(settings.learningRate).toBe(DEFAULT_SETTINGS.learningRate);
    expect(notes).toHaveLength(2);
    expect(notes[1]).toContain('"foo"');
    expect(notes[1]).toContain('"bar"');
  });

  it("shortens very long values in notes", () => {
    const { notes } = parseSettings(`dataset=${"x".repeat(500)}`);
    expect(notes[0]!.length).toBeLessThan(200);
  });

  it("never throws, whatever the query", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (q) => {
        const { settings, notes } = parseSettings(q);
        expect(DATASETS).toContain(settings.dataset);
        expect(Array.isArray(notes)).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom("dataset", "samples", "noise", "layers", "bn", "dropout", "lr", "seed"),
        fc.string({ maxLength: 40 }),
        (k, v) => {
          const q = new URLSearchParams({ [k]: v });
          expect(() => parseSettings(q)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});

const settingsArb: fc.Arbitrary<Settings> = fc.record({
  dataset: fc.constantFrom(...DATASETS.filter((d) => d !== "csv")),
  samples: fc.integer({ min: LIMITS.samples.min, max: LIMITS.samples.max }),
  noise: fc.double({ min: 0, max: 1, noNaN: true }),
  layers: fc.array(
    fc.record({
      units: fc.integer({ min: LIMITS.units.min, max: LIMITS.units.max }),
      activation: fc.constantFrom(...HIDDEN_ACTIVATIONS),
    }),
    { maxLength: LIMITS.layers.max },
  ),
  batchNorm: fc.boolean(),
  dropout: fc.constantFrom(...DROPOUT_RATES),
  optimizer: fc.constantFrom(...OPTIMIZERS),
  learningRate: fc.double({
    min: LIMITS.learningRate.min,
    max: LIMITS.learningRate.max,
    noNaN: true,
  }),
  batchSize: fc.integer({ min: LIMITS.batchSize.min, max: LIMITS.batchSize.max }),
  seed: fc.integer({ min: LIMITS.seed.min, max: LIMITS.seed.max }),
  epochs: fc.integer({ min: LIMITS.epochs.min, max: LIMITS.epochs.max }),
  patience: fc.integer({ min: LIMITS.patience.min, max: LIMITS.patience.max }),
});

describe("serializeSettings", () => {
  it("writes the defaults canonically", () => {
    expect(serializeSettings(DEFAULT_SETTINGS)).toBe(
      "dataset=xor&samples=200&noise=0.1&layers=4:tanh,4:tanh&bn=0&dropout=0&optimizer=adam&lr=0.03&batch=10&seed=1&epochs=0&patience=0",
    );
    expect(serializeSettings(DEFAULT_SETTINGS, 300, true)).toMatch(/&speed=300&logy=1$/);
    expect(serializeSettings({ ...DEFAULT_SETTINGS, layers: [] }, 0)).toContain("layers=none&");
    expect(serializeSettings(DEFAULT_SETTINGS, 0)).toMatch(/&speed=0$/);
  });

  it("round-trips through parseSettings, bit for bit", () => {
    fc.assert(
      fc.property(settingsArb, fc.constantFrom(...SPEEDS), fc.boolean(), (s, speed, logy) => {
        const back = parseSettings(serializeSettings(s, speed, logy));
        expect(back.notes).toEqual([]);
        expect(back.settings).toEqual(s);
        expect(back.speed).toBe(speed);
        expect(back.logScale).toBe(logy);
        expect(sameSettings(back.settings, s)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips through a URL", () => {
    const s: Settings = { ...DEFAULT_SETTINGS, dataset: "blobs", learningRate: 0.0001 };
    const url = new URL(`https://example.org/playground/?${serializeSettings(s)}`);
    expect(parseSettings(url.search).settings).toEqual(s);
  });
});
