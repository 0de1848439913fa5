import { readFileSync } from "node:fs";
import type { BatchNorm, Dense } from "@neurite/layers";
import { tensor, ValueError } from "@neurite/tensor";
import { predict } from "@neurite/train";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { UnsupportedLayerError } from "../src/index.js";
import { fromKeras } from "../src/keras.js";
import { loadKerasModel } from "../src/node.js";

const path = new URL("./fixtures/keras-wine.keras", import.meta.url);
const io = JSON.parse(
  readFileSync(new URL("./fixtures/keras-wine-io.json", import.meta.url), "utf8"),
) as {
  x: number[][];
  y: number[][];
};

/** The fixture's archive with config.json replaced. */
function withConfig(
  edit: (config: {
    config: { layers: { class_name: string; config: Record<string, unknown> }[] };
  }) => void,
): Uint8Array {
  const files = unzipSync(readFileSync(path));
  const config = JSON.parse(new TextDecoder().decode(files["config.json"]));
  edit(config);
  return zipSync({ ...files, "config.json": strToU8(JSON.stringify(config)) });
}

describe("fromKeras: Keras 3 .keras files", () => {
  it("the fixture (wine network, written as Keras 3 writes it) gives the outputs NumPy computed", async () => {
    const model = await loadKerasModel(path.pathname);
    expect(model.layers.map((l) => [l.className, l.name])).toEqual([
      ["Dense", "hidden"],
      ["BatchNorm", "norm"],
      ["Activation", "relu"],
      ["Dropout", "dropout"],
      ["Dense", "scores"],
    ]);
    expect((model.layers[0] as Dense).kernel.shape).toEqual([13, 20]);
    expect((model.layers[1] as BatchNorm).epsilon).toBe(0.001);
    const y = predict(model, tensor(io.x)).data;
    const expected = io.y.flat();
    expect(y.length).toBe(expected.length);
    for (let i = 0; i < y.length; i++) expect(Math.abs(y[i]! - expected[i]!)).toBeLessThan(1e-5);
  });

  it("names a layer it cannot rebuild, and refuses what is not a .keras file", () => {
    const conv = withConfig((c) => {
      c.config.layers[3] = { class_name: "Conv1D", config: { name: "conv", filters: 4 } };
    });
    expect(() => fromKeras(conv)).toThrow(UnsupportedLayerError);
    expect(() => fromKeras(conv)).toThrow(/fromKeras: argument 'bytes': layer 'conv' \(Conv1D\)/);
    expect(() => fromKeras(new Uint8Array([1, 2, 3]))).toThrow(/not a zip archive/);
    expect(() => fromKeras(zipSync({ "a.txt": strToU8("hi") }))).toThrow(
      /no config.json: not a Keras 3 .keras file/,
    );
    expect(() => fromKeras("x" as never)).toThrow(ValueError);
  });

  it("a layer whose weights the file lacks is named", () => {
    const extra = withConfig((c) => {
      c.config.layers.push({
        class_name: "Dense",
        config: { name: "extra", units: 2, activation: "linear", use_bias: true },
      });
    });
    expect(() => fromKeras(extra)).toThrow(/the weights have no 'extra\/kernel'/);
  });
});
