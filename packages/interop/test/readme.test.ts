import type { Variable } from "@neurite/autograd";
import { Dense, Module, Sequential } from "@neurite/layers";
import type { Tensor } from "@neurite/tensor";
import * as tf from "@tensorflow/tfjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import fromTfjsExample from "../examples/from-tfjs.ts?raw";
import toOnnxExample from "../examples/to-onnx.ts?raw";
import toPytorchExample from "../examples/to-pytorch.ts?raw";
import readme from "../README.md?raw";
import { fromTfjs, toOnnx } from "../src/index.js";
import { artifactsOf } from "./tfjs.js";

/** The README's TypeScript code blocks. */
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** Runs an example module with console.log captured, returning what it printed. */
async function run(load: () => Promise<unknown>): Promise<unknown[][]> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  await load();
  return log.mock.calls;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("README examples are the files in examples/, and they run", () => {
  it.each([
    ["to-onnx.ts", toOnnxExample],
    ["to-pytorch.ts", toPytorchExample],
    ["from-tfjs.ts", fromTfjsExample],
  ])("the README shows examples/%s verbatim", (_name, source) => {
    expect(blocks).toContain(source);
  });

  it("to ONNX: ONNX Runtime agrees with predict", async () => {
    const [[line]] = (await run(() => import("../examples/to-onnx.js"))) as [[string]];
    const largest = Number(/at most (\S+)$/.exec(line)![1]);
    expect(largest).toBeLessThan(1e-5);
  });

  it("to PyTorch: prints the module its comment shows", async () => {
    const printed = await run(() => import("../examples/to-pytorch.js"));
    expect(printed).toEqual([
      ["nn.Sequential(\n    nn.Linear(13, 20),\n    nn.ReLU(),\n    nn.Linear(20, 1),\n)"],
    ]);
  });

  it("from TensorFlow.js: the layers and the agreement it prints", async () => {
    const printed = await run(() => import("../examples/from-tfjs.js"));
    expect(printed).toEqual([[["Dense", "BatchNorm", "Dropout", "Dense"]], [true]]);
  });
});

describe("README error examples", () => {
  it("are the messages actually thrown", async () => {
    const shown = [...readme.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
    const messageOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    class Passthrough extends Module {
      override get className(): string {
        return "Passthrough";
      }
      forward(x: Variable | Tensor): Variable {
        return x as Variable;
      }
    }
    const model = new Sequential([new Dense(2, { inputDim: 3 }), new Passthrough()]);
    const keras = tf.sequential();
    keras.add(tf.layers.dense({ units: 4, inputShape: [3] }));
    keras.add(tf.layers.layerNormalization({ name: "norm" }));
    const artifacts = await artifactsOf(keras);
    expect(shown).toEqual([messageOf(() => toOnnx(model)), messageOf(() => fromTfjs(artifacts))]);
  });
});
