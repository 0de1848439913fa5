import { describe, expect, it } from "vitest";
import { bundle, FIT_ONLY } from "../../../scripts/bundle-size.mjs";

/*
 * What a browser app pays for the built packages (dist/, as published),
 * minified and gzipped by esbuild. Needs `pnpm build`: turbo runs `^build`
 * before this test.
 */

const LIMIT = 61 * 1024;

describe("browser bundles of the built packages", () => {
  it(`fitting a model without datasets stays at or below ${LIMIT / 1024} KiB gzipped`, async () => {
    const size = await bundle(FIT_ONLY);
    expect(size.gzipped).toBeLessThanOrEqual(LIMIT);
    // what used to make it 205 KiB: the embedded tables, papaparse and fflate
    expect(size.inputs.filter((i) => /embedded|papaparse|fflate/.test(i))).toEqual([]);
    expect(size.inputs.some((i) => i.includes("packages/train/dist/"))).toBe(true);
  });

  it("a dataset loader brings its own table and no other", async () => {
    const size = await bundle(
      `import { loadIris } from "@neurite/datasets"; globalThis.x = loadIris();`,
    );
    const tables = size.inputs.filter((i) => i.includes("/embedded/"));
    expect(tables.map((i) => i.split("/").pop())).toEqual(["iris.js"]);
  });

  it("CSV parsing brings papaparse and no table", async () => {
    const size = await bundle(
      `import { parseCsv } from "@neurite/datasets"; globalThis.p = parseCsv;`,
    );
    expect(size.inputs.some((i) => i.includes("papaparse"))).toBe(true);
    expect(size.inputs.some((i) => i.includes("/embedded/"))).toBe(false);
  });
});
