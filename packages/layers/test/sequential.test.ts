import type { Variable } from "@neurite/autograd";
import { randn, ValueError } from "@neurite/tensor";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Activation, BatchNorm, Dense, Dropout, formatShape, Sequential } from "../src/index.js";
import { bytesOf } from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
});

/** The book's wine classifier: 13 features → Dense(20) → BN → ReLU → Dense(3) → softmax. */
function wine(): Sequential {
  return new Sequential([
    new Dense(20, { inputDim: 13 }),
    new BatchNorm(),
    new Activation("relu"),
    new Dense(3),
    new Activation("softmax"),
  ]);
}

describe("Sequential.summary", () => {
  it("reports the wine network: 280 + 80 + 63 = 423 (383 trainable, 40 non-trainable)", () => {
    const s = wine().summarize();
    expect(s.rows.map((r) => [r.name, r.className, formatShape(r.outputShape), r.params])).toEqual([
      ["dense", "Dense", "(None, 20)", 280],
      ["batch_norm", "BatchNorm", "(None, 20)", 80],
      ["activation", "Activation", "(None, 20)", 0],
      ["dense_1", "Dense", "(None, 3)", 63],
      ["activation_1", "Activation", "(None, 3)", 0],
    ]);
    expect(s.rows[1]).toMatchObject({ trainable: 40, nonTrainable: 40 });
    expect([s.total, s.trainable, s.nonTrainable]).toEqual([423, 383, 40]);
    expect(s.inputShape).toEqual([13]);
  });

  it("prints a Keras-style table and returns it", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const text = wine().summary();
    expect(log).toHaveBeenCalledWith(text);
    expect(text).toBe(
      [
        'Model: "sequential"',
        "_________________________________________________________________",
        " Layer (type)                 Output Shape              Param #",
        "=================================================================",
        " dense (Dense)                (None, 20)                280",
        " batch_norm (BatchNorm)       (None, 20)                80",
        " activation (Activation)      (None, 20)                0",
        " dense_1 (Dense)              (None, 3)                 63",
        " activation_1 (Activation)    (None, 3)                 0",
        "=================================================================",
        "Total params: 423",
        "Trainable params: 383",
        "Non-trainable params: 40",
        "_________________________________________________________________",
      ].join("\n"),
    );
    expect(wine().summary(undefined, { print: false })).toBe(text);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it("reports the Boston network: 280 + 21 = 301, building lazy layers from the given input shape", () => {
    const m = new Sequential([new Dense(20, { activation: "relu" }), new Dense(1)], {
      name: "boston",
    });
    expect(m.built).toBe(false);
    const s = m.summarize([13]);
    expect(s.name).toBe("boston");
    expect(s.rows.map((r) => r.params)).toEqual([280, 21]);
    expect([s.total, s.trainable, s.nonTrainable]).toEqual([301, 301, 0]);
    expect(m.built).toBe(true);
    expect(m.summary(undefined, { print: false })).toMatch(/Total params: 301/);
  });

  it("uses layer names when given, and thousands separators in totals", () => {
    const m = new Sequential([new Dense(100, { inputDim: 100, name: "hidden" })]);
    const text = m.summary(undefined, { print: false });
    expect(text).toMatch(/ hidden \(Dense\) {2,}\(None, 100\) {2,}10100/);
    expect(text).toMatch(/Total params: 10,100/);
  });

  it("asks for the input shape when it cannot know it", () => {
    const m = new Sequential([new Dense(2)]);
    expect(() => m.summarize()).toThrow(/pass one sample's shape, e\.g\. summary\(\[13\]\)/);
    expect(() => m.summarize([0])).toThrow(ValueError);
    m.call(randn([4, 5], 0));
    expect(m.summarize().inputShape).toEqual([5]);
  });
});

describe("Sequential", () => {
  it("builds from a list or with add(), in order", () => {
    const a = new Sequential().add(new Dense(4, { seed: 1 })).add(new Activation("tanh"));
    expect(a.layers.map((l) => l.className)).toEqual(["Dense", "Activation"]);
    const x = randn([3, 2], 0);
    const b = new Sequential([new Dense(4, { seed: 1 }), new Activation("tanh")]);
    expect(bytesOf(a.call(x).value)).toEqual(bytesOf(b.call(x).value));
    expect(() => a.add({} as never)).toThrow(/expected a Module/);
    expect(() => a.add(a)).toThrow(/cannot contain itself/);
    expect(() => new Sequential("x" as never)).toThrow(ValueError);
  });

  it("an empty model returns its input", () => {
    const x = randn([2, 2], 0);
    expect(new Sequential().call(x).value).toBe(x);
  });

  it("predict runs in eval mode without a graph and restores each layer's mode", () => {
    const m = new Sequential([
      new Dense(8, { inputDim: 4, seed: 1 }),
      new Dropout(0.5, { seed: 2 }),
      new BatchNorm(),
    ]);
    const x = randn([6, 4], 3);
    m.layers[2]!.train(false);
    const p1 = m.predict(x);
    const p2 = m.predict(x);
    expect(bytesOf(p1)).toEqual(bytesOf(p2)); // dropout off, running statistics fixed
    expect(m.training).toBe(true);
    expect(m.layers[1]!.training).toBe(true);
    expect(m.layers[2]!.training).toBe(false);
    const bn = m.layers[2] as BatchNorm;
    expect(Array.from(bn.movingMean.data).every((v) => v === 0)).toBe(true);
  });

  it("custom function activations still work as layers", () => {
    const m = new Sequential([new Activation((v: Variable) => v.mul(2))]);
    expect(Array.from(m.call(randn([2], 0).mul(0).add(1)).value.data)).toEqual([2, 2]);
  });
});

describe("Sequential sees through shape-preserving layers to a declared input size", () => {
  it("builds every layer when a Dropout or Activation comes before Dense(inputDim)", () => {
    const m = new Sequential([
      new Dropout(0.2, { seed: 0 }),
      new Activation("tanh"),
      new Dense(4, { inputDim: 3, seed: 1 }),
      new Dense(2, { seed: 2 }),
    ]);
    // Both Dense layers have their weights before any call, so an optimizer built now holds them all.
    expect(m.parameters().length).toBe(4);
    expect(m.expectedInputShape).toEqual([3]);
    expect(m.summary(undefined, { print: false })).toMatch(/Total params: 26/);
  });

  it("stays lazy behind a layer whose output shape depends on its input", () => {
    const m = new Sequential([new Dense(5, { seed: 1 }), new Dense(2, { inputDim: 5, seed: 2 })]);
    expect(m.expectedInputShape).toBeUndefined();
    expect(m.parameters().length).toBe(2);
  });
});
