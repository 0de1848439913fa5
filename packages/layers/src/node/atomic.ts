import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { type FileHandle, open, rename, unlink } from "node:fs/promises";
import { inFlightTemp, removeStaleTemps, settled, tempPathFor } from "./temp-files.js";

/**
 * Writes `data` to a fresh temporary file beside `path`, flushed to disk, and
 * returns its name; {@link commitTempSync} renames it over `path`. Temporary
 * files in the same directory of earlier writes that never finished are removed first.
 * @internal
 */
export function writeTempSync(path: string, data: Uint8Array): string {
  removeStaleTemps(path);
  const tmp = tempPathFor(path);
  let fd: number | undefined;
  inFlightTemp(tmp);
  try {
    fd = openSync(tmp, "wx");
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
    closeSync(fd);
    return tmp;
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {}
    }
    discardTempSync(tmp);
    throw e;
  }
}

/** The asynchronous {@link writeTempSync}. @internal */
export async function writeTemp(path: string, data: Uint8Array): Promise<string> {
  removeStaleTemps(path);
  const tmp = tempPathFor(path);
  let handle: FileHandle | undefined;
  inFlightTemp(tmp);
  try {
    handle = await open(tmp, "wx");
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    return tmp;
  } catch (e) {
    if (handle !== undefined) await handle.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    settled(tmp);
    throw e;
  }
}

/** Renames a temporary file over `path` (removing it if that fails). @internal */
export function commitTempSync(tmp: string, path: string): void {
  try {
    renameSync(tmp, path);
  } catch (e) {
    discardTempSync(tmp);
    throw e;
  } finally {
    settled(tmp);
  }
}

/** The asynchronous {@link commitTempSync}. @internal */
export async function commitTemp(tmp: string, path: string): Promise<void> {
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  } finally {
    settled(tmp);
  }
}

/** Removes a temporary file that will not be committed. @internal */
export function discardTempSync(tmp: string): void {
  try {
    unlinkSync(tmp);
  } catch {}
  settled(tmp);
}

/**
 * Writes `data` to `path` atomically: to a temporary file in the same
 * directory, flushed to disk, then renamed over `path`. A crash at any moment
 * leaves either the old file or the new one, never a torn mix. On failure the
 * temporary file is removed; if the process is interrupted by a signal or
 * exits during an asynchronous write, exit and signal handlers (installed
 * only while a write is in flight) remove it, and the next write
 * into the same directory removes any left by a killed process.
 */
export function writeFileAtomicSync(path: string, data: Uint8Array): void {
  commitTempSync(writeTempSync(path, data), path);
}

/** The asynchronous {@link writeFileAtomicSync}. */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  await commitTemp(await writeTemp(path, data), path);
}
