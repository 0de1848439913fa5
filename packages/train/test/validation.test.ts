import { isGradEnabled, Variable } from "@neurite/autograd";
import { DataLoader } from "@neurite/datasets";
import { Dense, Module, Sequential } from "@neurite/layers";
import { Rng, randn, type Tensor, tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { evaluate, fit, fitAsync, type History, type ValidationData } from "../src/index.js";

const rng = new Rng(21);
const x = randn([10, 2], rng);
const y = x.matmul(tensor([[1], [1]]));

/** Records, for every call in eval mode without gradients, the first feature of each row. */
class Probe extends Module {
  seen: number[][] = [];
  forward(v: Variable | Tensor): Variable {
    const t = v instanceof Variable ? v.value : v;
    if (!this.training && !isGradEnabled()) {
      const rows: number[] = [];
      for (let r = 0; r < t.shape[0]!; r++) rows.push(t.data[r * 2]!);
      this.seen.push(rows);
    }
    return v instanceof Variable ? v : new Variable(v);
  }
}

const net = (seed = 1) => new Sequential([new Dense(1, { inputDim: 2, seed })]);

describe("validation", () => {
  it("validationSplit holds out the LAST fraction of the samples, before shuffling (Keras)", () => {
    const probe = new Probe();
    const model = new Sequential([probe, new Dense(1, { inputDim: 2, seed: 1 })]);
    probe.seen = [];
    const h = fit(model, x, y, {
      loss: "mse",
      epochs: 2,
      batchSize: 4,
      validationSplit: 0.3,
      seed: 3,
      verbose: 0,
    });
    expect(h.params.samples).toBe(7);
    expect(h.params.validationSamples).toBe(3);
    expect(h.iterationsPerEpoch).toBe(2);
    const last3 = [7, 8, 9].map((r) => x.data[r * 2]!);
    // calls in eval mode: dry run of the training batch, dry run of validation, then one validation pass per epoch
    expect(probe.seen.slice(1)).toEqual([last3, last3, last3]);
    const tail = { x: x.slice([7, 0], [3, 2]), y: y.slice([7, 0], [3, 1]) };
    expect(evaluate(model, tail.x, tail.y, { loss: "mse", batchSize: 4 }).loss).toBe(
      h.last("val_loss"),
    );
  });

  it("validationData as [x, y], { x, y } or a DataLoader gives the same numbers", () => {
    const xv = randn([6, 2], rng);
    const yv = xv.matmul(tensor([[1], [1]]));
    const run = (validationData: ValidationData) =>
      fit(net(), x, y, {
        loss: "mse",
        metrics: ["mae"],
        epochs: 2,
        batchSize: 4,
        validationData,
        verbose: 0,
      });
    const a = run([xv, yv]);
    const b = run({ x: xv, y: yv });
    const c = run(new DataLoader(xv, yv, { batchSize: 4 }));
    expect(a.keys).toEqual(["loss", "mae", "val_loss", "val_mae"]);
    expect(b.history).toEqual(a.history);
    expect(c.history).toEqual(a.history);
    expect(a.params.validationSamples).toBe(6);
  });

  it("validationBatchSize only changes how the validation set is cut", () => {
    const xv = randn([6, 2], rng);
    const yv = xv.matmul(tensor([[1], [1]]));
    const a = fit(net(), x, y, {
      loss: "mae",
      epochs: 1,
      batchSize: 4,
      validationData: [xv, yv],
      verbose: 0,
    });
    const b = fit(net(), x, y, {
      loss: "mae",
      epochs: 1,
      batchSize: 4,
      validationData: [xv, yv],
      validationBatchSize: 6,
      verbose: 0,
    });
    expect(b.history.loss).toEqual(a.history.loss);
    expect(b.history.val_loss![0]).toBeCloseTo(a.history.val_loss![0]!, 6);
  });
});

describe("fit with a DataLoader", () => {
  it("trains over the loader's batches and equals fit on tensors with the same batching", () => {
    const loader = new DataLoader(x, y, { batchSize: 3, shuffle: true, seed: 9 });
    const a = fit(net(), loader, { loss: "mse", epochs: 3, verbose: 0 });
    const b = fit(net(), x, y, {
      loss: "mse",
      epochs: 3,
      batchSize: 3,
      shuffle: true,
      seed: 9,
      verbose: 0,
    });
    expect(a.iterationsPerEpoch).toBe(4);
    expect(a.params.batchSize).toBe(3);
    expect(a.history).toEqual(b.history);
    expect(loader.nextEpoch).toBe(3); // each epoch is one for...of over the loader
  });

  it("continues the loader's epochs on a second fit (new shuffles, as PyTorch)", () => {
    const loader = new DataLoader(x, y, { batchSize: 5, shuffle: true, seed: 1 });
    fit(net(), loader, { loss: "mse", epochs: 2, verbose: 0 });
    expect(loader.nextEpoch).toBe(2);
    fit(net(), loader, { loss: "mse", epochs: 1, verbose: 0 });
    expect(loader.nextEpoch).toBe(3);
  });
});

describe("fitAsync", () => {
  const opts = {
    loss: "mse",
    metrics: ["mae", "r2"],
    epochs: 4,
    batchSize: 3,
    validationSplit: 0.2,
    seed: 5,
    verbose: 0,
  } as const;

  it("gives exactly the history and weights of fit", async () => {
    const m1 = net();
    const m2 = net();
    const h1 = fit(m1, x, y, opts);
    const h2: History = await fitAsync(m2, x, y, { ...opts, yieldEvery: "batch" });
    expect(h2.history).toEqual(h1.history);
    expect(Array.from(m2.stateDict()["0.kernel"]!.data)).toEqual(
      Array.from(m1.stateDict()["0.kernel"]!.data),
    );
    const h3 = await fitAsync(net(), x, y, { ...opts, yieldEvery: "epoch" });
    const h4 = await fitAsync(net(), x, y, { ...opts, yieldEvery: 0 });
    expect(h3.history).toEqual(h1.history);
    expect(h4.history).toEqual(h1.history);
  });

  it("yields to the event loop while training: a timer runs between batches", async () => {
    let timerRanAt: string | undefined;
    let where = "before";
    setTimeout(() => {
      timerRanAt = where;
    }, 0);
    await fitAsync(net(), x, y, {
      loss: "mse",
      epochs: 5,
      batchSize: 2,
      yieldEvery: "batch",
      callbacks: [{ onBatchEnd: (i, _l, ctx) => void (where = `epoch ${ctx.epoch} batch ${i}`) }],
      verbose: 0,
    });
    where = "after";
    expect(timerRanAt).toBeDefined();
    expect(timerRanAt).toMatch(/^epoch \d batch \d$/);
  });

  it("awaits async callbacks, including a returned 'stop'", async () => {
    const order: string[] = [];
    const h = await fitAsync(net(), x, y, {
      loss: "mse",
      epochs: 5,
      batchSize: 5,
      callbacks: [
        {
          onEpochEnd: async (e) => {
            await new Promise((r) => setTimeout(r, 2));
            order.push(`end ${e}`);
            return e === 2 ? "stop" : undefined;
          },
          onEpochBegin: (e) => void order.push(`begin ${e}`),
        },
      ],
      verbose: 0,
    });
    expect(order).toEqual(["begin 0", "end 0", "begin 1", "end 1", "begin 2", "end 2"]);
    expect(h.length).toBe(3);
  });

  it("rejects with the loop's errors and restores modes", async () => {
    const model = net();
    model.eval();
    await expect(
      fitAsync(model, x, y, {
        loss: "mse",
        epochs: 2,
        callbacks: [{ onEpochBegin: async () => Promise.reject(new Error("async boom")) }],
        verbose: 0,
      }),
    ).rejects.toThrow("async boom");
    expect(model.training).toBe(false);
    await expect(
      fitAsync(model, x, y, { loss: "mse", yieldEvery: -1 as never, verbose: 0 }),
    ).rejects.toThrow(/fitAsync: argument 'yieldEvery': expected "batch", "epoch" or a number/);
  });
});
