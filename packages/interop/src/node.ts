/**
 * @packageDocumentation
 * `@neurite/interop/node`: writing ONNX and PyTorch files and reading
 * TensorFlow.js models from disk, for Node.js only (it imports `node:fs`).
 * Everything else is in `@neurite/interop`.
 */
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Module } from "@neurite/layers";
import { writeFileAtomic } from "@neurite/layers/node";
import { type ToOnnxOptions, toOnnx } from "./onnx/export.js";

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
  const bytes = toOnnx(model, options);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, bytes);
  return path;
}
