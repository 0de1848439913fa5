/** Options of `pnpm bench`. */
export interface CliArgs {
  /** Fewer, shorter samples: finishes in under a minute. */
  quick: boolean;
  /** Print the report as one JSON object on stdout (progress goes to stderr). */
  json: boolean;
  /** Also write the Markdown table into README.md. */
  readme: boolean;
  /** Only workloads whose id starts with one of these. */
  only: string[];
  /** Time the PyTorch peer where a Python with torch is found (`--no-torch` turns it off). */
  torch: boolean;
}

const USAGE = `usage: pnpm bench [--quick] [--json] [--readme] [--only W4,W3] [--no-torch]
  --quick    fewer, shorter samples (under a minute)
  --json     print the report as one JSON object on stdout
  --readme   also write the table into apps/bench/README.md
  --only     run only workloads whose id starts with one of the given prefixes
  --no-torch leave out the PyTorch peer (by default it runs where a Python with
             torch is found: NEURITE_BENCH_PYTHON, else python3, /usr/bin/python3)`;

/** Parses the command line; throws with the usage text on anything unknown. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { quick: false, json: false, readme: false, only: [], torch: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") args.quick = true;
    else if (a === "--json") args.json = true;
    else if (a === "--readme") args.readme = true;
    else if (a === "--no-torch") args.torch = false;
    else if (a === "--only" && i + 1 < argv.length)
      args.only = argv[++i]!.split(",").filter(Boolean);
    else if (a.startsWith("--only=")) args.only = a.slice(7).split(",").filter(Boolean);
    else if (a === "--") continue;
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return args;
}
