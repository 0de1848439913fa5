import { describe, expect, it } from "vitest";
import { bytesPerStep } from "../src/alloc.js";
import { parseArgs } from "../src/args.js";
import { toMarkdown, toText } from "../src/report.js";
import { runBench } from "../src/run.js";
import type { BenchReport } from "../src/types.js";
import { allWorkloads } from "../src/workloads/index.js";
import { matmulWorkload } from "../src/workloads/matmul.js";
import { mlpWorkload } from "../src/workloads/training.js";

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

  it("lists W1, W2, W3 at three batch sizes, W4 at 128, 512 and 1024, the backward products and the W3 layer shapes", () => {
    const ids = allWorkloads().map((w) => `${w.id} ${Object.values(w.params).join("x")}`);
    expect(ids).toEqual([
      "W1 30x5x810",
      "W2 30x5x2280",
      "W3 32",
      "W3 128",
      "W3 512",
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

  it("--quick skips the detail workloads (transposed products, W3's matmuls)", () => {
    const quick = allWorkloads()
      .filter((w) => !w.detail)
      .map((w) => w.id);
    expect(quick).toEqual(["W1", "W2", "W3", "W3", "W3", "W4", "W4", "W4"]);
  });

  it("reports Neurite's time and bytes per step for a training workload", async () => {
    const w = mlpWorkload(4, [1]);
    const report = await runBench([w], {
      quick: true,
      rounds: 1,
      sampleMs: 1,
      warmMs: 1,
    });
    const [line] = report.workloads;
    expect(line).toMatchObject({ id: "W3", unit: "samples/s", higherIsBetter: true });
    expect(line!.perStep!.usPerStep).toBeGreaterThan(0);
    expect(line!.perStep!.bytesPerStep).toBeGreaterThanOrEqual(0);
    expect(line!.perStep!.method).toMatch(/arrayBuffers/);
    expect(toMarkdown(report)).toMatch(/bytes\/step/);
  });

  it("counts the bytes a step allocates", async () => {
    const kept: Float64Array[] = [];
    const r = await bytesPerStep(() => void kept.push(new Float64Array(8192)), {
      windows: 3,
      steps: 8,
      warmSteps: 1,
      warmMs: 0,
    });
    // 64 KiB of backing store per step, plus a little for the array object.
    expect(r.arrayBufferBytesPerStep).toBe(65536);
    expect(r.bytesPerStep).toBeGreaterThanOrEqual(65536);
    expect(r.bytesPerStep).toBeLessThan(2 * 65536);
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
