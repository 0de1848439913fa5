/**
 * @packageDocumentation
 * `@neurite/interop/node`: writing ONNX and PyTorch files and reading
 * TensorFlow.js models from disk, for Node.js only (it imports `node:fs`).
 * Everything else is in `@neurite/interop`.
 */
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Module } from "@neurite/layers";
import { writeFileAtomic } from "@neurite/layers/node";
import { type ToOnnxOptions, toOnnx } from "./onnx/export.js";
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
