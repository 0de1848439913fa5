import { describe, ValueError } from "../errors.js";
import { checkOptions } from "../options.js";
import { sharedState } from "../shared-state.js";
import { cpuBackend } from "./cpu/index.js";
import type { Backend, Kernels } from "./kernels.js";

interface Entry {
  backend: Backend;
  priority: number;
  /** Registration order, to break priority ties: the earlier registration wins. */
  order: number;
}

/** Backends a package entry offers for registration on first use (see {@link offerAutoBackends}). */
export type AutoBackends = () => { backend: Backend; priority: number }[];

interface Registry {
  backends: Map<string, Entry>;
  /** Providers offered by entry points, run once when the registry is first used. */
  auto: AutoBackends[];
  /** True once the providers have run. */
  autoDone: boolean;
  /** Names the user unregistered, which a late offer must not bring back. */
  removed: Set<string>;
  /** Bumped on every change, so each copy of this module knows when to re-resolve. */
  version: number;
  nextOrder: number;
}

const KERNEL_NAMES = Object.keys(cpuBackend.kernels) as (keyof Kernels)[];

// The registry lives on globalThis (sharedState) so that two copies of this
// package in one app (ESM and CJS builds, or two versions) still share one set
// of backends (a known TensorFlow.js pitfall). Each copy resolves the kernels it
// knows itself, so copies of different versions do not hand each other a table
// that lacks a kernel.
function registry(): Registry {
  return sharedState("@neurite/tensor/registry@2", () => {
    const r: Registry = {
      backends: new Map(),
      auto: [],
      autoDone: false,
      removed: new Set(),
      version: 0,
      nextOrder: 0,
    };
    return r;
  });
}

/** Registers what `provide` offers, skipping names already registered or removed by the user. */
function runOffer(r: Registry, provide: AutoBackends): void {
  for (const { backend, priority } of provide())
    if (!r.backends.has(backend.name) && !r.removed.has(backend.name))
      r.backends.set(backend.name, { backend, priority, order: r.nextOrder++ });
  r.version++;
}

/** The registry, with the offered backends registered on first use. */
function loadedRegistry(): Registry {
  const r = registry();
  if (!r.autoDone) {
    r.autoDone = true;
    // The fastest kernels available here (WebAssembly SIMD in Node), registered on
    // first use rather than at import, so that loading them costs nothing until
    // a kernel runs. A backend registered explicitly before keeps its place.
    for (const provide of r.auto) runOffer(r, provide);
  }
  return r;
}

/**
 * Offers backends to register when the registry is first used. The package
 * entry calls it for the WebAssembly backend, so that the registry (the
 * interface) imports no concrete backend. An offer made after first use (a
 * second copy of the package loading late) is registered at once, unless the
 * user removed a backend of that name.
 */
export function offerAutoBackends(provide: AutoBackends): void {
  const r = registry();
  if (r.auto.includes(provide)) return;
  r.auto.push(provide);
  if (r.autoDone) runOffer(r, provide);
}

interface Resolved {
  registry: Registry;
  version: number;
  active: Kernels;
  owners: Record<keyof Kernels, string>;
}

let cache: Resolved | null = null;

/**
 * The implementation of one kernel: the first backend's, handing a declined
 * call (`false`) to the next, down to the reference, which never declines.
 */
function chain(impls: ((...args: unknown[]) => unknown)[]): (...args: unknown[]) => unknown {
  let fn = impls[impls.length - 1]!;
  for (let i = impls.length - 2; i >= 0; i--) {
    const first = impls[i]!;
    const rest = fn;
    fn = (...args) => (first(...args) === false ? rest(...args) : undefined);
  }
  return fn;
}

function resolve(): Resolved {
  const r = loadedRegistry();
  if (cache && cache.registry === r && cache.version === r.version) return cache;
  const ordered = [...r.backends.values()].sort(
    (x, y) => y.priority - x.priority || x.order - y.order,
  );
  const active: Partial<Kernels> = {};
  const owners: Partial<Record<keyof Kernels, string>> = {};
  for (const name of KERNEL_NAMES) {
    const backends = [
      ...ordered.filter((e) => typeof e.backend.kernels[name] === "function").map((e) => e.backend),
      cpuBackend,
    ];
    const impls = backends.map((b) => b.kernels[name] as (...args: unknown[]) => unknown);
    // biome-ignore lint/suspicious/noExplicitAny: kernels of one name share a signature
    (active as any)[name] = chain(impls);
    owners[name] = backends[0]!.name;
  }
  cache = {
    registry: r,
    version: r.version,
    active: active as Kernels,
    owners: owners as Record<keyof Kernels, string>,
  };
  return cache;
}

/**
 * Registers (or replaces, by name) a backend. For each kernel, the registered
 * backend of highest priority that implements it is used (ties go to the
 * earlier registration); kernels no backend implements fall back to the
 * reference `cpu` backend, so a missing kernel is a slowdown, never an error.
 * The reference itself cannot be replaced.
 *
 * @param backend - a name and the kernels it implements (any subset of {@link Kernels})
 * @param options - `priority`: a finite number > 0, higher wins (default 1; cpu counts as 0)
 * @throws ValueError for a missing name, the name `"cpu"`, a kernel that is not a function, or a bad priority
 * @example
 * ```ts
 * registerBackend({ name: "fast-add", kernels: { binary: myBinaryKernel } }, { priority: 10 });
 * kernelOwner("binary"); // "fast-add"; every other kernel is still "cpu"
 * unregisterBackend("fast-add");
 * ```
 */
export function registerBackend(backend: Backend, options: { priority?: number } = {}): void {
  checkOptions("registerBackend", options, ["priority"]);
  if (!backend || typeof backend.name !== "string" || backend.name.length === 0) {
    throw new ValueError(
      "registerBackend",
      "backend",
      `expected an object with a non-empty 'name', got ${describe(backend)}`,
    );
  }
  if (backend.name === cpuBackend.name) {
    throw new ValueError(
      "registerBackend",
      "backend",
      "the name 'cpu' belongs to the reference backend; choose another name",
    );
  }
  if (typeof backend.kernels !== "object" || backend.kernels === null) {
    throw new ValueError(
      "registerBackend",
      "backend",
      `backend '${backend.name}' needs a 'kernels' object, got ${describe(backend.kernels)}`,
    );
  }
  for (const name of KERNEL_NAMES) {
    const k = backend.kernels[name];
    if (k !== undefined && typeof k !== "function") {
      throw new ValueError(
        "registerBackend",
        "backend",
        `kernel '${name}' of backend '${backend.name}' is ${describe(k)}, not a function`,
      );
    }
  }
  const priority = options.priority ?? 1;
  if (typeof priority !== "number" || !Number.isFinite(priority) || priority <= 0) {
    throw new ValueError(
      "registerBackend",
      "priority",
      `expected a finite number > 0 (cpu is 0), got ${describe(priority)}`,
    );
  }
  const r = loadedRegistry();
  r.removed.delete(backend.name);
  const previous = r.backends.get(backend.name);
  r.backends.set(backend.name, {
    backend,
    priority,
    order: previous ? previous.order : r.nextOrder++,
  });
  r.version++;
}

/**
 * Removes a registered backend; its kernels fall back to the next backend or
 * to cpu. Unknown names are ignored (so cleanup code can call it twice).
 * @throws ValueError for `"cpu"`, which cannot be removed
 */
export function unregisterBackend(name: string): void {
  if (name === cpuBackend.name)
    throw new ValueError(
      "unregisterBackend",
      "name",
      "the reference 'cpu' backend cannot be removed",
    );
  const r = loadedRegistry();
  r.removed.add(name);
  if (r.backends.delete(name)) r.version++;
}

/** Names of the registered backends, highest priority first, ending with `"cpu"`. */
export function listBackends(): string[] {
  const entries = [...loadedRegistry().backends.values()].sort(
    (x, y) => y.priority - x.priority || x.order - y.order,
  );
  return [...entries.map((e) => e.backend.name), cpuBackend.name];
}

/**
 * Name of the backend that serves kernel `name` right now: the first one
 * asked (it may still decline a call, which then goes to the next).
 * @example
 * ```ts
 * kernelOwner("matmul"); // "cpu" until a backend with a matmul kernel is registered
 * ```
 */
export function kernelOwner(name: keyof Kernels): string {
  const owner = resolve().owners[name];
  if (owner === undefined) {
    throw new ValueError(
      "kernelOwner",
      "name",
      `unknown kernel ${describe(name)}; kernels are ${KERNEL_NAMES.join(", ")}`,
    );
  }
  return owner;
}

/**
 * The kernel table in use: for each kernel, the implementation of the
 * highest-priority backend that has it, else cpu's. Ops call this on every
 * use, so registering a backend takes effect immediately.
 */
export function kernels(): Kernels {
  return resolve().active;
}
