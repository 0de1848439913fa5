/**
 * The demo's command line: `pnpm demo <example> [options]`. Parses the
 * arguments with `node:util`'s `parseArgs`, checks them, and runs one example.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { type Module, Sequential } from "@neurite/layers";
import { DEFAULT_OUT } from "./examples/common.js";
import { DEFAULT_EXAMPLE, EXAMPLES, type ExampleInfo, findExample } from "./examples/index.js";
import { EXPORTABLE, exportModel } from "./export.js";
import type { ExampleOptions, ExampleResult } from "./types.js";

/** The one-line synopsis printed with every usage error. */
export const USAGE =
  "Usage: pnpm demo [example] [--epochs N] [--batch-size N] [--seed N] [--out DIR] [--scale] [--bn-momentum M] [--export DIR] [--json]";

/** Exit code of a usage error (unknown example or option, invalid value). */
export const EXIT_USAGE = 2;

const OPTION_FLAGS = {
  epochs: "--epochs",
  batchSize: "--batch-size",
  scale: "--scale",
  bnMomentum: "--bn-momentum",
} as const;

/** The text of `--help`: every example and every option. */
export function helpText(): string {
  const width = Math.max(...EXAMPLES.map((e) => e.name.length));
  const examples = EXAMPLES.map((e) => {
    const d: string[] = [];
    if (e.defaults.epochs !== undefined) d.push(`${e.defaults.epochs} epochs`);
    if (e.defaults.batchSize !== undefined) d.push(`batch ${e.defaults.batchSize}`);
    const tail = [
      d.length ? `defaults: ${d.join(", ")}` : "no training",
      `book items ${e.book.join(", ")}`,
    ].join("; ");
    const mark = e.name === DEFAULT_EXAMPLE ? " (default)" : "";
    return `  ${e.name.padEnd(width)}  ${e.summary}${mark}\n  ${" ".repeat(width)}  (${tail})`;
  }).join("\n");
  const takes = (o: keyof typeof OPTION_FLAGS) =>
    EXAMPLES.filter((e) => e.accepts.includes(o))
      .map((e) => e.name)
      .join(", ");
  return `Neurite demo: the textbook's neural networks, trained in front of you.

${USAGE}

Examples:
${examples}

Options:
  --epochs N       passes over the training data (${takes("epochs")})
  --batch-size N   samples per mini-batch, one weight update each (${takes("batchSize")})
  --seed N         seed of the initial weights, shuffling and dropout masks (default 0);
                   the same seed gives the same numbers on every run
  --out DIR        where the SVG charts and the HTML report index.html go
                   (default ./${DEFAULT_OUT}, relative to where you run pnpm)
  --scale          standardize the features, fitted on the training split (${takes("scale")});
                   without it the book's raw features are used
  --bn-momentum M  momentum of BatchNorm's moving mean and variance (${takes("bnMomentum")};
                   default 0.9; Keras's layer default, which the book's code inherits, is 0.99)
  --export DIR     write the trained model to DIR/<example>.safetensors (Neurite's format)
                   and DIR/<example>.onnx (ONNX, for ONNX Runtime) (${EXPORTABLE.join(", ")})
  --json           print only one JSON object with the final metrics, epochs, iterations
                   per epoch, samples, training time and files written
  -h, --help       show this help

Examples of use:
  pnpm demo                        the wine classifier with the book's settings
  pnpm demo boston --seed 3        the regression example with another seed
  pnpm demo wine --scale --json    standardized features, machine-readable result
`;
}

/** A mistake on the command line: reported with the usage line and exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** What {@link parseCommandLine} produces. */
export interface Command {
  /** `help` prints the help; `run` runs `example`. */
  action: "help" | "run";
  /** The example to run. */
  example: ExampleInfo;
  /** Options for its `run`. */
  options: ExampleOptions;
  /** Print only JSON. */
  json: boolean;
  /** `--export`: the directory the trained model is written to (absolute), if given. */
  exportDir?: string;
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim()))
    throw new UsageError(`${flag} expects a whole number, got '${text}'`);
  const n = Number(text);
  if (n < min || n > max)
    throw new UsageError(`${flag} must be between ${min} and ${max}, got ${text}`);
  return n;
}

/**
 * Parses and checks the arguments (without the node and script paths).
 *
 * @param cwd - the directory a relative `--out` is resolved against
 * @throws UsageError for an unknown example or option, a missing or invalid value
 */
export function parseCommandLine(argv: readonly string[], cwd: string): Command {
  const args = argv[0] === "--" ? argv.slice(1) : [...argv];
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (err) {
    // parseArgs reports unknown options and missing values with a TypeError.
    const message = err instanceof Error ? err.message : String(err);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1)
    throw new UsageError(
      `expected one example, got ${positionals.map((p) => `'${p}'`).join(", ")}`,
    );
  const name = positionals[0] ?? DEFAULT_EXAMPLE;
  const example = findExample(name);
  if (!example)
    throw new UsageError(
      `unknown example '${name}'; the examples are: ${EXAMPLES.map((e) => e.name).join(", ")}`,
    );
  if (values.help) return { action: "help", example, options: {}, json: false };

  const options: ExampleOptions = {};
  for (const key of ["epochs", "batchSize", "scale", "bnMomentum"] as const) {
    const given =
      key === "batchSize"
        ? values["batch-size"]
        : key === "bnMomentum"
          ? values["bn-momentum"]
          : values[key];
    if (given === undefined || given === false) continue;
    if (!example.accepts.includes(key))
      throw new UsageError(
        `${OPTION_FLAGS[key]} does not apply to '${example.name}'${
          example.accepts.length
            ? ` (it takes ${example.accepts.map((a) => OPTION_FLAGS[a]).join(", ")})`
            : " (it trains nothing)"
        }`,
      );
  }
  if (values.epochs !== undefined)
    options.epochs = wholeNumber("--epochs", values.epochs, 1, 100_000);
  if (values["batch-size"] !== undefined)
    options.batchSize = wholeNumber("--batch-size", values["batch-size"], 1, 100_000);
  if (values.seed !== undefined)
    options.seed = wholeNumber("--seed", values.seed, 0, Number.MAX_SAFE_INTEGER);
  if (values.scale) options.scale = true;
  if (values["bn-momentum"] !== undefined) {
    const text = values["bn-momentum"];
    const m = Number(text);
    if (text.trim() === "" || !(m >= 0 && m < 1))
      throw new UsageError(`--bn-momentum expects a number in [0, 1), got '${text}'`);
    options.bnMomentum = m;
  }
  if (values.out !== undefined && values.out.trim() === "")
    throw new UsageError("--out expects a directory, got an empty string");
  options.out = resolve(cwd, values.out ?? DEFAULT_OUT);
  const command: Command = { action: "run", example, options, json: values.json ?? false };
  if (values.export !== undefined) {
    if (!EXPORTABLE.includes(example.name))
      throw new UsageError(
        `--export applies to ${EXPORTABLE.join(" and ")}, not to '${example.name}'`,
      );
    if (values.export.trim() === "")
      throw new UsageError("--export expects a directory, got an empty string");
    command.exportDir = resolve(cwd, values.export);
  }
  return command;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      epochs: { type: "string" },
      "batch-size": { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      scale: { type: "boolean" },
      "bn-momentum": { type: "string" },
      json: { type: "boolean" },
      export: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** The fields `--json` prints: the common part of every example's result. */
export function jsonSummary(r: ExampleResult): ExampleResult {
  return {
    example: r.example,
    seed: r.seed,
    epochs: r.epochs,
    batchSize: r.batchSize,
    iterationsPerEpoch: r.iterationsPerEpoch,
    samples: r.samples,
    trainingTimeMs: r.trainingTimeMs,
    metrics: r.metrics,
    files: r.files,
  };
}

/** Where {@link main} writes. */
export interface Io {
  /** Normal output (the example's lines, or the JSON). */
  out: (text: string) => void;
  /** Errors and the usage line. */
  err: (text: string) => void;
  /** The directory relative paths are resolved against. */
  cwd: string;
}

const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // pnpm runs the script in apps/demo; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
};

/**
 * Runs the command line and returns the exit code: 0 on success, 2 for a
 * usage error (with the usage line on stderr), 1 when the example fails.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv, io.cwd);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(
      `error: ${err.message}\n\n${USAGE}\nRun 'pnpm demo --help' for every example and option.`,
    );
    return EXIT_USAGE;
  }
  if (command.action === "help") {
    io.out(helpText());
    return 0;
  }
  try {
    let trained: Module | undefined;
    const result = await command.example.run({
      ...command.options,
      log: command.json ? null : io.out,
      progress: !command.json,
      progressBar: io === processIo && process.stdout.isTTY === true,
      onTrained: (model) => {
        trained = model;
      },
    });
    if (command.exportDir !== undefined && trained instanceof Sequential) {
      const exported = await exportModel(
        command.example.name,
        trained,
        command.exportDir,
        command.options.scale ?? false,
      );
      result.files = [...result.files, exported.safetensors, exported.onnx];
      if (!command.json) io.out(exported.lines.join("\n"));
    }
    if (command.json) io.out(JSON.stringify(jsonSummary(result), null, 2));
    return 0;
  } catch (err) {
    io.err(
      `error: ${command.example.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return 1;
  }
}

// Run when executed as the entry point (tsx src/cli.ts), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
