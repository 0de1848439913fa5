import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Dense, Sequential } from "@neurite/layers";
import { randn } from "@neurite/tensor";
import { predict } from "@neurite/train";
import { afterAll, describe, expect, it } from "vitest";
import { toOnnx, UnsupportedLayerError } from "../src/index.js";
import { saveOnnx } from "../src/node.js";
import { runOnnx } from "./ort.js";

const dir = mkdtempSync(join(tmpdir(), "neurite-interop-node-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("saveOnnx", () => {
  it("writes toOnnx's bytes, creating the directory, and leaves no temporary file", async () => {
    const model = new Sequential([new Dense(3, { inputDim: 4, activation: "tanh", seed: 1 })]);
    const path = await saveOnnx(model, join(dir, "deep", "er", "model.onnx"), { opset: 18 });
    expect(path).toBe(join(dir, "deep", "er", "model.onnx"));
    expect(new Uint8Array(readFileSync(path))).toEqual(toOnnx(model, { opset: 18 }));
    expect(readdirSync(join(dir, "deep", "er"))).toEqual(["model.onnx"]);
    const x = randn([2, 4], 1);
    const ort = await runOnnx(readFileSync(path), x);
    const ours = predict(model, x).data;
    ort.data.forEach((v, i) => {
      expect(Math.abs(v - ours[i]!)).toBeLessThan(1e-6);
    });
  });

  it("keeps the previous file when the export fails", async () => {
    const good = new Sequential([new Dense(2, { inputDim: 2, seed: 2 })]);
    const path = join(dir, "kept.onnx");
    await saveOnnx(good, path);
    const before = readFileSync(path);
    const bad = new Sequential([new Dense(2, { inputDim: 2, activation: (x) => x })]);
    await expect(saveOnnx(bad, path)).rejects.toThrow(UnsupportedLayerError);
    expect(readFileSync(path)).toEqual(before);
  });
});
