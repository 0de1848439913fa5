/**
 * Runs Neurite training steps of a workload in a loop and prints the median
 * time per step over rounds, for profiling (not part of `pnpm bench`):
 *   node --conditions=@neurite/source --import tsx scripts/step.ts wine [steps] [rounds] [threads]
 *   node --cpu-prof --conditions=@neurite/source --import tsx scripts/step.ts mlp128
 * Workloads: wine, boston (one step of the book fit), fitwine (whole fits via
 * `fit`, time per step), mlp32, mlp128, mlp512.
 */

import { setNumThreads } from "@neurite/tensor";
import { bookStep, neuriteFit, neuriteMlpStep } from "../src/workloads/neurite-training.js";

const which = process.argv[2] ?? "wine";
const steps = Number(process.argv[3] ?? (which.startsWith("mlp") ? 50 : 2000));
const rounds = Number(process.argv[4] ?? 9);
if (process.argv[5] !== undefined) setNumThreads(Number(process.argv[5]));

let step: () => void;
let per = 1;
if (which === "fitwine") {
  per = 810;
  step = neuriteFit({ data: "wine", epochs: 30, batchSize: 5 });
} else if (which.startsWith("mlp")) step = neuriteMlpStep(Number(which.slice(3)));
else step = bookStep(which as "wine" | "boston", 5);

const n = which === "fitwine" ? Math.max(1, Math.round(steps / 810)) : steps;
for (let i = 0; i < n; i++) step();
const times: number[] = [];
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) step();
  times.push(((performance.now() - t0) * 1000) / (n * per));
}
times.sort((a, b) => a - b);
console.log(
  `${which}: median ${times[rounds >> 1]!.toFixed(2)} µs/step (min ${times[0]!.toFixed(2)})`,
);
