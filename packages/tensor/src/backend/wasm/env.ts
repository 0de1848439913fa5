// What the host offers: Node built-ins (without a static import, so bundlers
// for browsers see nothing to resolve), environment variables, core counts.

interface NodeProcess {
  versions?: { node?: string };
  env?: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
}

function nodeProcess(): NodeProcess | undefined {
  const p = (globalThis as { process?: NodeProcess }).process;
  return p?.versions?.node ? p : undefined;
}

/** True when running in Node.js (main thread or worker_threads). */
export function isNode(): boolean {
  return nodeProcess() !== undefined;
}

/**
 * A Node built-in module such as `node:worker_threads`, or undefined outside
 * Node or on Node releases without `process.getBuiltinModule` (before 20.16),
 * where the kernels then simply run on the calling thread.
 */
export function nodeBuiltin<T>(id: string): T | undefined {
  const p = nodeProcess();
  if (!p || typeof p.getBuiltinModule !== "function") return undefined;
  try {
    return p.getBuiltinModule(id) as T;
  } catch {
    return undefined;
  }
}

/** An environment variable in Node, undefined elsewhere. */
export function envVar(name: string): string | undefined {
  return nodeProcess()?.env?.[name];
}

/** Logical cores available to this process (1 if unknown). */
export function coreCount(): number {
  const os = nodeBuiltin<{ availableParallelism?: () => number; cpus: () => unknown[] }>("node:os");
  if (os) return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}

/**
 * True if this thread may block in `Atomics.wait`: always in Node and in
 * workers, never on a browser page's main thread.
 */
export function mayBlock(): boolean {
  return isNode() || typeof (globalThis as { document?: unknown }).document === "undefined";
}
