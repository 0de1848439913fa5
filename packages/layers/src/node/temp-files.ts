import { readdirSync, statSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Temporary files of writes in flight, and their cleanup when the process
 * ends mid-write. Handlers are installed only while a write is in flight, so
 * an idle program keeps Node's default signal behaviour.
 */
const inFlight = new Set<string>();

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function removeAll(): void {
  for (const path of inFlight) {
    try {
      unlinkSync(path);
    } catch {}
  }
  inFlight.clear();
}

function onExit(): void {
  removeAll();
}

/**
 * Removes the temporary files, then lets the signal do what it would have
 * done: when no other listener is left it is raised again, so Ctrl-C still
 * ends the program (a synchronous write finishes first: the handler runs
 * once it returns). With other listeners, they decide, as they would have.
 */
function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  uninstall();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", onExit);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off("exit", onExit);
  for (const s of SIGNALS) process.off(s, onSignal);
}

/** Whether exit and signal handlers are installed (only while a write is in flight). @internal */
export function cleanupHandlersInstalled(): boolean {
  return installed;
}

/**
 * A fresh temporary name beside `path`: `.<name>.<pid>-<random>.tmp`, so a
 * later save can tell the temporary files of dead processes from those of a
 * writer still running.
 */
export function tempPathFor(path: string): string {
  const suffix = `${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
}

/** Records a temporary file as in flight (removed if the process ends before {@link settled}). */
export function inFlightTemp(path: string): void {
  inFlight.add(path);
  install();
}

/** The temporary file was renamed or removed. */
export function settled(path: string): void {
  inFlight.delete(path);
  if (inFlight.size === 0) uninstall();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

/** Temporary files of older versions carry no process id: removed when older than this. */
const LEGACY_AGE_MS = 60 * 60 * 1000;

/** Our temporary names: `.<file>.<pid>-<random>.tmp`. */
const TEMP_NAME = /^\..+\.(\d+)-[a-z0-9]+\.tmp$/;

/**
 * Removes temporary files left in the directory of `path` by writes that
 * never finished (a crash, a kill): any of ours (named with a process id)
 * whose process is no longer running, or is this one with no such write in
 * flight, and those of `path` by older versions (no process id) once an hour
 * old. A writer still running elsewhere keeps its files.
 * @returns the paths removed
 */
export function removeStaleTemps(path: string): string[] {
  const dir = dirname(path);
  const legacyPrefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(".") || !name.endsWith(".tmp")) continue;
    const full = join(dir, name);
    const m = TEMP_NAME.exec(name);
    let stale: boolean;
    if (m) {
      const pid = Number(m[1]);
      stale = pid === process.pid ? !inFlight.has(full) : !alive(pid);
    } else if (name.startsWith(legacyPrefix)) {
      try {
        stale = Date.now() - statSync(full).mtimeMs > LEGACY_AGE_MS;
      } catch {
        stale = false;
      }
    } else continue;
    if (!stale) continue;
    try {
      unlinkSync(full);
      removed.push(full);
    } catch {}
  }
  return removed;
}
