/**
 * @packageDocumentation
 * `@neurite/layers/node`: saving and loading models as files, for Node.js
 * only (it imports `node:fs`). Everything else is in `@neurite/layers`.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { type FileHandle, mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ValueError } from "@neurite/tensor";
import {
  ARCHITECTURE_KEY,
  modelFromContents,
  type SaveModelOptions,
  saveModel,
} from "./io/model.js";
import { decodeSafetensors } from "./io/safetensors.js";
import type { Sequential } from "./layers/sequential.js";

/** File name of the weights inside a model directory. */
export const WEIGHTS_FILE = "model.safetensors";
/** File name of the readable architecture inside a model directory. */
export const ARCHITECTURE_FILE = "model.json";

/** Where {@link saveModelToFile} wrote. */
export interface SavedModelFiles {
  /** The safetensors file (architecture embedded in its metadata). */
  weightsPath: string;
  /** The readable `model.json`, or null when saving to a single `.safetensors` file. */
  architecturePath: string | null;
}

interface Targets {
  dir: string;
  weights: string;
  architecture: string | null;
}

function targetsOf(target: string): Targets {
  if (typeof target !== "string" || target.length === 0)
    throw new ValueError(
      "saveModelToFile",
      "target",
      "expected a directory or a .safetensors path",
    );
  if (target.endsWith(".safetensors"))
    return { dir: dirname(target), weights: target, architecture: null };
  return {
    dir: target,
    weights: join(target, WEIGHTS_FILE),
    architecture: join(target, ARCHITECTURE_FILE),
  };
}

function tempPathFor(path: string): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  return join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
}

/**
 * Writes `data` to `path` atomically: to a temporary file in the same
 * directory, flushed to disk, then renamed over `path`. A crash at any moment
 * leaves either the old file or the new one, never a torn mix; on failure the
 * temporary file is removed.
 */
export function writeFileAtomicSync(path: string, data: Uint8Array): void {
  const tmp = tempPathFor(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx");
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {}
    }
    try {
      unlinkSync(tmp);
    } catch {}
    throw e;
  }
}

/** The asynchronous {@link writeFileAtomicSync}. */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  let handle: FileHandle | undefined;
  try {
    handle = await open(tmp, "wx");
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, path);
  } catch (e) {
    if (handle !== undefined) await handle.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw e;
  }
}

function encodeArchitecture(json: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`);
}

/**
 * Saves a model to disk. `target` is either a directory (created if needed),
 * which receives `model.safetensors` and a readable `model.json`, or a path
 * ending in `.safetensors`, which receives a single self-contained file (the
 * architecture is embedded in its metadata either way). Each file is written
 * atomically (temporary file + rename), so an interrupted save keeps the
 * previous model intact. The weights are written first; the weights file alone
 * is always enough to load.
 *
 * @throws ValueError when the model is not built; Node's errors for I/O failures
 */
export function saveModelToFileSync(
  model: Sequential,
  target: string,
  options: SaveModelOptions = {},
): SavedModelFiles {
  const t = targetsOf(target);
  const saved = saveModel(model, options);
  mkdirSync(t.dir, { recursive: true });
  writeFileAtomicSync(t.weights, saved.weights);
  if (t.architecture) writeFileAtomicSync(t.architecture, encodeArchitecture(saved.architecture));
  return { weightsPath: t.weights, architecturePath: t.architecture };
}

/** The asynchronous {@link saveModelToFileSync}. */
export async function saveModelToFile(
  model: Sequential,
  target: string,
  options: SaveModelOptions = {},
): Promise<SavedModelFiles> {
  const t = targetsOf(target);
  const saved = saveModel(model, options);
  await mkdir(t.dir, { recursive: true });
  await writeFileAtomic(t.weights, saved.weights);
  if (t.architecture) await writeFileAtomic(t.architecture, encodeArchitecture(saved.architecture));
  return { weightsPath: t.weights, architecturePath: t.architecture };
}

/**
 * Loads a model saved by {@link saveModelToFile}: from a directory (its
 * `model.safetensors`) or from a `.safetensors` file. The architecture comes
 * from the weights file's metadata; `model.json` is used only when the
 * weights carry none (e.g. weights written by another tool).
 *
 * @throws FormatError for a truncated, corrupt or mismatched file; Node's errors when it is missing
 */
export function loadModelFromFileSync(path: string): Sequential {
  const isDir = statSync(path).isDirectory();
  const weightsPath = isDir ? join(path, WEIGHTS_FILE) : path;
  const contents = decodeSafetensors(readFileSync(weightsPath));
  let architecture: string | undefined = contents.metadata[ARCHITECTURE_KEY];
  const archPath = join(isDir ? path : dirname(path), ARCHITECTURE_FILE);
  if (architecture === undefined && existsSync(archPath))
    architecture = readFileSync(archPath, "utf8");
  return modelFromContents(contents, architecture);
}

/** The asynchronous {@link loadModelFromFileSync}. */
export async function loadModelFromFile(path: string): Promise<Sequential> {
  const isDir = (await stat(path)).isDirectory();
  const weightsPath = isDir ? join(path, WEIGHTS_FILE) : path;
  const contents = decodeSafetensors(await readFile(weightsPath));
  let architecture: string | undefined = contents.metadata[ARCHITECTURE_KEY];
  if (architecture === undefined) {
    const archPath = join(isDir ? path : dirname(path), ARCHITECTURE_FILE);
    architecture = await readFile(archPath, "utf8").catch(() => undefined);
  }
  return modelFromContents(contents, architecture);
}
