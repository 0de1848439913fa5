import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  EXIT_USAGE,
  helpText,
  joinNegativeValues,
  main,
  parseCommandLine,
  USAGE,
} from "../src/cli.js";
import { EXAMPLES } from "../src/examples/index.js";
import { tempOut, WINE_TWO_EPOCHS } from "./helpers.js";

const demoDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(demoDir, "../..");

/** Runs `pnpm demo ...` from the repository root, as a user types it. */
function pnpmDemo(args: string[]) {
  return spawnSync("pnpm", ["demo", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, COREPACK_INTEGRITY_KEYS: "0", NO_COLOR: "1" },
  });
}
const count = (text: string, part: string) => text.split(part).length - 1;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: "/work" },
    out,
    err,
  };
}

describe("command line", () => {
  it("runs wine by default and resolves --out against the caller's directory", () => {
    const c = parseCommandLine([], "/home/me");
    expect(c.example.name).toBe("wine");
    expect(c.options.out).toBe("/home/me/neurite-out");
    expect(c.json).toBe(false);
    const d = parseCommandLine(
      [
        "--",
        "boston",
        "--epochs",
        "3",
        "--batch-size",
        "8",
        "--seed",
        "4",
        "--out",
        "x",
        "--scale",
        "--json",
      ],
      "/home/me",
    );
    expect(d.example.name).toBe("boston");
    expect(d.options).toEqual({ epochs: 3, batchSize: 8, seed: 4, scale: true, out: "/home/me/x" });
    expect(d.json).toBe(true);
    const e = parseCommandLine(["wine", "--bn-momentum", "0.99"], "/home/me");
    expect(e.options.bnMomentum).toBe(0.99);
  });

  it.each([
    [
      ["nope"],
      /unknown example 'nope'; the examples are: perceptron, xor, activations, wine, boston, batchnorm, dropout/,
    ],
    [["wine", "--epochs", "0"], /--epochs must be between 1 and 100000, got 0/],
    [["wine", "--epochs", "2.5"], /--epochs expects a whole number, got '2.5'/],
    [["wine", "--batch-size", "abc"], /--batch-size expects a whole number, got 'abc'/],
    [["wine", "--seed", "-1.5"], /--seed expects a whole number, got '-1.5'/],
    [["wine", "--epochs", "-1"], /--epochs must be between 1 and 100000, got -1/],
    [["wine", "--epochs"], /--epochs/],
    [["wine", "--bogus"], /Unknown option '--bogus'/],
    [["wine", "boston"], /expected one example, got 'wine', 'boston'/],
    [
      ["activations", "--epochs", "3"],
      /--epochs does not apply to 'activations' \(it trains nothing\)/,
    ],
    [
      ["perceptron", "--batch-size", "2"],
      /--batch-size does not apply to 'perceptron' \(it takes --epochs\)/,
    ],
    [["dropout", "--scale"], /--scale does not apply to 'dropout'/],
    [["wine", "--out", ""], /--out expects a directory/],
    [["wine", "--bn-momentum", "1"], /--bn-momentum expects a number in \[0, 1\), got '1'/],
    [["wine", "--bn-momentum", "x"], /--bn-momentum expects a number in \[0, 1\), got 'x'/],
    [["boston", "--bn-momentum", "0.9"], /--bn-momentum does not apply to 'boston'/],
  ])("rejects %j with the usage line and exit code 2", async (argv, message) => {
    const c = capture();
    expect(await main(argv, c.io)).toBe(EXIT_USAGE);
    expect(c.out).toEqual([]);
    const text = c.err.join("\n");
    expect(text).toMatch(/^error: /);
    expect(text).toMatch(message);
    expect(text).toContain(USAGE);
  });

  it("takes negative numbers as option values (--seed -1, as --seed=-1)", () => {
    expect(parseCommandLine(["wine", "--seed", "-1"], "/").options.seed).toBe(-1);
    expect(parseCommandLine(["wine", "--seed=-3"], "/").options.seed).toBe(-3);
    expect(parseCommandLine(["--seed", "-42", "boston"], "/").example.name).toBe("boston");
    expect(joinNegativeValues(["--seed", "-1", "--scale", "-h"])).toEqual([
      "--seed=-1",
      "--scale",
      "-h",
    ]);
    // A dash that is not a number is still an option, so a missing value is reported.
    expect(() => parseCommandLine(["wine", "--seed", "--json"], "/")).toThrow(/--seed/);
  });

  it("--help names every example and every option", async () => {
    const c = capture();
    expect(await main(["--help"], c.io)).toBe(0);
    expect(c.out.join("\n")).toBe(helpText());
    for (const e of EXAMPLES) expect(helpText()).toContain(`  ${e.name}  `.replace(/ {2}$/, ""));
    for (const flag of [
      "--epochs N",
      "--batch-size N",
      "--seed N",
      "--out DIR",
      "--scale",
      "--json",
      "-h, --help",
    ])
      expect(helpText()).toContain(flag);
    expect(await main(["xor", "-h"], c.io)).toBe(0);
  });

  it("prints only the JSON result with --json", async () => {
    const c = capture();
    const out = tempOut();
    expect(await main(["perceptron", "--json", "--out", out], c.io)).toBe(0);
    expect(c.out).toHaveLength(1);
    const r = JSON.parse(c.out[0]!);
    expect(Object.keys(r)).toEqual([
      "example",
      "seed",
      "epochs",
      "batchSize",
      "iterationsPerEpoch",
      "samples",
      "trainingTimeMs",
      "metrics",
      "files",
    ]);
    expect(r.metrics.xorConverged).toBe(0);
  });

  it("as a process: pnpm demo's command prints one JSON object on stdout and exits 0", () => {
    const out = tempOut();
    const tsx = resolve(demoDir, "../../node_modules/.bin/tsx");
    const p = spawnSync(
      tsx,
      [
        "--conditions=@neurite/source",
        "src/cli.ts",
        "wine",
        "--epochs",
        "2",
        "--json",
        "--out",
        out,
      ],
      {
        cwd: demoDir,
        encoding: "utf8",
        env: { ...process.env, INIT_CWD: demoDir },
      },
    );
    expect(p.status).toBe(0);
    const r = JSON.parse(p.stdout);
    expect(r).toMatchObject(WINE_TWO_EPOCHS);
    expect(typeof r.trainingTimeMs).toBe("number");
    expect(r.metrics.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(r.files).toContain(join(out, "index.html"));
    for (const f of r.files) expect(existsSync(f)).toBe(true);
  });

  it("as `pnpm demo`: a usage error prints the CLI's message once and exits 2", () => {
    const p = pnpmDemo(["wine", "--bogus"]);
    expect(p.status).toBe(EXIT_USAGE);
    expect(p.stdout).toBe("");
    expect(count(p.stderr, "error: Unknown option '--bogus'")).toBe(1);
    expect(count(p.stderr, USAGE)).toBe(1);
    // One pnpm layer between the shell and the CLI: at most one pnpm failure line.
    expect(count(p.stderr, "ELIFECYCLE")).toBeLessThanOrEqual(1);
  });

  it("as `pnpm demo`: --seed -1 runs with seed -1", () => {
    const p = pnpmDemo([
      "perceptron",
      "--seed",
      "-1",
      "--epochs",
      "2",
      "--json",
      "--out",
      tempOut(),
    ]);
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ example: "perceptron", seed: -1, epochs: 2 });
  });
});
