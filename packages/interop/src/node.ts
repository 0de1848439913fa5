/**
 * @packageDocumentation
 * `@neurite/interop/node`: writing ONNX and PyTorch files and reading
 * TensorFlow.js models from disk, for Node.js only (it imports `node:fs`).
 * Everything else is in `@neurite/interop`.
 */
import { mkdir, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Module, Sequential } from "@neurite/layers";
import { writeFileAtomic } from "@neurite/layers/node";
import { ValueError } from "@neurite/tensor";
import { fromKeras } from "./keras/keras-file.js";
import { type ToOnnxOptions, toOnnx } from "./onnx/export.js";
import { fromTfjs, type TfjsWeightSpec } from "./tfjs/artifacts.js";
import { fromTorchStateDict, toTorchSafetensors } from "./torch/state-dict.js";

async function writeCreatingDir(path: string, bytes: Uint8Array): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, bytes);
  return path;
}

/**
 * Exports `model` with {@link toOnnx} and writes the bytes to `path`
 * atomically (temporary file + rename, as `saveModelToFile` does), creating
 * the directory if needed. Returns the path written.
 *
 * @throws what {@link toOnnx} throws; Node's errors for I/O failures
 */
export async function saveOnnx(
  model: Module,
  path: string,
  options: ToOnnxOptions = {},
): Promise<string> {
  return writeCreatingDir(path, toOnnx(model, options));
}

/**
 * Writes the model's PyTorch state dict ({@link toTorchSafetensors}) to a
 * `.safetensors` file, atomically, for
 * `module.load_state_dict(safetensors.torch.load_file(path))` in Python.
 * Returns the path written.
 */
export async function saveTorchStateDict(model: Module, path: string): Promise<string> {
  return writeCreatingDir(path, toTorchSafetensors(model));
}

/**
 * Reads a PyTorch state dict saved as safetensors (e.g. with
 * `safetensors.torch.save_file(module.state_dict(), path)`) into `model`
 * with {@link fromTorchStateDict}, and returns the model.
 */
export async function loadTorchStateDict<M extends Module>(model: M, path: string): Promise<M> {
  return fromTorchStateDict(model, await readFile(path));
}

interface ModelJson {
  modelTopology?: unknown;
  weightsManifest?: { paths?: unknown; weights?: unknown }[];
}

/**
 * Reads a TensorFlow.js layers model from disk, as `model.save("file://dir")`
 * (tfjs-node) or `tensorflowjs_converter` writes it: `model.json` and the
 * weight shard files its `weightsManifest` lists, in order. `path` is the
 * directory or the `model.json` file. Returns {@link fromTfjs} of it.
 *
 * @throws ValueError for a model.json without a topology or with a malformed manifest; Node's errors for missing files
 */
export async function loadTfjsModel(path: string): Promise<Sequential> {
  const op = "loadTfjsModel";
  const jsonPath = (await stat(path)).isDirectory() ? join(path, "model.json") : path;
  let json: ModelJson;
  try {
    json = JSON.parse(await readFile(jsonPath, "utf8")) as ModelJson;
  } catch (e) {
    throw new ValueError(op, "path", `${jsonPath} is not JSON (${(e as Error).message})`);
  }
  if (typeof json !== "object" || json === null || json.modelTopology === undefined)
    throw new ValueError(
      op,
      "path",
      `${jsonPath} has no modelTopology: not a TensorFlow.js model.json`,
    );
  const manifest = json.weightsManifest ?? [];
  if (!Array.isArray(manifest))
    throw new ValueError(op, "path", `${jsonPath}: weightsManifest is not an array`);
  const weightSpecs: TfjsWeightSpec[] = [];
  const weightData: ArrayBuffer[] = [];
  for (const group of manifest) {
    if (!Array.isArray(group.paths) || !Array.isArray(group.weights))
      throw new ValueError(
        op,
        "path",
        `${jsonPath}: each weightsManifest group needs paths and weights`,
      );
    weightSpecs.push(...(group.weights as TfjsWeightSpec[]));
    for (const shard of group.paths as string[]) {
      const bytes = await readFile(join(dirname(jsonPath), shard));
      weightData.push(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      );
    }
  }
  return fromTfjs({ modelTopology: json.modelTopology, weightSpecs, weightData });
}

/** Reads a Keras 3 `.keras` file from disk: {@link fromKeras} of its bytes. */
export async function loadKerasModel(path: string): Promise<Sequential> {
  return fromKeras(await readFile(path));
}
