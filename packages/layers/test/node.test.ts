import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randn } from "@neurite/tensor";
import { afterAll, describe, expect, it } from "vitest";
import {
  Activation,
  BatchNorm,
  Dense,
  encodeSafetensors,
  FormatError,
  modelToJSON,
  Sequential,
} from "../src/index.js";
import {
  loadModelFromFile,
  loadModelFromFileSync,
  saveModelToFile,
  saveModelToFileSync,
  writeFileAtomicSync,
} from "../src/node.js";
import { bytesOf } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "neurite-layers-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function model(seed = 1): Sequential {
  const m = new Sequential([
    new Dense(6, { inputDim: 4, seed }),
    new BatchNorm(),
    new Activation("tanh"),
    new Dense(2, { seed: seed + 1 }),
  ]);
  m.call(randn([5, 4], seed)); // moves the running statistics
  return m;
}

describe("saving to files (Node)", () => {
  it("a directory receives model.safetensors and model.json; loading predicts bit-identically", () => {
    const dir = join(root, "wine");
    const m = model();
    const files = saveModelToFileSync(m, dir);
    expect(files).toEqual({
      weightsPath: join(dir, "model.safetensors"),
      architecturePath: join(dir, "model.json"),
      manifestPath: join(dir, "manifest.json"),
    });
    expect(readdirSync(dir).sort()).toEqual(["manifest.json", "model.json", "model.safetensors"]);
    expect(JSON.parse(readFileSync(files.architecturePath!, "utf8"))).toEqual(modelToJSON(m));
    const back = loadModelFromFileSync(dir);
    const x = randn([3, 4], 8);
    expect(bytesOf(back.predict(x))).toEqual(bytesOf(m.predict(x)));
  });

  it("a .safetensors path receives one self-contained file", async () => {
    const path = join(root, "single", "net.safetensors");
    const m = model(3);
    const files = await saveModelToFile(m, path);
    expect(files.architecturePath).toBeNull();
    expect(readdirSync(join(root, "single"))).toEqual(["net.safetensors"]);
    const back = await loadModelFromFile(path);
    const x = randn([2, 4], 1);
    expect(bytesOf(back.predict(x))).toEqual(bytesOf(m.predict(x)));
  });

  it("async directory save and load", async () => {
    const dir = join(root, "async");
    const m = model(5);
    await saveModelToFile(m, dir);
    const x = randn([2, 4], 1);
    expect(bytesOf((await loadModelFromFile(dir)).predict(x))).toEqual(bytesOf(m.predict(x)));
  });

  it("overwrites atomically and leaves no temporary files", () => {
    const dir = join(root, "over");
    saveModelToFileSync(model(1), dir);
    const second = model(2);
    saveModelToFileSync(second, dir);
    expect(readdirSync(dir).sort()).toEqual(["manifest.json", "model.json", "model.safetensors"]);
    const x = randn([2, 4], 3);
    expect(bytesOf(loadModelFromFileSync(dir).predict(x))).toEqual(bytesOf(second.predict(x)));
  });

  it("a save that fails keeps the previous files intact", () => {
    const dir = join(root, "keep");
    saveModelToFileSync(model(1), dir);
    const before = readFileSync(join(dir, "model.safetensors"));
    expect(() => saveModelToFileSync(new Sequential([new Dense(3)]), dir)).toThrow(/not built/);
    expect(readFileSync(join(dir, "model.safetensors"))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(["manifest.json", "model.json", "model.safetensors"]);
  });

  it("a write that fails at the rename removes its temporary file", () => {
    const dir = join(root, "blocked");
    mkdirSync(join(dir, "model.safetensors", "occupied"), { recursive: true });
    expect(() => saveModelToFileSync(model(), dir)).toThrow();
    expect(readdirSync(dir)).toEqual(["model.safetensors"]);
    expect(() => writeFileAtomicSync(join(dir, "model.safetensors"), new Uint8Array(3))).toThrow();
    expect(readdirSync(dir)).toEqual(["model.safetensors"]);
  });

  it("a corrupt or truncated file gives a FormatError", async () => {
    const dir = join(root, "corrupt");
    saveModelToFileSync(model(), dir);
    const path = join(dir, "model.safetensors");
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 10));
    expect(() => loadModelFromFileSync(dir)).toThrow(FormatError);
    await expect(loadModelFromFile(dir)).rejects.toThrow(
      /model.safetensors has \d+ bytes, the manifest records \d+/,
    );
    rmSync(join(dir, "manifest.json")); // without a manifest, the reader itself finds the damage
    await expect(loadModelFromFile(dir)).rejects.toThrow(/truncated/);
    expect(() => loadModelFromFileSync(join(root, "missing"))).toThrow(/ENOENT/);
  });

  it("falls back to model.json when the weights carry no architecture", () => {
    const dir = join(root, "plain");
    const m = model(4);
    saveModelToFileSync(m, dir);
    writeFileSync(join(dir, "model.safetensors"), encodeSafetensors(m.stateDict()));
    rmSync(join(dir, "manifest.json")); // weights written by another tool, no manifest
    const x = randn([2, 4], 6);
    expect(bytesOf(loadModelFromFileSync(dir).predict(x))).toEqual(bytesOf(m.predict(x)));
    expect(existsSync(join(dir, "model.json"))).toBe(true);
  });
});
