import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Dense, FormatError, Module, Sequential } from "@neurite/layers";
import { loadModelFromFileSync } from "@neurite/layers/node";
import { Rng, randn, ValueError } from "@neurite/tensor";
import { afterAll, describe, expect, it } from "vitest";
import { type Callback, CSVLogger, fit, ModelCheckpoint } from "../src/node.js";

const root = mkdtempSync(join(tmpdir(), "neurite-train-ckpt-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const rng = new Rng(2);
const x = randn([16, 3], rng);
const y = randn([16, 1], rng);
const model = () => new Sequential([new Dense(1, { inputDim: 3, seed: 1 })]);

/** Counts the epochs that began. */
function epochCounter(): Callback & { epochs: number } {
  return {
    epochs: 0,
    onEpochBegin() {
      this.epochs++;
    },
  };
}

function fitWith(ckpt: ModelCheckpoint, m: Module = model()) {
  return fit(m, x, y, { loss: "mse", epochs: 2, batchSize: 8, callbacks: [ckpt], verbose: 0 });
}

describe("ModelCheckpoint finds an unwritable target before the first epoch", () => {
  it("a file in the way of the directory", () => {
    const file = join(root, "a-file");
    writeFileSync(file, "x");
    const counter = epochCounter();
    const ckpt = new ModelCheckpoint({ filepath: join(file, "ckpt", "epoch-{epoch}") });
    let error: unknown;
    try {
      fit(model(), x, y, {
        loss: "mse",
        epochs: 2,
        batchSize: 8,
        callbacks: [counter, ckpt],
        verbose: 0,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValueError);
    expect((error as Error).message).toMatch(
      /ModelCheckpoint: argument 'filepath': cannot write into .*a-file\/ckpt: .*a-file exists and is not a directory/,
    );
    expect(counter.epochs).toBe(0);
  });

  it.runIf(process.platform === "linux")("a path under /proc, which would hang mkdirSync", () => {
    const counter = epochCounter();
    expect(() =>
      fit(model(), x, y, {
        loss: "mse",
        callbacks: [counter, new ModelCheckpoint({ filepath: "/proc/neurite/best.safetensors" })],
        verbose: 0,
      }),
    ).toThrow(/cannot write into \/proc\/neurite: creating \/proc\/neurite failed/);
    expect(counter.epochs).toBe(0);
  });
});

describe("CSVLogger checks its directory level by level", () => {
  it.runIf(process.platform === "linux")("a path under /proc fails at once", () => {
    expect(() =>
      fit(model(), x, y, {
        loss: "mse",
        callbacks: [new CSVLogger("/proc/neurite-logs/run.csv")],
        verbose: 0,
      }),
    ).toThrow(
      /^CSVLogger: argument 'filename': cannot write into \/proc\/neurite-logs: creating \/proc\/neurite-logs failed/,
    );
  });
});

describe("a checkpoint is one unit: weights, architecture and optimizer state under one manifest", () => {
  it("a directory checkpoint lists its three files; losing one is refused on load", () => {
    const dir = join(root, "unit");
    fitWith(new ModelCheckpoint({ filepath: dir, includeOptimizer: true }));
    expect(readdirSync(dir).sort()).toEqual([
      "manifest.json",
      "model.json",
      "model.safetensors",
      "optimizer.json",
    ]);
    expect(loadModelFromFileSync(dir)).toBeInstanceOf(Sequential);
    writeFileSync(join(dir, "optimizer.json"), "{}");
    expect(() => loadModelFromFileSync(dir)).toThrow(FormatError);
    expect(() => loadModelFromFileSync(dir)).toThrow(/optimizer\.json has 2 bytes/);
  });

  it("a .safetensors checkpoint with the optimizer gets <name>.manifest.json", () => {
    const dir = join(root, "file");
    fitWith(
      new ModelCheckpoint({ filepath: join(dir, "w-{epoch}.safetensors"), includeOptimizer: true }),
    );
    expect(readdirSync(dir).sort()).toEqual([
      "w-1.manifest.json",
      "w-1.optimizer.json",
      "w-1.safetensors",
      "w-2.manifest.json",
      "w-2.optimizer.json",
      "w-2.safetensors",
    ]);
  });

  it("a module that is not a Sequential: weights and optimizer state in one set", () => {
    class Linear extends Module {
      dense = this.registerModule("dense", new Dense(1, { inputDim: 3, seed: 4 }));
      forward(v: Parameters<Dense["forward"]>[0]) {
        return this.dense.call(v);
      }
    }
    const dir = join(root, "module");
    fitWith(new ModelCheckpoint({ filepath: dir, includeOptimizer: true }), new Linear());
    expect(readdirSync(dir).sort()).toEqual([
      "manifest.json",
      "model.safetensors",
      "optimizer.json",
    ]);
  });
});
