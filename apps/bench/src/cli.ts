// pnpm bench: Neurite against TensorFlow.js (cpu and wasm backends) and, where installed, PyTorch, in one run;
// then Neurite's training steps in Chromium.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, USAGE } from "./args.js";
import { browserText, machineLine, stepText, toMarkdown, toText } from "./report.js";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // Loaded only for a run: --help and a bad argument answer at once, without TensorFlow.js.
  const { defaultOptions, runBench } = await import("./run.js");
  const { allWorkloads } = await import("./workloads/index.js");
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (args.json) {
    // Keep stdout for the JSON object alone, whatever a library prints.
    console.log = (...xs: unknown[]) => log(xs.map(String).join(" "));
  }
  const workloads = allWorkloads().filter((w) =>
    args.only.length === 0 ? !(args.quick && w.detail) : args.only.some((p) => w.id.startsWith(p)),
  );
  const started = performance.now();
  const report = await runBench(workloads, {
    ...defaultOptions(args.quick),
    log,
    torch: args.torch,
    browser: args.browser,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);

  const markdown = toMarkdown(report);
  writeFileSync(join(appDir, "results", "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(appDir, "results", "latest.md"), markdown);
  if (args.readme) {
    const path = join(appDir, "README.md");
    const text = readFileSync(path, "utf8");
    const at = text.indexOf(START);
    const end = text.indexOf(END);
    if (at < 0 || end < at) throw new Error(`README.md lacks the ${START} ... ${END} markers`);
    writeFileSync(path, `${text.slice(0, at + START.length)}\n${markdown}${text.slice(end)}`);
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    console.log(
      `\n${toText(report)}\n\n${stepText(report)}\n\n${browserText(report)}\n\n${machineLine(report)}\n(${seconds} s; written to apps/bench/results/latest.{json,md})`,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
