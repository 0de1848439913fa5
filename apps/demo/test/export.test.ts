import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadWine } from "@neurite/datasets";
import { loadModelFromFile } from "@neurite/layers/node";
import { Tensor } from "@neurite/tensor";
import { predict } from "@neurite/train";
import * as ort from "onnxruntime-web";
import { describe, expect, it } from "vitest";
import { main, parseCommandLine } from "../src/cli.js";
import { tempOut } from "./helpers.js";

ort.env.wasm.numThreads = 1;

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd },
    out,
    err,
  };
}

describe("--export", () => {
  it("wine: writes the trained model as safetensors and ONNX, which compute the same", async () => {
    const cwd = tempOut();
    const c = capture(cwd);
    const code = await main(
      ["wine", "--epochs", "2", "--out", "charts", "--export", "models"],
      c.io,
    );
    expect(c.err).toEqual([]);
    expect(code).toBe(0);
    const safetensors = join(cwd, "models", "wine.safetensors");
    const onnx = join(cwd, "models", "wine.onnx");
    const text = c.out.join("\n");
    expect(text).toContain(`Exported the trained model:\n  ${safetensors}`);
    expect(text).toContain(`  ${onnx}\n      ONNX (opset 17): input "input" float32 [batch, 13]`);
    expect(text).toContain(`ort.InferenceSession('${onnx}')`);

    const model = await loadModelFromFile(safetensors);
    const x = loadWine().x;
    const rows = new Tensor(x.data.slice(0, 10 * 13) as Float32Array, [10, 13]);
    const session = await ort.InferenceSession.create(onnx);
    const result = await session.run({
      input: new ort.Tensor("float32", rows.data as Float32Array, [10, 13]),
    });
    const ours = predict(model, rows).data;
    const theirs = result.output!.data as Float32Array;
    for (let i = 0; i < ours.length; i++)
      expect(Math.abs(ours[i]! - theirs[i]!)).toBeLessThan(1e-5);
    await session.release();
  });

  it("boston with --json lists the exported files among the files written", async () => {
    const cwd = tempOut();
    const c = capture(cwd);
    const code = await main(
      ["boston", "--epochs", "1", "--scale", "--json", "--out", "o", "--export", "m"],
      c.io,
    );
    expect(code).toBe(0);
    const files = JSON.parse(c.out.join("\n")).files as string[];
    expect(files).toContain(join(cwd, "m", "boston.safetensors"));
    expect(files).toContain(join(cwd, "m", "boston.onnx"));
    for (const f of files.slice(-2)) expect(existsSync(f)).toBe(true);
  });

  it("is refused for examples without one trained model, and without a directory", () => {
    expect(() => parseCommandLine(["xor", "--export", "m"], "/w")).toThrow(
      /--export applies to wine and boston, not to 'xor'/,
    );
    expect(() => parseCommandLine(["wine", "--export", " "], "/w")).toThrow(
      /--export expects a directory/,
    );
    expect(parseCommandLine(["boston", "--export", "m"], "/w").exportDir).toBe("/w/m");
  });
});
