import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bytesPerStep } from "../src/alloc.js";
import { parseArgs } from "../src/args.js";
import { findTorchPython, runTorchPeer } from "../src/impls/torch.js";
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
      torch: false,
      browser: false,
      quick: true,
      rounds: 1,
      sampleMs: 1,
      warmMs: 1,
    });
    // A JSON round trip, as `pnpm bench --json` prints it.
    const json = JSON.parse(JSON.stringify(report)) as BenchReport;
    expect(Object.keys(json).sort()).toEqual(["browser", "machine", "options", "workloads"]);
    expect(json.browser).toEqual({ absent: "turned off (--no-browser)" });
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
      torch: false,
      browser: false,
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
});

describe("the PyTorch peer", () => {
  /**
   * A stand-in interpreter (a Node script): answers the torch probe with a
   * version and the peer's request with 1 ms per call times the thread count
   * it was given through OPENBLAS_NUM_THREADS, so the test sees both the
   * protocol and the per-thread-count processes.
   */
  function fakePython(): string {
    const dir = mkdtempSync(join(tmpdir(), "neurite-bench-"));
    const path = join(dir, "python");
    writeFileSync(
      path,
      `#!/usr/bin/env node
if (process.argv[2] === "-c") { console.log("9.9.9-fake"); process.exit(0); }
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const req = JSON.parse(input);
  const threads = Number(process.env.OPENBLAS_NUM_THREADS);
  const msPerCall = {};
  for (const job of req.jobs) {
    if (job.threads !== threads) process.exit(3);
    msPerCall[job.key] = 1 + job.threads;
  }
  process.stdout.write(JSON.stringify({ torch: "9.9.9-fake", python: "fake", msPerCall }));
});
`,
    );
    chmodSync(path, 0o755);
    return path;
  }

  const tiny = () =>
    matmulWorkload({
      id: "W4",
      title: "square matmul 8x8",
      m: 8,
      k: 8,
      n: 8,
      params: { n: 8 },
      neuriteThreads: [1, 2],
    });

  it("adds PyTorch's numbers and Neurite ÷ PyTorch on one thread and on the same threads", async () => {
    const report = await runBench([tiny()], {
      quick: true,
      rounds: 1,
      sampleMs: 1,
      warmMs: 1,
      browser: false,
      torchCandidates: [fakePython()],
    });
    expect(report.machine.pytorch).toEqual({ torch: "9.9.9-fake", python: expect.any(String) });
    const [one, two] = report.workloads;
    const gflops = (ms: number) => (2 * 8 * 8 * 8) / (ms * 1e6);
    expect(one!.pytorch).toMatchObject({ median1t: gflops(2), median: gflops(2) });
    expect(two!.pytorch).toMatchObject({ median1t: gflops(2), median: gflops(3) });
    expect(two!.pytorch!.ratio1t).toBeCloseTo(two!.median.neurite / gflops(2), 10);
    expect(two!.pytorch!.ratio).toBeCloseTo(two!.median.neurite / gflops(3), 10);
    expect(toMarkdown(report)).toMatch(/÷ pytorch 1t/);
    expect(toText(report)).toMatch(/pytorch 1t/);
  });

  it("says why it is absent, and leaves its columns out", async () => {
    const found = findTorchPython(["/nonexistent/python3"]);
    expect(found).toEqual({ absent: expect.stringMatching(/\/nonexistent\/python3/) });
    const report = await runBench([tiny()], {
      quick: true,
      rounds: 1,
      sampleMs: 1,
      warmMs: 1,
      torch: false,
      browser: false,
    });
    expect(report.machine.pytorch).toEqual({ absent: "turned off (--no-torch)" });
    expect(report.workloads.every((w) => w.pytorch === undefined)).toBe(true);
    expect(toMarkdown(report)).not.toMatch(/pytorch/);
    expect(parseArgs(["--no-torch"]).torch).toBe(false);
  });

  it("times every kind of job with the real peer where a Python with torch is installed", () => {
    const found = findTorchPython();
    if (!("python" in found)) {
      // Nothing to run here; the reason must name what was tried.
      expect(found.absent).toMatch(/python3/);
      return;
    }
    const reply = runTorchPeer(found.python, {
      options: { quick: true, rounds: 1, sampleMs: 1, warmMs: 1, warmCalls: 1 },
      jobs: [
        { key: "mm", threads: 1, spec: { kind: "matmul", m: 4, k: 3, n: 2, transB: true } },
        { key: "mlp", threads: 1, spec: { kind: "mlp", sizes: [6, 5, 3], batch: 4 } },
        { key: "fit", threads: 2, spec: { kind: "fit", data: "boston", epochs: 1, batchSize: 2 } },
      ],
      data: {
        boston: {
          x: Array.from({ length: 4 * 13 }, (_, i) => i / 10),
          y: [1, 2, 3, 4],
          shape: [4, 13],
        },
      },
    });
    expect(Object.keys(reply.msPerCall).sort()).toEqual(["fit", "mlp", "mm"]);
    expect(reply.torch).toMatch(/^\d+\.\d+/);
  });
});
