import { createHash } from "node:crypto";
import { existsSync, readFileSync, unlinkSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { ValueError } from "@neurite/tensor";
import { FormatError } from "../errors.js";
import {
  commitTemp,
  commitTempSync,
  discardTempSync,
  writeFileAtomic,
  writeFileAtomicSync,
  writeTemp,
  writeTempSync,
} from "./atomic.js";

/** What a manifest records of each file of a set. */
export interface FileSetEntry {
  /** Size in bytes. */
  bytes: number;
  /** SHA-256 of the contents, hex. */
  sha256: string;
}

/** The manifest written last by {@link writeFileSetSync}: the files that belong together. */
export interface FileSetManifest {
  /** Always `"neurite.file-set"`. */
  format: "neurite.file-set";
  /** Version of this layout (1). */
  formatVersion: 1;
  /** Each file of the set by name (relative to the manifest's directory). */
  files: Record<string, FileSetEntry>;
}

function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function manifestOf(files: Record<string, Uint8Array>): Uint8Array {
  const m: FileSetManifest = { format: "neurite.file-set", formatVersion: 1, files: {} };
  for (const [name, data] of Object.entries(files))
    m.files[name] = { bytes: data.length, sha256: sha256(data) };
  return new TextEncoder().encode(`${JSON.stringify(m, null, 2)}\n`);
}

function checkNames(op: string, files: Record<string, Uint8Array>, manifest: string): void {
  for (const name of Object.keys(files))
    if (name.length === 0 || name !== basename(name) || name === manifest)
      throw new ValueError(
        op,
        "files",
        `'${name}' must be a plain file name other than the manifest's`,
      );
}

/**
 * Writes files that belong together (a model's weights, its architecture,
 * the optimizer's state) as one unit: every file goes to a temporary name
 * first (flushed), then each is renamed into place, then the manifest, which
 * names the set with each file's size and SHA-256, is written last
 * (atomically). A reader that checks the manifest ({@link verifyFileSetSync})
 * sees either a complete set or an error, never a silent mix of two saves.
 *
 * @param op - the public function writing, for messages
 * @param dir - an existing directory
 * @param files - contents by file name (plain names inside `dir`)
 * @param manifest - the manifest's file name inside `dir`
 */
export function writeFileSetSync(
  op: string,
  dir: string,
  files: Record<string, Uint8Array>,
  manifest: string,
): void {
  checkNames(op, files, manifest);
  const temps: [string, string][] = [];
  try {
    for (const [name, data] of Object.entries(files)) {
      const path = join(dir, name);
      temps.push([writeTempSync(path, data), path]);
    }
  } catch (e) {
    for (const [tmp] of temps) discardTempSync(tmp);
    throw e;
  }
  // From here on, a crash leaves files that the old manifest no longer describes: refused on load.
  for (let i = 0; i < temps.length; i++) {
    try {
      commitTempSync(temps[i]![0], temps[i]![1]);
    } catch (e) {
      for (const [tmp] of temps.slice(i + 1)) discardTempSync(tmp);
      throw e;
    }
  }
  writeFileAtomicSync(join(dir, manifest), manifestOf(files));
}

/** The asynchronous {@link writeFileSetSync}. */
export async function writeFileSet(
  op: string,
  dir: string,
  files: Record<string, Uint8Array>,
  manifest: string,
): Promise<void> {
  checkNames(op, files, manifest);
  const temps: [string, string][] = [];
  try {
    for (const [name, data] of Object.entries(files)) {
      const path = join(dir, name);
      temps.push([await writeTemp(path, data), path]);
    }
  } catch (e) {
    for (const [tmp] of temps) discardTempSync(tmp);
    throw e;
  }
  for (let i = 0; i < temps.length; i++) {
    try {
      await commitTemp(temps[i]![0], temps[i]![1]);
    } catch (e) {
      for (const [tmp] of temps.slice(i + 1)) discardTempSync(tmp);
      throw e;
    }
  }
  await writeFileAtomic(join(dir, manifest), manifestOf(files));
}

/** Removes a manifest that no longer describes what will be written (e.g. a save to a single file). @internal */
export function removeManifestSync(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
}

function incomplete(op: string, dir: string, manifest: string, detail: string): FormatError {
  return new FormatError(
    op,
    "incomplete",
    `the files in ${dir} do not match their manifest ${manifest}: ${detail}. A save was interrupted, or a file was changed or lost since; save again (or delete ${manifest} to load the files as they are)`,
  );
}

function parseManifest(op: string, dir: string, name: string, text: string): FileSetManifest {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw incomplete(op, dir, name, "the manifest is not valid JSON");
  }
  const files = (m as FileSetManifest | null)?.files;
  if (
    (m as FileSetManifest | null)?.format !== "neurite.file-set" ||
    typeof files !== "object" ||
    files === null
  )
    throw incomplete(op, dir, name, 'the manifest is not a "neurite.file-set"');
  for (const [file, e] of Object.entries(files))
    if (file !== basename(file) || typeof e?.bytes !== "number" || typeof e?.sha256 !== "string")
      throw incomplete(op, dir, name, `the manifest's entry for '${file}' is malformed`);
  return m as FileSetManifest;
}

function compare(
  op: string,
  dir: string,
  name: string,
  file: string,
  entry: FileSetEntry,
  data: Uint8Array | undefined,
): void {
  if (data === undefined) throw incomplete(op, dir, name, `${file} is missing`);
  if (data.length !== entry.bytes)
    throw incomplete(
      op,
      dir,
      name,
      `${file} has ${data.length} bytes, the manifest records ${entry.bytes}`,
    );
  if (sha256(data) !== entry.sha256)
    throw incomplete(
      op,
      dir,
      name,
      `${file} has other contents than the manifest records (SHA-256)`,
    );
}

/**
 * Checks the files of a set against its manifest (size and SHA-256 of each),
 * when the manifest exists.
 * @returns the manifest, or undefined when there is none (files saved
 *   before manifests existed, or by hand: nothing to check)
 * @throws FormatError (kind `incomplete`) for a missing, truncated or changed file or a damaged manifest
 */
export function verifyFileSetSync(
  op: string,
  dir: string,
  manifest: string,
): FileSetManifest | undefined {
  const path = join(dir, manifest);
  if (!existsSync(path)) return undefined;
  const m = parseManifest(op, dir, manifest, readFileSync(path, "utf8"));
  for (const [file, entry] of Object.entries(m.files)) {
    let data: Uint8Array | undefined;
    try {
      data = readFileSync(join(dir, file));
    } catch {}
    compare(op, dir, manifest, file, entry, data);
  }
  return m;
}

/** The asynchronous {@link verifyFileSetSync}. */
export async function verifyFileSet(
  op: string,
  dir: string,
  manifest: string,
): Promise<FileSetManifest | undefined> {
  const path = join(dir, manifest);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  const m = parseManifest(op, dir, manifest, text);
  for (const [file, entry] of Object.entries(m.files))
    compare(op, dir, manifest, file, entry, await readFile(join(dir, file)).catch(() => undefined));
  return m;
}
