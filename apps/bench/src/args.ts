/** Options of `pnpm bench`. */
export interface CliArgs {
  /** Print the usage and exit (`--help`, `-h`). */
  help: boolean;
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
  /** Time W1 and W3 (batch 128) in Chromium too (`--no-browser` turns it off). */
  browser: boolean;
}

/** The text `pnpm bench --help` prints. */
export const USAGE = `usage: pnpm bench [--quick] [--json] [--readme] [--only W4,W3] [--no-torch] [--no-browser]
  --quick      fewer, shorter samples (under a minute)
  --json       print the report as one JSON object on stdout
  --readme     also write the table into apps/bench/README.md
  --only       run only workloads whose id starts with one of the given prefixes
  --no-torch   leave out the PyTorch peer (by default it runs where a Python with
               torch is found: NEURITE_BENCH_PYTHON, else python3, /usr/bin/python3)
  --no-browser leave out Neurite's time per step in Chromium (by default W1 and W3
               at batch 128 also run in a Worker of a cross-origin isolated page, in
               the Chromium of @sparticuz/chromium, or CHROMIUM_PATH if set)
  -h, --help   print this text`;

/** Parses the command line; throws with the usage text on anything unknown. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    help: false,
    quick: false,
    json: false,
    readme: false,
    only: [],
    torch: true,
    browser: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--help" || a === "-h") args.help = true;
    else if (a === "--quick") args.quick = true;
    else if (a === "--json") args.json = true;
    else if (a === "--readme") args.readme = true;
    else if (a === "--no-torch") args.torch = false;
    else if (a === "--no-browser") args.browser = false;
    else if (a === "--only" && i + 1 < argv.length)
      args.only = argv[++i]!.split(",").filter(Boolean);
    else if (a.startsWith("--only=")) args.only = a.slice(7).split(",").filter(Boolean);
    else if (a === "--") continue;
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return args;
}
