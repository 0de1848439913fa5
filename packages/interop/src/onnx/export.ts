import {
  Activation,
  BatchNorm,
  Dense,
  Dropout,
  type Module,
  Sequential,
  type SymbolicShape,
} from "@neurite/layers";
import { ValueError } from "@neurite/tensor";
import { UnsupportedLayerError } from "../errors.js";
import { activationToOnnx } from "./activations.js";
import { GraphBuilder, type GraphFloat } from "./graph-builder.js";
import { encodeModel } from "./proto.js";

/** Options of {@link toOnnx}. */
export interface ToOnnxOptions {
  /**
   * The shape of one sample, without the batch axis (e.g. `[13]`). The batch
   * axis of the exported model is dynamic. Default: the input shape the model
   * was built for.
   */
  inputShape?: readonly number[];
  /** The ONNX opset to target, 17 to 23 (default 17: ONNX Runtime 1.14 and later). */
  opset?: number;
  /** Name of the graph's input (default `"input"`). */
  inputName?: string;
  /** Name of the graph's output (default `"output"`). */
  outputName?: string;
}

/** The lowest and highest default-domain opsets {@link toOnnx} writes. */
export const ONNX_OPSETS = { min: 17, max: 23 } as const;

// The IR version that introduced each opset (onnx/onnx docs/Versioning.md).
function irVersionOf(opset: number): number {
  return opset <= 18 ? 8 : opset <= 20 ? 9 : opset <= 22 ? 10 : 11;
}

const OP = "toOnnx";

/**
 * Converts a trained model to an ONNX model (`ModelProto` bytes) that ONNX
 * Runtime, Netron and the rest of the ONNX tools read. The graph computes
 * what `predict` computes (eval mode): Dense becomes Gemm (MatMul + Add for
 * inputs of rank > 2), BatchNorm becomes BatchNormalization with the layer's
 * running statistics and epsilon, Dropout disappears, and each activation
 * becomes its ONNX operator or a short exact composition. The batch axis is
 * dynamic (`"batch"`); weights are stored in the model's dtype (float32 or
 * float64).
 *
 * @throws UnsupportedLayerError for a layer or custom activation ONNX cannot express, naming it
 * @throws ValueError for a model that is not built, or bad options
 */
export function toOnnx(model: Module, options: ToOnnxOptions = {}): Uint8Array {
  if (!(model instanceof Sequential) && !isLeaf(model))
    throw new ValueError(
      OP,
      "model",
      `expected a Sequential or a Dense / BatchNorm / Dropout / Activation layer, got ${describeModel(model)}`,
    );
  if (typeof options !== "object" || options === null)
    throw new ValueError(OP, "options", "expected an options object");
  const opset = options.opset ?? 17;
  if (!Number.isInteger(opset) || opset < ONNX_OPSETS.min || opset > ONNX_OPSETS.max)
    throw new ValueError(
      OP,
      "opset",
      `expected an integer from ${ONNX_OPSETS.min} to ${ONNX_OPSETS.max}, got ${String(opset)}`,
    );
  const sample = inputShapeOf(model, options.inputShape);
  const inputName = nameOption("inputName", options.inputName ?? "input");
  const outputName = nameOption("outputName", options.outputName ?? "output");
  if (inputName === outputName)
    throw new ValueError(OP, "outputName", `must differ from inputName ('${inputName}')`);

  const b = new GraphBuilder(floatOf(model));
  b.reserve(inputName);
  b.reserve(outputName);
  const inShape: SymbolicShape = [null, ...sample];
  const { value, shape } = convert(model, inputName, inShape, b, "");
  // The last value gets the output's name (an Identity when the model is empty or ends in Dropout).
  if (value === inputName || b.nodes.length === 0)
    b.node("Identity", [value], "output", [], outputName);
  else renameOutput(b, value, outputName);

  return encodeModel({
    irVersion: irVersionOf(opset),
    opsetVersion: opset,
    producerName: "neurite",
    graph: {
      name: model.name ?? "neurite",
      nodes: b.nodes,
      initializers: b.initializers,
      inputs: [{ name: inputName, elemType: b.elemType, shape: ["batch", ...sample] }],
      outputs: [
        {
          name: outputName,
          elemType: b.elemType,
          shape: shape.map((d, i) => (i === 0 ? "batch" : (d as number))),
        },
      ],
    },
  });
}

function isLeaf(m: unknown): m is Module {
  return (
    m instanceof Dense || m instanceof BatchNorm || m instanceof Dropout || m instanceof Activation
  );
}

function describeModel(m: unknown): string {
  if (m === null || m === undefined) return String(m);
  if (typeof m !== "object") return typeof m;
  return (m as { className?: string }).className ?? (m as object).constructor?.name ?? "an object";
}

function nameOption(arg: string, v: unknown): string {
  if (typeof v !== "string" || v.length === 0)
    throw new ValueError(OP, arg, `expected a non-empty string, got ${String(v)}`);
  return v;
}

function inputShapeOf(model: Module, given: readonly number[] | undefined): number[] {
  const shape = given ?? model.expectedInputShape;
  if (shape === undefined)
    throw new ValueError(
      OP,
      "inputShape",
      "the model does not know its input shape: pass inputShape, e.g. { inputShape: [13] }",
    );
  if (
    !Array.isArray(shape) ||
    shape.length === 0 ||
    !shape.every((d) => Number.isInteger(d) && d > 0)
  )
    throw new ValueError(
      OP,
      "inputShape",
      `expected the shape of one sample without the batch axis, positive integers such as [13], got ${JSON.stringify(shape)}`,
    );
  const expected = model.expectedInputShape;
  if (expected && expected[expected.length - 1] !== shape[shape.length - 1])
    throw new ValueError(
      OP,
      "inputShape",
      `the model expects ${expected[expected.length - 1]} input features, got inputShape ${JSON.stringify(shape)}`,
    );
  return shape.slice();
}

function floatOf(model: Module): GraphFloat {
  for (const p of model.parameters()) return p.dtype === "float64" ? "float64" : "float32";
  return model.dtype === "float64" ? "float64" : "float32";
}

/** Points the producer of `value` at `name` instead. */
function renameOutput(b: GraphBuilder, value: string, name: string): void {
  for (let i = b.nodes.length - 1; i >= 0; i--) {
    const n = b.nodes[i]!;
    const k = n.outputs.indexOf(value);
    if (k >= 0) {
      b.nodes[i] = { ...n, outputs: n.outputs.map((o, j) => (j === k ? name : o)) };
      return;
    }
  }
}

interface Converted {
  value: string;
  shape: SymbolicShape;
}

function unsupported(path: string, layer: Module, reason: string): never {
  throw new UnsupportedLayerError(OP, "model", layerLabel(path, layer), layer.className, reason);
}

function layerLabel(path: string, layer: Module): string {
  const p = path === "" ? "(root)" : path;
  return layer.name ? `${p}:${layer.name}` : p;
}

function convert(
  layer: Module,
  x: string,
  shape: SymbolicShape,
  b: GraphBuilder,
  path: string,
): Converted {
  const scope = path === "" ? layer.className : path;
  if (layer instanceof Sequential) {
    let cur: Converted = { value: x, shape };
    layer.layers.forEach((child, i) => {
      cur = convert(child, cur.value, cur.shape, b, path === "" ? String(i) : `${path}.${i}`);
    });
    return cur;
  }
  if (!layer.built && (layer instanceof Dense || layer instanceof BatchNorm))
    throw new ValueError(
      OP,
      "model",
      `layer '${layerLabel(path, layer)}' (${layer.className}) is not built: train the model, call it once, or give inputDim`,
    );
  const outShape = layer.computeOutputShape(shape);
  if (layer instanceof Dropout) return { value: x, shape: outShape };
  if (layer instanceof Dense)
    return { value: denseToOnnx(layer, x, shape, b, scope, path), shape: outShape };
  if (layer instanceof BatchNorm)
    return { value: batchNormToOnnx(layer, x, shape.length, b, scope), shape: outShape };
  if (layer instanceof Activation) {
    const a = layer.activation;
    if (typeof a === "function")
      unsupported(
        path,
        layer,
        "a custom activation function has no ONNX form; use a built-in activation name",
      );
    return { value: activationToOnnx(a, x, shape.length, b, scope), shape: outShape };
  }
  return unsupported(
    path,
    layer,
    "ONNX export supports Sequential, Dense, BatchNorm, Dropout and Activation layers",
  );
}

function denseToOnnx(
  layer: Dense,
  x: string,
  shape: SymbolicShape,
  b: GraphBuilder,
  scope: string,
  path: string,
): string {
  const a = layer.activation;
  if (a?.kind === "custom")
    unsupported(
      path,
      layer,
      "a custom activation function has no ONNX form; use a built-in activation name",
    );
  const kernel = b.constant(`${scope}.kernel`, layer.kernel.value);
  const bias = layer.bias ? b.constant(`${scope}.bias`, layer.bias.value) : null;
  let y: string;
  if (shape.length === 2) {
    // Gemm: x · kernel + bias, the kernel in Neurite's [inputs, units] layout (transB = 0).
    y = b.node("Gemm", bias ? [x, kernel, bias] : [x, kernel], scope);
  } else {
    y = b.node("MatMul", [x, kernel], scope);
    if (bias) y = b.node("Add", [y, bias], scope);
  }
  return a ? activationToOnnx(a.fn, y, shape.length, b, scope) : y;
}

function batchNormToOnnx(
  layer: BatchNorm,
  x: string,
  rank: number,
  b: GraphBuilder,
  scope: string,
): string {
  const f = layer.features!;
  const ones = new Array<number>(f).fill(1);
  const zeros = new Array<number>(f).fill(0);
  const scale = layer.gamma
    ? b.constant(`${scope}.gamma`, layer.gamma.value)
    : b.constant(`${scope}.gamma`, ones, [f]);
  const bias = layer.beta
    ? b.constant(`${scope}.beta`, layer.beta.value)
    : b.constant(`${scope}.beta`, zeros, [f]);
  const mean = b.constant(`${scope}.movingMean`, layer.movingMean);
  const variance = b.constant(`${scope}.movingVariance`, layer.movingVariance);
  const attrs = [{ name: "epsilon", kind: "float" as const, value: layer.epsilon }];
  // ONNX normalizes axis 1 (channels first); Neurite the last axis. Rank 2 needs no transpose.
  if (rank === 2)
    return b.node("BatchNormalization", [x, scale, bias, mean, variance], scope, attrs);
  const toChannels = [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
  const back = [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
  const t = b.node("Transpose", [x], scope, [{ name: "perm", kind: "ints", value: toChannels }]);
  const y = b.node("BatchNormalization", [t, scale, bias, mean, variance], scope, attrs);
  return b.node("Transpose", [y], scope, [{ name: "perm", kind: "ints", value: back }]);
}
