import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { access, mkdir, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ValueError } from "@neurite/tensor";

function code(e: unknown): string | undefined {
  return (e as { code?: string }).code;
}

/** Not there (yet): look further up. ENOTDIR: an ancestor is a file, which the walk up then names. */
function absent(e: unknown): boolean {
  return code(e) === "ENOENT" || code(e) === "ENOTDIR";
}

function cannot(op: string, arg: string, dir: string, why: string, cause?: unknown): ValueError {
  const e = new ValueError(op, arg, `cannot write into ${dir}: ${why}`);
  if (cause !== undefined) (e as Error & { cause?: unknown }).cause = cause;
  return e;
}

/** `dir` and its ancestors, nearest first. */
function* upwards(dir: string): Generator<string> {
  let d = resolve(dir);
  for (;;) {
    yield d;
    const parent = dirname(d);
    if (parent === d) return;
    d = parent;
  }
}

/**
 * Makes sure `dir` exists and is a writable directory, creating the missing
 * levels one at a time. Unlike `mkdirSync(dir, { recursive: true })`, which
 * on Node 20 never returns for a path under `/proc`, every level that cannot
 * be created fails at once, with an error naming `op`, the argument and the
 * directory.
 *
 * @param op - the public function writing, for the message (e.g. `saveModelToFileSync`)
 * @param arg - its argument holding the path (e.g. `target`)
 * @param dir - the directory to create
 * @throws ValueError when an ancestor is a file, is not writable, or a level cannot be created
 */
export function ensureDirectorySync(op: string, arg: string, dir: string): void {
  const missing: string[] = [];
  for (const d of upwards(dir)) {
    let isDir: boolean;
    try {
      isDir = statSync(d).isDirectory();
    } catch (e) {
      if (!absent(e)) throw cannot(op, arg, dir, (e as Error).message, e);
      missing.push(d);
      continue;
    }
    if (!isDir) throw cannot(op, arg, dir, `${d} exists and is not a directory`);
    try {
      accessSync(d, constants.W_OK);
    } catch (e) {
      throw cannot(op, arg, dir, `${d} is not writable (${code(e) ?? "denied"})`, e);
    }
    break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      if (code(e) === "EEXIST" && statSync(d).isDirectory()) continue;
      throw cannot(op, arg, dir, `creating ${d} failed: ${(e as Error).message}`, e);
    }
  }
}

/** The asynchronous {@link ensureDirectorySync}. */
export async function ensureDirectory(op: string, arg: string, dir: string): Promise<void> {
  const missing: string[] = [];
  for (const d of upwards(dir)) {
    let isDir: boolean;
    try {
      isDir = (await stat(d)).isDirectory();
    } catch (e) {
      if (!absent(e)) throw cannot(op, arg, dir, (e as Error).message, e);
      missing.push(d);
      continue;
    }
    if (!isDir) throw cannot(op, arg, dir, `${d} exists and is not a directory`);
    try {
      await access(d, constants.W_OK);
    } catch (e) {
      throw cannot(op, arg, dir, `${d} is not writable (${code(e) ?? "denied"})`, e);
    }
    break;
  }
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
    } catch (e) {
      if (code(e) === "EEXIST" && (await stat(d)).isDirectory()) continue;
      throw cannot(op, arg, dir, `creating ${d} failed: ${(e as Error).message}`, e);
    }
  }
}
