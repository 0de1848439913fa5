import type { Sequential } from "@neurite/layers";
import { ValueError } from "@neurite/tensor";
import { unzipSync } from "fflate";
import { type Dataset, File as H5File } from "jsfive";
import type { KerasFlavor } from "./activations.js";
import {
  buildSequential,
  type KerasLayerSpec,
  type KerasWeight,
  sequentialLayers,
} from "./build.js";

const OP = "fromKeras";

/** Keras's `naming.to_snake_case`: the folder name of a layer's variables (`BatchNormalization` → `batch_normalization`). */
function snakeCase(name: string): string {
  return name
    .replace(/\W+/g, "")
    .replace(/(.)([A-Z][a-z]+)/g, "$1_$2")
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

/** The names of a layer's variables, in the order Keras 3 creates (and saves) them. */
function variableNames(spec: KerasLayerSpec): string[] {
  const c = spec.config;
  if (spec.className === "Dense") return c.use_bias === false ? ["kernel"] : ["kernel", "bias"];
  if (spec.className === "BatchNormalization")
    return [
      ...(c.scale === false ? [] : ["gamma"]),
      ...(c.center === false ? [] : ["beta"]),
      "moving_mean",
      "moving_variance",
    ];
  return [];
}

function readJson(files: Record<string, Uint8Array>, name: string): unknown {
  const bytes = files[name];
  if (!bytes)
    throw new ValueError(OP, "bytes", `the archive has no ${name}: not a Keras 3 .keras file`);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new ValueError(OP, "bytes", `${name} is not JSON (${(e as Error).message})`);
  }
}

function dataset(file: H5File, path: string): Dataset | null {
  try {
    const d = file.get(path);
    return d && "shape" in d ? (d as Dataset) : null;
  } catch {
    return null;
  }
}

/**
 * Rebuilds a Keras 3 `.keras` file (a zip of `config.json` and
 * `model.weights.h5`) as a Neurite `Sequential` in eval mode. The same layers
 * and activations as {@link fromTfjs} are supported; the weights are read
 * from the HDF5 file's `layers/<layer>/vars/<i>` datasets, as Keras 3 writes
 * them.
 *
 * @throws UnsupportedLayerError naming a layer (and its class) Neurite cannot rebuild
 * @throws ValueError for bytes that are not a Keras 3 Sequential model, or weights that do not fit it
 */
export function fromKeras(bytes: Uint8Array | ArrayBuffer): Sequential {
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer))
    throw new ValueError(
      OP,
      "bytes",
      `expected the file's bytes (Uint8Array or ArrayBuffer), got ${typeof bytes}`,
    );
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  } catch (e) {
    throw new ValueError(
      OP,
      "bytes",
      `not a zip archive (${(e as Error).message}): a .keras file is one`,
    );
  }
  const config = readJson(files, "config.json");
  const metadata = readJson(files, "metadata.json") as { keras_version?: unknown } | null;
  const version = typeof metadata?.keras_version === "string" ? metadata.keras_version : "";
  const flavor: KerasFlavor = { source: version.startsWith("2") ? "keras2" : "keras3" };
  const specs = sequentialLayers(OP, "bytes", config);
  const h5 = files["model.weights.h5"];
  if (!h5) throw new ValueError(OP, "bytes", "the archive has no model.weights.h5");
  let file: H5File;
  try {
    file = new H5File(
      h5.buffer.slice(h5.byteOffset, h5.byteOffset + h5.byteLength) as ArrayBuffer,
      "model.weights.h5",
    );
  } catch (e) {
    throw new ValueError(
      OP,
      "bytes",
      `model.weights.h5 is not a readable HDF5 file (${String(e)})`,
    );
  }
  const weights = new Map<string, KerasWeight>();
  const used = new Map<string, number>();
  for (const spec of specs) {
    // Sequential.layers leaves the InputLayer out, so it has no folder.
    if (spec.className === "InputLayer") continue;
    const base = snakeCase(spec.className);
    const n = used.get(base);
    used.set(base, n === undefined ? 0 : n + 1);
    const folder = `layers/${n === undefined ? base : `${base}_${n + 1}`}/vars`;
    const name = typeof spec.config.name === "string" ? spec.config.name : folder;
    variableNames(spec).forEach((kind, i) => {
      const d = dataset(file, `${folder}/${i}`);
      if (!d) return;
      weights.set(`${name}/${kind}`, { shape: d.shape.slice(), data: Float32Array.from(d.value) });
    });
  }
  return buildSequential(OP, "bytes", specs, weights, flavor);
}
