import { describe, expect, it } from "vitest";
import { browserRequest } from "../src/browser-section.js";
import { runInChromium } from "../src/impls/browser.js";
import { chromiumFlags } from "../src/impls/chromium.js";
import { browserText, toMarkdown } from "../src/report.js";
import { runBench } from "../src/run.js";
import type { BenchReport, BrowserSection } from "../src/types.js";
import { allWorkloads } from "../src/workloads/index.js";
import { bookFitWorkload, mlpWorkload } from "../src/workloads/training.js";

/** A report with one W1 line and the given browser section (numbers made up for formatting). */
function reportWith(browser: BrowserSection): BenchReport {
  return {
    machine: {
      cpu: "Test CPU",
      cores: 2,
      memoryGiB: 4,
      platform: "linux x64",
      node: "20.0.0",
      v8: "11",
      tfjs: "4.22.0",
      pytorch: { absent: "turned off (--no-torch)" },
      date: "2026-01-01T00:00:00.000Z",
    },
    options: { quick: true, rounds: 3, sampleMs: 60 },
    workloads: [
      {
        id: "W1",
        title: "wine fit",
        params: { epochs: 30, batch: 5, steps: 810, threads: 1 },
        unit: "s",
        higherIsBetter: false,
        median: { neurite: 0.0324, "tfjs-cpu": 1.2, "tfjs-wasm": 1.3 },
        speedup: { "tfjs-cpu": 37, "tfjs-wasm": 40 },
        msPerCall: { neurite: 32.4, "tfjs-cpu": 1200, "tfjs-wasm": 1300 },
      },
    ],
    browser,
  };
}

const measured: BrowserSection = {
  browser: "Chromium 153.0.8010.0",
  crossOriginIsolated: true,
  backend: "wasm",
  hardwareConcurrency: 2,
  lines: [
    {
      id: "W1",
      params: { epochs: 30, batch: 5, steps: 810, threads: 1 },
      threads: 1,
      usPerStep: 60,
      nodeUsPerStep: 40,
    },
    {
      id: "W3-2t",
      params: { batch: 128, threads: 2 },
      threads: 2,
      usPerStep: 13000,
      nodeUsPerStep: 10400,
    },
  ],
};

describe("the browser section of the report", () => {
  it("sets Chromium's time per step next to Node's, with the ratio", () => {
    const text = browserText(reportWith(measured));
    const lines = text.split("\n");
    expect(lines[0]).toMatch(
      /^Neurite per training step in Chromium 153\.0\.8010\.0 \(a Worker of a cross-origin isolated page, wasm backend, 2 hardware threads;.*never asserted\):$/,
    );
    expect(lines[1]).toMatch(
      /^workload\s+params\s+node µs\/step\s+chromium µs\/step\s+chromium ÷ node$/,
    );
    // 60 / 40 = 1.5; 13000 / 10400 = 1.25.
    expect(lines[2]).toMatch(
      /^W1\s+epochs=30 batch=5 steps=810 threads=1\s+40\.0\s+60\.0\s+1\.50x$/,
    );
    expect(lines[3]).toMatch(/^W3-2t\s+batch=128 threads=2\s+10400\s+13000\s+1\.25x$/);
    expect(lines).toHaveLength(4);
  });

  it("is a Markdown table before the machine line", () => {
    const md = toMarkdown(reportWith(measured));
    expect(md).toContain(
      "| workload | params | node µs/step | chromium µs/step | chromium ÷ node |\n| --- | --- | ---: | ---: | ---: |\n| W1 | epochs=30 batch=5 steps=810 threads=1 | 40.0 | 60.0 | 1.50x |",
    );
    expect(md.indexOf("in Chromium 153")).toBeLessThan(md.indexOf("Machine: "));
  });

  it("says when the page was not cross-origin isolated, and the threads the kernels could use", () => {
    const open: BrowserSection = {
      ...measured,
      crossOriginIsolated: false,
      lines: [{ ...measured.lines[1]!, threads: 1 }],
    } as BrowserSection;
    const text = browserText(reportWith(open));
    expect(text).toMatch(/NOT cross-origin isolated \(no shared memory: one kernel thread\)/);
    expect(text).toMatch(/W3-2t\s+batch=128 threads=1\s/);
  });

  it("states in one line why the browser is absent", () => {
    const reason = "Chromium could not start (/nonexistent/chromium): launch failed";
    const report = reportWith({ absent: reason });
    expect(browserText(report)).toBe(`Neurite in Chromium: not measured (${reason}).`);
    expect(toMarkdown(report)).toContain(`\nNeurite in Chromium: not measured (${reason}).\n`);
    expect(toMarkdown(report)).not.toMatch(/chromium µs\/step/);
  });
});

describe("the browser jobs", () => {
  it("are W1 and W3 at batch 128, at each of their Neurite thread counts", () => {
    const workloads = allWorkloads();
    const request = browserRequest(workloads, { rounds: 1, sampleMs: 1, warmMs: 1 });
    const named = request.jobs.map((j) => {
      const w = workloads[Number(j.key.split("@")[0])]!;
      return [w.id, j.threads, j.spec];
    });
    expect(named).toEqual([
      ["W1", 1, { kind: "fit", data: "wine", epochs: 30, batchSize: 5 }],
      ["W3", 1, { kind: "mlp", batch: 128 }],
      ["W3", 2, { kind: "mlp", batch: 128 }],
    ]);
  });

  it("launch Chromium as users run it: several processes, web security on, no sandbox (root)", () => {
    const flags = chromiumFlags();
    for (const unwanted of [
      "--single-process",
      "--disable-web-security",
      "--allow-running-insecure-content",
    ])
      expect(flags).not.toContain(unwanted);
    expect(flags).toContain("--no-sandbox");
    expect(flags.filter((f) => f.startsWith("--headless"))).toEqual([]);
  });

  it("degrade to a one-line note when Chromium cannot start", async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      const run = await runInChromium({ options: { rounds: 1, sampleMs: 1, warmMs: 1 }, jobs: [] });
      expect(run).toEqual({
        absent: expect.stringMatching(/^Chromium could not start \(\/nonexistent\/chromium\): \S/),
      });
      expect((run as { absent: string }).absent).not.toContain("\n");
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});

describe("pnpm bench in Chromium (end to end)", () => {
  it("runs a tiny wine fit and MLP step in the page's Worker, isolated, on the wasm backend", async () => {
    // 1 epoch at batch 100 of the book's wine split: 2 steps per fit.
    const fit = bookFitWorkload({
      id: "W1",
      title: "tiny wine fit",
      data: "wine",
      epochs: 1,
      batchSize: 100,
    });
    const mlp = mlpWorkload(4, [1, 2]);
    const report = await runBench([fit, mlp], {
      torch: false,
      quick: true,
      rounds: 1,
      sampleMs: 1,
      warmMs: 1,
      warmCalls: 1,
    });
    const b = report.browser;
    if ("absent" in b) throw new Error(`no browser timings: ${b.absent}`);
    expect(b.browser).toMatch(/^Chromium \d+\./);
    expect(b.crossOriginIsolated).toBe(true);
    expect(b.backend).toBe("wasm");
    expect(b.lines.map((l) => [l.id, l.params, l.threads])).toEqual([
      ["W1", { epochs: 1, batch: 100, steps: 2, threads: 1 }, 1],
      ["W3", { batch: 4, threads: 1 }, 1],
      // Isolated: shared memory, so the kernels may use the 2 threads asked for.
      ["W3-2t", { batch: 4, threads: 2 }, 2],
    ]);
    for (const l of b.lines) {
      expect(Number.isFinite(l.usPerStep) && l.usPerStep > 0, l.id).toBe(true);
      expect(Number.isFinite(l.nodeUsPerStep) && l.nodeUsPerStep > 0, l.id).toBe(true);
    }
    expect(browserText(report)).toMatch(/^Neurite per training step in Chromium/);
  });
});
