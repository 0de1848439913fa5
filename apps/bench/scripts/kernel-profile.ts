/**
 * Where a training step's time goes, kernel by kernel (not part of `pnpm bench`):
 * a timing backend above all others calls the kernel the step would get
 * (WebAssembly, or the reference when it declines) and adds up wall time
 * per kernel; the rest of the step is JavaScript outside the kernels.
 *   node --conditions=@neurite/source --import tsx scripts/kernel-profile.ts mlp128 [threads]
 * Workloads as in scripts/step.ts: wine, boston, mlp32, mlp128, mlp512.
 */
import {
  cpuBackend,
  type Kernels,
  registerBackend,
  setNumThreads,
  wasmBackend,
} from "@neurite/tensor";
import { bookStep, neuriteMlpStep } from "../src/workloads/neurite-training.js";

const which = process.argv[2] ?? "mlp128";
setNumThreads(Number(process.argv[3] ?? 1));
const steps = which.startsWith("mlp") ? 40 : 3000;

const spent = new Map<string, { ms: number; calls: number }>();
let timing = false;
const timed: Record<string, (...args: unknown[]) => unknown> = {};
for (const name of Object.keys(cpuBackend.kernels) as (keyof Kernels)[]) {
  const fast = wasmBackend.kernels[name] as ((...a: unknown[]) => unknown) | undefined;
  const reference = cpuBackend.kernels[name] as (...a: unknown[]) => unknown;
  timed[name] = (...args) => {
    const t0 = performance.now();
    const r = fast && fast(...args) !== false ? undefined : reference(...args);
    if (timing) {
      const key = typeof args[0] === "string" ? `${name}:${args[0]}` : name;
      const e = spent.get(key) ?? { ms: 0, calls: 0 };
      e.ms += performance.now() - t0;
      e.calls++;
      spent.set(key, e);
    }
    return r;
  };
}
registerBackend({ name: "timed", kernels: timed as Partial<Kernels> }, { priority: 1e9 });

const step = which.startsWith("mlp")
  ? neuriteMlpStep(Number(which.slice(3)))
  : bookStep(which as "wine" | "boston", 5);
for (let i = 0; i < steps / 4; i++) step();
timing = true;
const t0 = performance.now();
for (let i = 0; i < steps; i++) step();
const total = (performance.now() - t0) / steps;
let inKernels = 0;
const rows = [...spent].sort((a, b) => b[1].ms - a[1].ms);
console.log(
  `${which}, ${process.argv[3] ?? 1} thread(s): ${(total * 1000).toFixed(1)} µs per step`,
);
for (const [k, { ms, calls }] of rows) {
  inKernels += ms / steps;
  console.log(
    `  ${k.padEnd(28)} ${((ms / steps) * 1000).toFixed(1).padStart(9)} µs  ${((ms / steps / total) * 100).toFixed(1).padStart(5)}%  ${(calls / steps).toFixed(1)} calls`,
  );
}
console.log(
  `  ${"outside kernels".padEnd(28)} ${((total - inKernels) * 1000).toFixed(1).padStart(9)} µs  ${(((total - inKernels) / total) * 100).toFixed(1).padStart(5)}%`,
);
process.exit(0);
