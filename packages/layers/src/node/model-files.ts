import { readFileSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ValueError } from "@neurite/tensor";
import {
  ARCHITECTURE_KEY,
  modelFromContents,
  type SaveModelOptions,
  saveModel,
} from "../io/model.js";
import { decodeSafetensors } from "../io/safetensors.js";
import type { Sequential } from "../layers/sequential.js";
import { writeFileAtomic, writeFileAtomicSync } from "./atomic.js";
import { ensureDirectory, ensureDirectorySync } from "./directories.js";
import {
  removeManifestSync,
  verifyFileSet,
  verifyFileSetSync,
  writeFileSet,
  writeFileSetSync,
} from "./file-set.js";

/** File name of the weights inside a model directory. */
export const WEIGHTS_FILE = "model.safetensors";
/** File name of the readable architecture inside a model directory. */
export const ARCHITECTURE_FILE = "model.json";
/** File name of the manifest inside a model directory (see {@link saveModelToFileSync}). */
export const MANIFEST_FILE = "manifest.json";

/** Where {@link saveModelToFile} wrote. */
export interface SavedModelFiles {
  /** The safetensors file (architecture embedded in its metadata). */
  weightsPath: string;
  /** The readable `model.json`, or null when saving to a single `.safetensors` file. */
  architecturePath: string | null;
  /** The manifest naming the set, or null for a single `.safetensors` file without extra files. */
  manifestPath: string | null;
}

/** Options of {@link saveModelToFileSync}. */
export interface SaveModelToFileOptions extends SaveModelOptions {
  /**
   * More files of the same save (e.g. an optimizer's state), by plain file
   * name, written beside the weights as part of the same unit: they are
   * listed in the manifest and checked on load.
   */
  extraFiles?: Record<string, Uint8Array>;
}

interface Targets {
  dir: string;
  weights: string;
  architecture: string | null;
  manifest: string;
}

function targetsOf(op: string, target: string): Targets {
  if (typeof target !== "string" || target.length === 0)
    throw new ValueError(op, "target", "expected a directory or a .safetensors path");
  if (target.endsWith(".safetensors"))
    return {
      dir: dirname(target),
      weights: target,
      architecture: null,
      manifest: manifestNameFor(target),
    };
  return {
    dir: target,
    weights: join(target, WEIGHTS_FILE),
    architecture: join(target, ARCHITECTURE_FILE),
    manifest: MANIFEST_FILE,
  };
}

/** The manifest's name beside a `.safetensors` file: `<name>.manifest.json`. */
function manifestNameFor(file: string): string {
  return `${basename(file).slice(0, -".safetensors".length)}.manifest.json`;
}

/**
 * Where the manifest of a save to `target` goes: `<dir>/manifest.json` for a
 * directory, `<name>.manifest.json` beside a `.safetensors` file.
 */
export function manifestPathFor(target: string): string {
  return target.endsWith(".safetensors")
    ? join(dirname(target), manifestNameFor(target))
    : join(target, MANIFEST_FILE);
}

function encodeArchitecture(json: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`);
}

/** The files of one save, by name. */
function filesOf(
  t: Targets,
  model: Sequential,
  options: SaveModelToFileOptions,
): Record<string, Uint8Array> {
  const { extraFiles, ...saveOptions } = options;
  const saved = saveModel(model, saveOptions);
  const files: Record<string, Uint8Array> = { [basename(t.weights)]: saved.weights };
  if (t.architecture) files[ARCHITECTURE_FILE] = encodeArchitecture(saved.architecture);
  return { ...files, ...extraFiles };
}

/**
 * Saves a model to disk. `target` is either a directory (created if needed),
 * which receives `model.safetensors`, a readable `model.json` and
 * `manifest.json`, or a path ending in `.safetensors`, which receives a single
 * self-contained file (the architecture is embedded in its metadata either
 * way).
 *
 * A save is one unit: every file is written to a temporary name and flushed,
 * then renamed into place, then the manifest (each file's size and SHA-256)
 * is written last. A crash at any moment leaves the previous save loadable
 * or a set that {@link loadModelFromFileSync} refuses, never a silent mix.
 * Temporary files are removed on failure, on a signal or exit during the
 * write, and (left by a killed process) on the next save into the same directory.
 * The parent directories are checked before they are created, so an
 * unwritable target fails at once with a clear error.
 *
 * @throws ValueError when the model is not built or the target cannot be written; Node's errors for other I/O failures
 */
export function saveModelToFileSync(
  model: Sequential,
  target: string,
  options: SaveModelToFileOptions = {},
): SavedModelFiles {
  const op = "saveModelToFileSync";
  const t = targetsOf(op, target);
  const files = filesOf(t, model, options);
  ensureDirectorySync(op, "target", t.dir);
  const single = Object.keys(files).length === 1;
  if (single) {
    // One self-contained file needs no manifest; an old one would no longer describe it.
    removeManifestSync(join(t.dir, t.manifest));
    writeFileAtomicSync(t.weights, files[basename(t.weights)]!);
  } else writeFileSetSync(op, t.dir, files, t.manifest);
  return resultOf(t, single);
}

/** The asynchronous {@link saveModelToFileSync}. */
export async function saveModelToFile(
  model: Sequential,
  target: string,
  options: SaveModelToFileOptions = {},
): Promise<SavedModelFiles> {
  const op = "saveModelToFile";
  const t = targetsOf(op, target);
  const files = filesOf(t, model, options);
  await ensureDirectory(op, "target", t.dir);
  const single = Object.keys(files).length === 1;
  if (single) {
    removeManifestSync(join(t.dir, t.manifest));
    await writeFileAtomic(t.weights, files[basename(t.weights)]!);
  } else await writeFileSet(op, t.dir, files, t.manifest);
  return resultOf(t, single);
}

function resultOf(t: Targets, single: boolean): SavedModelFiles {
  return {
    weightsPath: t.weights,
    architecturePath: t.architecture,
    manifestPath: single ? null : join(t.dir, t.manifest),
  };
}

function sourceOf(
  isDir: boolean,
  path: string,
): { dir: string; weights: string; manifest: string | undefined } {
  if (isDir) return { dir: path, weights: join(path, WEIGHTS_FILE), manifest: MANIFEST_FILE };
  const manifest = path.endsWith(".safetensors") ? manifestNameFor(path) : undefined;
  return { dir: dirname(path), weights: path, manifest };
}

/**
 * Loads a model saved by {@link saveModelToFile}: from a directory (its
 * `model.safetensors`) or from a `.safetensors` file. When the save has a
 * manifest, every file of it is checked first (size and SHA-256), so an
 * interrupted save or a file changed since is refused. The architecture
 * comes from the weights file's metadata; `model.json` is used only when the
 * weights carry none (e.g. weights written by another tool).
 *
 * @throws FormatError for a truncated, corrupt or mismatched file, or (kind `incomplete`) a set that does not match its manifest; Node's errors when it is missing
 */
export function loadModelFromFileSync(path: string): Sequential {
  const op = "loadModelFromFileSync";
  const s = sourceOf(statSync(path).isDirectory(), path);
  if (s.manifest !== undefined) verifyFileSetSync(op, s.dir, s.manifest);
  const contents = decodeSafetensors(readFileSync(s.weights));
  let architecture: string | undefined = contents.metadata[ARCHITECTURE_KEY];
  if (architecture === undefined) {
    try {
      architecture = readFileSync(join(s.dir, ARCHITECTURE_FILE), "utf8");
    } catch {}
  }
  return modelFromContents(contents, architecture);
}

/** The asynchronous {@link loadModelFromFileSync}. */
export async function loadModelFromFile(path: string): Promise<Sequential> {
  const op = "loadModelFromFile";
  const s = sourceOf((await stat(path)).isDirectory(), path);
  if (s.manifest !== undefined) await verifyFileSet(op, s.dir, s.manifest);
  const contents = decodeSafetensors(await readFile(s.weights));
  let architecture: string | undefined = contents.metadata[ARCHITECTURE_KEY];
  if (architecture === undefined)
    architecture = await readFile(join(s.dir, ARCHITECTURE_FILE), "utf8").catch(() => undefined);
  return modelFromContents(contents, architecture);
}
