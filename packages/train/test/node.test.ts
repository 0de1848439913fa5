import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Variable } from "@neurite/autograd";
import { Dense, decodeSafetensors, Module, Sequential } from "@neurite/layers";
import { loadModelFromFileSync } from "@neurite/layers/node";
import { Adam } from "@neurite/optim";
import { Rng, randn, type Tensor, tensor } from "@neurite/tensor";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import {
  type Callback,
  CSVLogger,
  fillPath,
  fit,
  fitAsync,
  ModelCheckpoint,
  type OptimizerCheckpoint,
  ProgressBar,
  predict,
} from "../src/node.js";
import { scriptedMetric, weightValues } from "./helpers.js";

// A switch to make the next file write fail halfway, to check that saves are atomic.
const failing = vi.hoisted(() => ({ write: false }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const writeSync = ((fd: number, data: Uint8Array, offset?: number, length?: number) => {
    if (failing.write) {
      fs.writeSync(fd, data, offset ?? 0, Math.floor((length ?? data.length) / 2));
      throw Object.assign(new Error("EIO: i/o error, write (simulated)"), { code: "EIO" });
    }
    return fs.writeSync(fd, data, offset, length);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "neurite-train-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
afterEach(() => {
  failing.write = false;
  vi.restoreAllMocks();
});

const rng = new Rng(11);
const x = randn([24, 3], rng);
const y = x.matmul(tensor([[0.5], [-1], [2]]));
const model = (seed = 1) =>
  new Sequential([
    new Dense(5, { inputDim: 3, activation: "relu", seed }),
    new Dense(1, { seed: seed + 1 }),
  ]);

describe("ModelCheckpoint", () => {
  it("saves every epoch to a templated path; the files load back as the model", () => {
    const dir = tmp();
    const m = model();
    const ckpt = new ModelCheckpoint({ filepath: join(dir, "epoch-{epoch}-{loss:.3f}") });
    const h = fit(m, x, y, { loss: "mse", epochs: 3, batchSize: 8, callbacks: [ckpt], verbose: 0 });
    expect(ckpt.saved).toHaveLength(3);
    expect(readdirSync(dir).sort()).toEqual(
      [0, 1, 2].map((e) => `epoch-${e + 1}-${h.history.loss![e]!.toFixed(3)}`).sort(),
    );
    const last = loadModelFromFileSync(ckpt.saved[2]!);
    expect(weightValues(last)).toEqual(weightValues(m));
    expect(Array.from(predict(last, x).data)).toEqual(Array.from(predict(m, x).data));
    expect(existsSync(join(dir, readdirSync(dir)[0]!, "model.json"))).toBe(true);
  });

  it("saveBestOnly writes only improvements of the monitored value", () => {
    const dir = tmp();
    const s = scriptedMetric("val_loss", [3, 2, 2.5, 1, 1.5]);
    const ckpt = new ModelCheckpoint({
      filepath: join(dir, "best.safetensors"),
      saveBestOnly: true,
    });
    const m = model();
    fit(m, x, y, { loss: "mse", epochs: 5, batchSize: 8, callbacks: [s, ckpt], verbose: 0 });
    expect(ckpt.saved).toHaveLength(3); // epochs 0, 1, 3
    expect(ckpt.best).toBe(1);
    expect(weightValues(loadModelFromFileSync(join(dir, "best.safetensors")))).toEqual(
      s.weights[3],
    );
    expect(readdirSync(dir)).toEqual(["best.safetensors"]);
  });

  it("includeOptimizer writes the optimizer state, which resumes training exactly", () => {
    const dir = tmp();
    const m = model();
    const opt = new Adam(m.parameters(), { lr: 0.01 });
    const ckpt = new ModelCheckpoint({ filepath: join(dir, "run"), includeOptimizer: true });
    fit(m, x, y, {
      loss: "mse",
      optimizer: opt,
      epochs: 2,
      batchSize: 8,
      shuffle: false,
      callbacks: [ckpt],
      verbose: 0,
    });
    const saved = JSON.parse(
      readFileSync(join(dir, "run", "optimizer.json"), "utf8"),
    ) as OptimizerCheckpoint;
    expect(saved.format).toBe("neurite-train-checkpoint");
    expect(saved.epoch).toBe(1);
    expect(Object.keys(saved.logs)).toEqual(["loss"]);
    // resume: a fresh model and optimizer from the files, one more epoch, equals one more epoch of the original
    const resumed = loadModelFromFileSync(join(dir, "run"));
    const opt2 = new Adam(resumed.parameters(), { lr: 0.01 });
    opt2.loadStateDict(saved.optimizer as Parameters<Adam["loadStateDict"]>[0]);
    const more = {
      loss: "mse",
      epochs: 3,
      initialEpoch: 2,
      batchSize: 8,
      shuffle: false,
      verbose: 0,
    } as const;
    fit(m, x, y, { ...more, optimizer: opt });
    fit(resumed, x, y, { ...more, optimizer: opt2 });
    expect(weightValues(resumed)).toEqual(weightValues(m));
  });

  it("writes atomically: when a save fails halfway, the previous checkpoint survives intact", () => {
    const dir = tmp();
    const path = join(dir, "model.safetensors");
    const ckpt = new ModelCheckpoint({ filepath: path });
    let before: Buffer | undefined;
    const breakSecondSave: Callback = {
      onEpochEnd: (epoch) => {
        if (epoch === 0) return;
        before = readFileSync(path);
        failing.write = true;
      },
    };
    expect(() =>
      fit(model(), x, y, {
        loss: "mse",
        epochs: 3,
        batchSize: 8,
        callbacks: [breakSecondSave, ckpt],
        verbose: 0,
      }),
    ).toThrow(/EIO.*simulated/);
    failing.write = false;
    expect(ckpt.saved).toHaveLength(1);
    expect(readFileSync(path).equals(before!)).toBe(true);
    expect(readdirSync(dir)).toEqual(["model.safetensors"]); // no temporary file left behind
    expect(() => loadModelFromFileSync(path)).not.toThrow();
  });

  it("saves the state dict of a module that is not a Sequential", () => {
    class Linear extends Module {
      dense = this.registerModule("dense", new Dense(1, { inputDim: 3, seed: 4 }));
      forward(v: Variable | Tensor): Variable {
        return this.dense.call(v);
      }
    }
    const dir = tmp();
    const m = new Linear();
    fit(m, x, y, {
      loss: "mse",
      epochs: 1,
      callbacks: [new ModelCheckpoint({ filepath: join(dir, "w.safetensors") })],
      verbose: 0,
    });
    const { tensors } = decodeSafetensors(readFileSync(join(dir, "w.safetensors")));
    expect(Object.keys(tensors).sort()).toEqual(["dense.bias", "dense.kernel"]);
    expect(Array.from(tensors["dense.kernel"]!.data)).toEqual(
      Array.from(m.dense.stateDict().kernel!.data),
    );
  });

  it("fills placeholders and rejects unknown ones", () => {
    expect(fillPath("m-{epoch}-{val_loss:.2f}-{acc}", 4, { val_loss: 0.12345, acc: 0.5 })).toBe(
      "m-5-0.12-0.5",
    );
    expect(() => fillPath("m-{nope}", 0, { loss: 1 })).toThrow(
      /placeholder \{nope\} names no log key/,
    );
  });
});

describe("CSVLogger", () => {
  it("writes a header and one row per epoch with the history's values", () => {
    const file = join(tmp(), "logs", "train.csv");
    const h = fit(model(), x, y, {
      loss: "mse",
      metrics: ["mae"],
      epochs: 3,
      batchSize: 8,
      validationSplit: 0.25,
      callbacks: [new CSVLogger(file)],
      verbose: 0,
    });
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("epoch,loss,mae,val_loss,val_mae");
    expect(lines).toHaveLength(4);
    lines.slice(1).forEach((line, e) => {
      const cells = line.split(",").map(Number);
      expect(cells).toEqual([
        e,
        h.history.loss![e],
        h.history.mae![e],
        h.history.val_loss![e],
        h.history.val_mae![e],
      ]);
    });
    // append: no second header
    fit(model(), x, y, {
      loss: "mse",
      metrics: ["mae"],
      epochs: 1,
      validationSplit: 0.25,
      callbacks: [new CSVLogger(file, { append: true })],
      verbose: 0,
    });
    expect(readFileSync(file, "utf8").trimEnd().split("\n")).toHaveLength(5);
    // separator, and a fresh file without append
    fit(model(), x, y, {
      loss: "mse",
      epochs: 1,
      callbacks: [new CSVLogger(file, { separator: ";" })],
      verbose: 0,
    });
    expect(readFileSync(file, "utf8").split("\n")[0]).toBe("epoch;loss");
  });
});

describe("progress output in Node", () => {
  it("draws a bar per epoch on a TTY, ending with the epoch's logs", () => {
    let out = "";
    const stream = { isTTY: true, columns: 160, write: (s: string) => void (out += s) };
    fit(model(), x, y, {
      loss: "mse",
      metrics: ["mae"],
      epochs: 2,
      batchSize: 8,
      validationSplit: 0.25,
      callbacks: [new ProgressBar({ stream })],
      verbose: 0,
    });
    const ESC = String.fromCharCode(27);
    const plain = out.replace(new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]|${ESC}[78]`, "g"), "");
    expect(plain).toMatch(
      /Epoch 1\/2 \[=+\] 3\/3 \| loss: \d+\.\d{4} - mae: \d+\.\d{4} - val_loss: \d+\.\d{4} - val_mae: \d+\.\d{4} \| .+ it\/s/,
    );
    expect(plain).toMatch(/Epoch 2\/2 \[=+\] 3\/3 \| loss: /);
    expect(plain.match(/\n/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it("fit from the Node entry prints one line per epoch when stdout is not a TTY, and a bar when it is", () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      writes.push(String(s));
      return true;
    });
    const tty = process.stdout.isTTY;
    try {
      process.stdout.isTTY = false as never;
      fit(model(), x, y, { loss: "mse", epochs: 2, batchSize: 8 });
      expect(writes.filter((w) => w.startsWith("Epoch "))).toHaveLength(2);
      expect(writes[0]).toMatch(/^Epoch 1\/2 - 3\/3 iterations - .* - loss: \d+\.\d{4}\n$/);
      writes.length = 0;
      fit(model(), x, y, { loss: "mse", epochs: 2, batchSize: 8, verbose: 0 });
      expect(writes).toEqual([]);
      process.stdout.isTTY = true as never;
      fit(model(), x, y, { loss: "mse", epochs: 1, batchSize: 8 });
      expect(writes.join("")).toMatch(/Epoch 1\/1 \[=+\] 3\/3/);
      writes.length = 0;
      fit(model(), x, y, { loss: "mse", epochs: 1, batchSize: 8, verbose: 2 });
      expect(writes).toHaveLength(1);
    } finally {
      process.stdout.isTTY = tty;
      spy.mockRestore();
    }
  });

  it("fitAsync from the Node entry sends lines to a custom sink", async () => {
    const lines: string[] = [];
    await fitAsync(model(), x, y, {
      loss: "mse",
      epochs: 2,
      batchSize: 8,
      log: (l) => void lines.push(l),
    });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Epoch 2\/2 - 3\/3 iterations/);
  });
});
