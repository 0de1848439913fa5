import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";

// esbuild comes with tsup (a root dev dependency); found through it, so no new dependency.
type Esbuild = {
  build(o: Record<string, unknown>): Promise<{
    metafile: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  }>;
};
function findEsbuild(): Esbuild {
  const req = createRequire(import.meta.url);
  return createRequire(req.resolve("tsup"))("esbuild") as Esbuild;
}
const esbuild = findEsbuild();
const dir = mkdtempSync(join(tmpdir(), "neurite-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a browser bundle", () => {
  it("bundles the wine example for the browser and runs it without Node globals", async () => {
    const entry = join(dir, "entry.ts");
    const src = join(__dirname, "..", "src", "index.ts").replaceAll("\\", "/");
    writeFileSync(
      entry,
      `import { applySplit, bookSplit, DataLoader, loadWine, StandardScaler } from ${JSON.stringify(src)};
const { x, y } = loadWine();
const { xTrain, yTrain } = applySplit(x, y, bookSplit("wine"));
const scaler = new StandardScaler().fit(xTrain);
const loader = new DataLoader(scaler.transform(xTrain), yTrain, { batchSize: 5, shuffle: true, seed: 0 });
let updates = 0;
for (let e = 0; e < 30; e++) for (const _ of loader) updates++;
globalThis.result = { updates, n: xTrain.shape[0] };
`,
    );
    const out = join(dir, "out.js");
    const r = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: "browser",
      format: "iife",
      conditions: ["@neurite/source"],
      outfile: out,
      metafile: true,
      logLevel: "silent",
    });
    const output = Object.values(r.metafile.outputs)[0]!;
    const inputs = Object.entries(output.inputs)
      .filter(([, v]) => v.bytesInOutput > 0)
      .map(([k]) => k);
    expect(inputs.some((i) => i.includes("fflate/esm/browser"))).toBe(true);
    // tree shaking leaves the other embedded datasets out
    expect(inputs.some((i) => i.includes("embedded/wine_data"))).toBe(true);
    expect(inputs.some((i) => i.includes("embedded/digits"))).toBe(false);
    const ctx: Record<string, unknown> = { atob, TextDecoder, Math };
    createContext(ctx);
    runInContext(readFileSync(out, "utf8"), ctx);
    expect(ctx.result).toEqual({ updates: 810, n: 133 });
  });
});
