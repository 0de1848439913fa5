import type { Sequential } from "@neurite/layers";
import { ValueError } from "@neurite/tensor";
import type { KerasFlavor } from "../keras/activations.js";
import { buildSequential, type KerasWeight, sequentialLayers } from "../keras/build.js";

/** One entry of TensorFlow.js's `weightSpecs` (its `WeightsManifestEntry`). */
export interface TfjsWeightSpec {
  /** E.g. `"dense_Dense1/kernel"`. */
  name: string;
  shape: number[];
  dtype: string;
  /** Set for quantized weights, which are not supported. */
  quantization?: unknown;
}

/**
 * What TensorFlow.js hands a save handler (its `ModelArtifacts`): the
 * Keras-style topology, the weight specs, and the weights' bytes in the
 * specs' order (one buffer, or the shards in order).
 */
export interface TfjsModelArtifacts {
  modelTopology?: unknown;
  weightSpecs?: TfjsWeightSpec[];
  weightData?: ArrayBuffer | ArrayBuffer[];
}

const OP = "fromTfjs";

function concatenate(data: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  const parts = Array.isArray(data) ? data : [data];
  for (const p of parts)
    if (!(p instanceof ArrayBuffer))
      throw new ValueError(
        OP,
        "artifacts.weightData",
        "expected an ArrayBuffer or an array of them",
      );
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out;
}

/** `layer/kind` of a TensorFlow.js weight name (`"sequential/dense_1/kernel:0"` → `"dense_1/kernel"`). */
function weightKey(name: string): string {
  const parts = name.replace(/:\d+$/, "").split("/");
  return parts.slice(-2).join("/");
}

/** Splits the weight bytes into named float32 weights, following the specs' order and sizes. */
export function decodeTfjsWeights(
  specs: readonly TfjsWeightSpec[],
  data: ArrayBuffer | ArrayBuffer[],
): Map<string, KerasWeight> {
  const bytes = concatenate(data);
  const out = new Map<string, KerasWeight>();
  let offset = 0;
  for (const s of specs) {
    if (s.quantization !== undefined)
      throw new ValueError(
        OP,
        "artifacts.weightSpecs",
        `weight '${s.name}' is quantized; save the model without quantization`,
      );
    if (s.dtype !== "float32")
      throw new ValueError(
        OP,
        "artifacts.weightSpecs",
        `weight '${s.name}' has dtype ${s.dtype}; only float32 weights are read`,
      );
    const count = s.shape.reduce((n, d) => n * d, 1);
    const end = offset + count * 4;
    if (end > bytes.length)
      throw new ValueError(
        OP,
        "artifacts.weightData",
        `weight '${s.name}' needs bytes ${offset}..${end} but the data holds ${bytes.length}: the shards are missing or truncated`,
      );
    const data32 = new Float32Array(count);
    const view = new DataView(bytes.buffer, offset, count * 4);
    for (let i = 0; i < count; i++) data32[i] = view.getFloat32(i * 4, true);
    out.set(weightKey(s.name), { shape: s.shape.slice(), data: data32 });
    offset = end;
  }
  if (offset !== bytes.length)
    throw new ValueError(
      OP,
      "artifacts.weightData",
      `the specs describe ${offset} bytes but the data holds ${bytes.length}`,
    );
  return out;
}

function flavorOf(topology: unknown): KerasFlavor {
  const v = (topology as { keras_version?: unknown } | null)?.keras_version;
  if (typeof v === "string" && v.startsWith("tfjs")) return { source: "tfjs" };
  if (typeof v === "string" && v.startsWith("3")) return { source: "keras3" };
  if (typeof v === "string") return { source: "keras2" };
  return { source: "tfjs" };
}

/**
 * Rebuilds a TensorFlow.js (or Keras, converted with `tensorflowjs_converter`)
 * Sequential model as a Neurite `Sequential`, weights included, in eval mode.
 * `artifacts` is TensorFlow.js's own `ModelArtifacts`, what
 * `model.save(tf.io.withSaveHandler(async (artifacts) => ...))` receives.
 *
 * Supported: InputLayer, Dense (any activation Neurite has, `use_bias`
 * false), BatchNormalization over the last axis (`center` / `scale` false,
 * moving statistics), Activation, Dropout, and the LeakyReLU, ELU, Softmax
 * and ReLU layers. Keras's kernel layout `[inputs, units]` is Neurite's.
 *
 * @throws UnsupportedLayerError naming a layer (and its class) Neurite cannot rebuild
 * @throws ValueError for a topology that is not a Sequential model, or weights that do not match it
 */
export function fromTfjs(artifacts: TfjsModelArtifacts): Sequential {
  if (typeof artifacts !== "object" || artifacts === null)
    throw new ValueError(
      OP,
      "artifacts",
      `expected TensorFlow.js ModelArtifacts, got ${String(artifacts)}`,
    );
  const specs = sequentialLayers(OP, "artifacts.modelTopology", artifacts.modelTopology);
  const weightSpecs = artifacts.weightSpecs ?? [];
  if (!Array.isArray(weightSpecs))
    throw new ValueError(OP, "artifacts.weightSpecs", "expected an array of weight specs");
  const weights = decodeTfjsWeights(weightSpecs, artifacts.weightData ?? new ArrayBuffer(0));
  return buildSequential(OP, "artifacts", specs, weights, flavorOf(artifacts.modelTopology));
}
