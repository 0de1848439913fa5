/**
 * Trains the book's wine and Boston examples over many seeds and prints the
 * median, range and quartiles of their test metric, with the book's raw
 * features and with `--scale`. The demo's README quotes its output.
 *
 *   pnpm --filter @neurite/demo exec tsx --conditions=@neurite/source scripts/seed-sweep.ts [--seeds 20]
 */
import { parseArgs } from "node:util";
import { run as runBoston } from "../src/examples/boston.js";
import { run as runWine } from "../src/examples/wine.js";
import { median } from "../src/format.js";

const { values } = parseArgs({
  options: { seeds: { type: "string", default: "20" } },
});
const seeds = Number(values.seeds);
if (!Number.isInteger(seeds) || seeds < 1)
  throw new Error(`--seeds: expected a whole number ≥ 1, got ${values.seeds}`);

const quantile = (sorted: number[], q: number) => {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo]! + (sorted[Math.ceil(i)]! - sorted[lo]!) * (i - lo);
};

console.log(
  `Seeds 0..${seeds - 1}; the book's 75/25 split; 30 epochs, batch size 5, Adam (Keras defaults).\n`,
);
console.log(
  "example  features      test metric     median   min      q1       q3       max      mean train time",
);
for (const name of ["wine", "boston"] as const) {
  for (const scale of [false, true]) {
    const metric: number[] = [];
    const times: number[] = [];
    for (let seed = 0; seed < seeds; seed++) {
      const r =
        name === "wine"
          ? await runWine({ seed, scale, log: null, charts: false })
          : await runBoston({ seed, scale, log: null, charts: false });
      metric.push(name === "wine" ? r.metrics.testAccuracy! : r.metrics.testMse!);
      times.push(r.trainingTimeMs!);
    }
    const s = [...metric].sort((a, b) => a - b);
    const digits = name === "wine" ? 3 : 1;
    const f = (v: number) => v.toFixed(digits).padEnd(8);
    console.log(
      `${name.padEnd(8)} ${(scale ? "standardized" : "raw").padEnd(13)} ${(name === "wine" ? "accuracy" : "MSE").padEnd(15)} ${f(median(s))} ${f(s[0]!)} ${f(quantile(s, 0.25))} ${f(quantile(s, 0.75))} ${f(s.at(-1)!)} ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(0)} ms`,
    );
    console.log(`         all: ${metric.map((v) => v.toFixed(digits)).join(" ")}`);
  }
}
