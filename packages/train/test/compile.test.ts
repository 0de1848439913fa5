import { DataLoader } from "@neurite/datasets";
import { Dense, Sequential } from "@neurite/layers";
import { Adam } from "@neurite/optim";
import { Rng, randn, tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { compile, evaluate, fit } from "../src/index.js";

const rng = new Rng(8);
const x = randn([20, 2], rng);
const y = x.matmul(tensor([[2], [-1]]));
const net = () => new Sequential([new Dense(1, { inputDim: 2, seed: 3 })]);

describe("compile", () => {
  it("fixes loss, optimizer and metrics; fit, evaluate and predict use them", () => {
    const c = compile(net(), { loss: "mse", optimizer: "adam", metrics: ["mae"] });
    expect(c.optimizer).toBeUndefined();
    const h = c.fit(x, y, { epochs: 2, batchSize: 5, verbose: 0 });
    expect(h.keys).toEqual(["loss", "mae"]);
    expect(c.optimizer).toBeInstanceOf(Adam);
    expect(Object.keys(c.evaluate(x, y))).toEqual(["loss", "mae"]);
    expect(c.predict(x).shape).toEqual([20, 1]);
  });

  it("keeps one optimizer across fits: two fits of 2 epochs equal one fit of 4", () => {
    const c = compile(net(), { loss: "mse", optimizer: "adam" });
    c.fit(x, y, { epochs: 2, batchSize: 5, seed: 1, verbose: 0 });
    c.fit(x, y, { epochs: 4, initialEpoch: 2, batchSize: 5, seed: 1, verbose: 0 });
    const once = net();
    fit(once, x, y, {
      loss: "mse",
      optimizer: "adam",
      epochs: 4,
      batchSize: 5,
      seed: 1,
      verbose: 0,
    });
    expect(Array.from(c.model.stateDict()["0.kernel"]!.data)).toEqual(
      Array.from(once.stateDict()["0.kernel"]!.data),
    );
  });

  it("works with a DataLoader and fitAsync, and refuses to override compiled options", async () => {
    const c = compile(net(), { loss: "mae" });
    const h = await c.fitAsync(new DataLoader(x, y, { batchSize: 4 }), { epochs: 2, verbose: 0 });
    expect(h.iterationsPerEpoch).toBe(5);
    expect(() => c.fit(x, y, { loss: "mse" } as never)).toThrow(
      "compile: argument 'loss': 'loss' was fixed by compile",
    );
    expect(() => compile(net(), {} as never)).toThrow(/compile: argument 'options'/);
    expect(evaluate(c.model, x, y, { loss: "mae" }).loss).toBe(c.evaluate(x, y).loss);
  });
});
