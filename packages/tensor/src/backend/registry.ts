import { ValueError } from "../errors.js";
import { cpuBackend } from "./cpu/index.js";
import type { Backend, Kernels } from "./kernels.js";

interface Registry {
  backends: Map<string, { backend: Backend; priority: number }>;
  active: Kernels;
}

// The registry lives on globalThis so that two copies of this package in one
// app still share one set of kernels (a known TensorFlow.js pitfall).
const KEY = Symbol.for("@neurite/tensor/registry");
const globalStore = globalThis as unknown as Record<symbol, Registry | undefined>;

function resolve(backends: Registry["backends"]): Kernels {
  const ordered = [...backends.values()].sort((x, y) => y.priority - x.priority);
  const merged: Partial<Kernels> = {};
  const names = Object.keys(cpuBackend.kernels) as (keyof Kernels)[];
  for (const name of names) {
    const owner = ordered.find((entry) => entry.backend.kernels[name] !== undefined);
    // biome-ignore lint/suspicious/noExplicitAny: kernels of one name share a signature
    (merged as any)[name] = (owner ?? { backend: cpuBackend }).backend.kernels[name];
  }
  return merged as Kernels;
}

function registry(): Registry {
  let r = globalStore[KEY];
  if (!r) {
    const backends = new Map([["cpu", { backend: cpuBackend as Backend, priority: 0 }]]);
    r = { backends, active: resolve(backends) };
    globalStore[KEY] = r;
  }
  return r;
}

/**
 * Registers a backend. For each kernel, the backend of highest priority that
 * implements it is used; kernels it lacks fall back to the reference `cpu`
 * backend (priority 0), so a missing kernel is a slowdown, never an error.
 */
export function registerBackend(backend: Backend, options: { priority?: number } = {}): void {
  if (!backend || typeof backend.name !== "string" || backend.name.length === 0) {
    throw new ValueError(
      "registerBackend",
      "backend",
      "expected an object with a non-empty 'name'",
    );
  }
  const r = registry();
  r.backends.set(backend.name, { backend, priority: options.priority ?? 1 });
  r.active = resolve(r.backends);
}

/** Removes a registered backend (the `cpu` reference cannot be removed). */
export function unregisterBackend(name: string): void {
  if (name === "cpu")
    throw new ValueError(
      "unregisterBackend",
      "name",
      "the reference 'cpu' backend cannot be removed",
    );
  const r = registry();
  r.backends.delete(name);
  r.active = resolve(r.backends);
}

/** Names of the registered backends, highest priority first. */
export function listBackends(): string[] {
  return [...registry().backends.entries()]
    .sort((x, y) => y[1].priority - x[1].priority)
    .map(([n]) => n);
}

/** Name of the backend that serves kernel `name` right now. */
export function kernelOwner(name: keyof Kernels): string {
  const r = registry();
  const fn = r.active[name];
  for (const [backendName, entry] of r.backends)
    if (entry.backend.kernels[name] === fn) return backendName;
  return "cpu";
}

/** The kernels in use: for each, the highest-priority implementation. */
export function kernels(): Kernels {
  return registry().active;
}
