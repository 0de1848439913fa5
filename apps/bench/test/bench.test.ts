import { describe, expect, it } from "vitest";
import { parseArgs } from "../src/args.js";
import { toMarkdown, toText } from "../src/report.js";
import { runBench } from "../src/run.js";
import type { BenchReport } from "../src/types.js";
import { allWorkloads } from "../src/workloads/index.js";
import { matmulWorkload } from "../src/workloads/matmul.js";

describe("pnpm bench", () => {
  it("runs a tiny workload for every implementation and reports the documented JSON shape", async () => {
    const tiny = matmulWorkload({
      id: "W4",
      title: "square matmul 16x16",
      m: 16,
      k: 16,
      n: 16,
      transB: true,
      params: { n: 16 },
      neuriteThreads: [1, 2],
    });
    const report: BenchReport = await runBench([tiny], {
      quick: true,
      rounds: 1,
      sampleMs: 1,
      warmMs: 1,
    });
    // A JSON round trip, as `pnpm bench --json` prints it.
    const json = JSON.parse(JSON.stringify(report)) as BenchReport;
    expect(Object.keys(json).sort()).toEqual(["machine", "options", "workloads"]);
    expect(json.machine).toMatchObject({
      cpu: expect.any(String),
      cores: expect.any(Number),
      node: process.versions.node,
      tfjs: "4.22.0",
    });
    expect(json.workloads.map((w) => [w.id, w.params])).toEqual([
      ["W4", { n: 16, threads: 1 }],
      ["W4-2t", { n: 16, threads: 2 }],
    ]);
    for (const w of json.workloads) {
      expect(w).toMatchObject({ unit: "GFLOPS", higherIsBetter: true });
      expect(Object.keys(w.median).sort()).toEqual(["neurite", "tfjs-cpu", "tfjs-wasm"]);
      expect(Object.keys(w.speedup).sort()).toEqual(["tfjs-cpu", "tfjs-wasm"]);
      for (const v of [...Object.values(w.median), ...Object.values(w.speedup)]) {
        expect(v).toBeGreaterThan(0);
        expect(Number.isFinite(v)).toBe(true);
      }
      expect(w.speedup["tfjs-wasm"]).toBeCloseTo(w.median.neurite / w.median["tfjs-wasm"], 10);
    }
    expect(toText(json)).toContain("W4-2t");
    expect(toMarkdown(json)).toMatch(/^\| workload \| params \|/m);
  });

  it("lists W4 at 128, 512 and 1024, the backward products and the W3 layer shapes", () => {
    const ids = allWorkloads().map((w) => `${w.id} ${Object.values(w.params).join("x")}`);
    expect(ids).toEqual([
      "W4 128",
      "W4 512",
      "W4 1024",
      "W4-ABt 512",
      "W4-AtB 512",
      "W3-fwd 128x784x512",
      "W3-dW 128x784x512",
      "W3-dX 128x784x512",
    ]);
  });

  it("parses its options", () => {
    expect(parseArgs(["--quick", "--json", "--only", "W4,W3"])).toEqual({
      quick: true,
      json: true,
      readme: false,
      only: ["W4", "W3"],
    });
    expect(() => parseArgs(["--fast"])).toThrow(/unknown argument --fast/);
  });
});
