import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { parseChart } from "./svg.js";

const README = readFileSync(join(__dirname, "..", "README.md"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "neurite-plot-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The sources of a package entry, so the block runs without a build. */
const source = (pkg: string, entry = "index") =>
  pathToFileURL(join(__dirname, "..", pkg === "plot" ? "" : `../${pkg}`, "src", `${entry}.ts`))
    .href;

/** Runs a README block with imports pointed at the sources and `charts/` at a temporary directory. */
async function runBlock(name: string): Promise<string[]> {
  const block = new RegExp(`<!-- example:${name} -->\\s*\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(
    README,
  )?.[1];
  expect(block).toBeDefined();
  const code = block!
    .replace(/"@neurite\/(\w+)(?:\/(node))?"/g, (_, pkg: string, entry?: string) =>
      JSON.stringify(source(pkg, entry)),
    )
    .replace(/"charts\//g, JSON.stringify(`${dir}/`).slice(0, -1));
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, code);
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.map((a) => JSON.stringify(a)).join(" "));
  });
  try {
    await import(pathToFileURL(file).href);
  } finally {
    spy.mockRestore();
  }
  return lines;
}

describe("README", () => {
  it("the wine example trains, writes three charts and prints what its comment says", async () => {
    expect(await runBlock("wine")).toEqual(["true"]);
    for (const f of ["accuracy.svg", "loss.svg", "confusion.svg"])
      expect(existsSync(join(dir, f))).toBe(true);
    const loss = parseChart(readFileSync(join(dir, "loss.svg"), "utf8"));
    expect(loss.legend()).toEqual(["training", "test"]);
    expect(loss.domain("x")).toEqual([1, 30]);
    const cm = parseChart(readFileSync(join(dir, "confusion.svg"), "utf8"));
    const total = cm
      .byClass("nplot-rect")
      .reduce((a, r) => a + Number(r.getAttribute("data-value")), 0);
    expect(total).toBe(45);
  });

  it("the tour runs every other chart", async () => {
    expect(await runBlock("tour")).toEqual(["true"]);
  });
});
