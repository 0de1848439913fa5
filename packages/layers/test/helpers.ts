import { noGrad, Variable } from "@neurite/autograd";
import {
  type Kernels,
  randn,
  registerBackend,
  type Tensor,
  unregisterBackend,
} from "@neurite/tensor";
import type { Module } from "../src/index.js";

/** Result of {@link checkModuleGradients}: the worst disagreement found. */
export interface ModuleGradResult {
  ok: boolean;
  worst: { name: string; index: number; analytic: number; numeric: number } | null;
  checked: number;
}

/**
 * Finite-difference check of a module's gradients with respect to its input
 * and every parameter, in float64: `L = Σ module(x) · w` with fixed random w.
 * The module is converted to float64 first. Deterministic layers only (the
 * module must give the same output for the same input in its current mode).
 */
export function checkModuleGradients(
  module: Module,
  x: Tensor,
  { eps = 1e-6, atol = 1e-6, rtol = 1e-4, seed = 0 } = {},
): ModuleGradResult {
  module.to("float64");
  const x64 = x.cast("float64");
  const xv = new Variable(x64, { requiresGrad: true });
  const out = module.call(xv);
  const w = randn(out.shape, seed, "float64");
  module.zeroGrad();
  out.backward(w);
  const project = (): number =>
    noGrad(() => {
      const y = module.call(new Variable(x64)).value;
      let s = 0;
      for (let i = 0; i < y.size; i++) s += y.data[i]! * w.data[i]!;
      return s;
    });
  const targets: [string, Tensor, Tensor | null][] = [
    ["x", x64, xv.grad],
    ...module
      .namedParameters()
      .map(([n, p]) => [n, p.value, p.grad] as [string, Tensor, Tensor | null]),
  ];
  let worst: ModuleGradResult["worst"] = null;
  let worstExcess = Number.NEGATIVE_INFINITY;
  let checked = 0;
  for (const [name, t, g] of targets) {
    for (let i = 0; i < t.size; i++) {
      const orig = t.data[i]!;
      t.data[i] = orig + eps;
      const plus = project();
      t.data[i] = orig - eps;
      const minus = project();
      t.data[i] = orig;
      const numeric = (plus - minus) / (2 * eps);
      const analytic = g ? g.data[i]! : 0;
      const excess = Math.abs(analytic - numeric) - (atol + rtol * Math.abs(numeric));
      checked++;
      if (excess > worstExcess || Number.isNaN(excess)) {
        worstExcess = Number.isNaN(excess) ? Number.POSITIVE_INFINITY : excess;
        worst = { name, index: i, analytic, numeric };
      }
    }
  }
  return { ok: worstExcess <= 0, worst, checked };
}

/** The raw bytes of a typed array, for bit-identity checks. */
export function bytesOf(t: Tensor): Uint8Array {
  return new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength).slice();
}

/**
 * Runs `fn` with a backend above all others that records, for every call of
 * kernel `name`, its arguments at `positions`, then declines so the call
 * goes on to the real kernel. Returns what it recorded.
 */
export function watchKernel(name: keyof Kernels, positions: number[], fn: () => void): unknown[] {
  const seen: unknown[] = [];
  const watch = (...args: unknown[]) => {
    for (const i of positions) seen.push(args[i]);
    return false;
  };
  registerBackend({ name: `watch-${name}`, kernels: { [name]: watch } }, { priority: 1000 });
  try {
    fn();
  } finally {
    unregisterBackend(`watch-${name}`);
  }
  return seen;
}
