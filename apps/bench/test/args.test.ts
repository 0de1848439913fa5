import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseArgs, USAGE } from "../src/args.js";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Runs `pnpm bench`'s entry point as the script does (tsx, source condition). */
function cli(...argv: string[]) {
  return spawnSync(
    process.execPath,
    ["--conditions=@neurite/source", "--import", "tsx", "src/cli.ts", ...argv],
    { cwd: appDir, encoding: "utf8", timeout: 60_000 },
  );
}

describe("pnpm bench's options", () => {
  it("defaults to a full run with every peer and the browser", () => {
    const defaults = Object.entries(parseArgs([])).sort(([a], [b]) => a.localeCompare(b));
    expect(defaults).toEqual([
      ["browser", true],
      ["help", false],
      ["json", false],
      ["only", []],
      ["quick", false],
      ["readme", false],
      ["torch", true],
    ]);
  });

  it("parses each option, skipping pnpm's --", () => {
    expect(parseArgs(["--", "--quick", "--json", "--only", "W4,W3", "--no-torch"])).toEqual({
      help: false,
      quick: true,
      json: true,
      readme: false,
      only: ["W4", "W3"],
      torch: false,
      browser: true,
    });
    expect(parseArgs(["--only=W1", "--readme"])).toMatchObject({ only: ["W1"], readme: true });
  });

  it("--no-browser leaves out the Chromium timings", () => {
    expect(parseArgs(["--no-browser"])).toMatchObject({ browser: false, torch: true });
  });

  it("--help and -h ask for the usage", () => {
    expect(parseArgs(["--help"]).help).toBe(true);
    expect(parseArgs(["-h"]).help).toBe(true);
    expect(parseArgs(["--quick"]).help).toBe(false);
  });

  it("rejects an unknown argument with the usage", () => {
    expect(() => parseArgs(["--fast"])).toThrow(/^unknown argument --fast\nusage: pnpm bench/);
    // --only needs its list.
    expect(() => parseArgs(["--only"])).toThrow(/unknown argument --only/);
  });

  it("documents every option in the usage", () => {
    for (const flag of ["--quick", "--json", "--readme", "--only", "--no-torch", "--no-browser"])
      expect(USAGE).toContain(flag);
    expect(USAGE).toMatch(/-h, --help/);
  });

  it("prints the usage and exits 0 on --help and -h; exits 1 on an unknown argument", () => {
    for (const flag of ["--help", "-h"]) {
      const r = cli(flag);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${USAGE}\n`);
    }
    const bad = cli("--fast");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^unknown argument --fast\nusage: pnpm bench/);
  });
});
