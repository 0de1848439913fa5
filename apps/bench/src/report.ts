import type { BenchReport, BrowserResult, Params, WorkloadResult } from "./types.js";

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  // Three significant digits below 1 (W1's 0.0422 s), else 0-2 decimals.
  return x >= 100
    ? x.toFixed(0)
    : x >= 10
      ? x.toFixed(1)
      : x >= 1
        ? x.toFixed(2)
        : x.toPrecision(3);
}

function fmtParams(p: Params): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}

const HEAD = [
  "workload",
  "params",
  "unit",
  "neurite",
  "tfjs-cpu",
  "tfjs-wasm",
  "÷ tfjs-cpu",
  "÷ tfjs-wasm",
];

/** The PyTorch columns, shown when the run had the peer. */
const TORCH_HEAD = ["pytorch 1t", "pytorch", "÷ pytorch 1t", "÷ pytorch"];

function hasTorch(report: BenchReport): boolean {
  return report.workloads.some((r) => r.pytorch);
}

function head(report: BenchReport): string[] {
  return hasTorch(report) ? [...HEAD, ...TORCH_HEAD] : HEAD;
}

function torchCells(r: WorkloadResult): string[] {
  const t = r.pytorch;
  if (!t) return TORCH_HEAD.map(() => "–");
  return [fmt(t.median1t), fmt(t.median), `${fmt(t.ratio1t)}x`, `${fmt(t.ratio)}x`];
}

function row(r: WorkloadResult, torch: boolean): string[] {
  return [
    r.id,
    fmtParams(r.params),
    r.unit,
    fmt(r.median.neurite),
    fmt(r.median["tfjs-cpu"]),
    fmt(r.median["tfjs-wasm"]),
    `${fmt(r.speedup["tfjs-cpu"])}x`,
    `${fmt(r.speedup["tfjs-wasm"])}x`,
    ...(torch ? torchCells(r) : []),
  ];
}

function fmtBytes(b: number): string {
  if (!Number.isFinite(b)) return String(b);
  return b >= 1024 * 1024
    ? `${(b / 1024 / 1024).toFixed(2)} MiB`
    : b >= 1024
      ? `${(b / 1024).toFixed(1)} KiB`
      : `${b.toFixed(0)} B`;
}

const STEP_HEAD = ["workload", "params", "µs/step", "bytes/step", "of which typed arrays"];

function stepRows(report: BenchReport): string[][] {
  return report.workloads
    .filter((r) => r.perStep)
    .map((r) => [
      r.id,
      fmtParams(r.params),
      fmt(r.perStep!.usPerStep),
      fmtBytes(r.perStep!.bytesPerStep),
      fmtBytes(r.perStep!.arrayBufferBytesPerStep),
    ]);
}

/**
 * Rows as fixed-width lines (the first `left` columns padded on the right,
 * numbers on the left), with a line of dashes under the head if `rule`.
 */
function aligned(rows: readonly string[][], left: number, rule = false): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) =>
    r.map((cell, c) => (c < left ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "),
  );
  if (rule) lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  return lines;
}

/** Neurite's time and allocation per training step (W1, W3), for the terminal. */
export function stepText(report: BenchReport): string {
  const rows = stepRows(report);
  if (rows.length === 0) return "";
  return ["Neurite per training step:", ...aligned([STEP_HEAD, ...rows], 2)].join("\n");
}

const BROWSER_HEAD = ["workload", "params", "node µs/step", "chromium µs/step", "chromium ÷ node"];

/** What the browser section measured in, as one sentence ending in a colon. */
function browserCaption(b: BrowserResult): string {
  const where = b.crossOriginIsolated
    ? "a Worker of a cross-origin isolated page"
    : "a Worker of a page that is NOT cross-origin isolated (no shared memory: one kernel thread)";
  return (
    `Neurite per training step in ${b.browser} (${where}, ${b.backend} backend, ` +
    `${b.hardwareConcurrency} hardware threads; the same code and timing method as in Node; ` +
    "chromium ÷ node > 1: slower in Chromium; reported, never asserted):"
  );
}

function browserRows(b: BrowserResult): string[][] {
  return b.lines.map((l) => [
    l.id,
    fmtParams({ ...l.params, threads: l.threads }),
    fmt(l.nodeUsPerStep),
    fmt(l.usPerStep),
    `${fmt(l.usPerStep / l.nodeUsPerStep)}x`,
  ]);
}

/** The sentence for a run without browser timings. */
function browserAbsent(reason: string): string {
  return `Neurite in Chromium: not measured (${reason}).`;
}

/** Neurite's time per step in Chromium next to Node's, or why it is absent, for the terminal. */
export function browserText(report: BenchReport): string {
  const b = report.browser;
  if ("absent" in b) return browserAbsent(b.absent);
  return [browserCaption(b), ...aligned([BROWSER_HEAD, ...browserRows(b)], 2)].join("\n");
}

/** The browser section as Markdown. */
function browserMarkdown(report: BenchReport, cells: (r: string[]) => string): string[] {
  const b = report.browser;
  if ("absent" in b) return [browserAbsent(b.absent), ""];
  return [
    browserCaption(b),
    "",
    cells(BROWSER_HEAD),
    cells(BROWSER_HEAD.map((_, c) => (c < 2 ? "---" : "---:"))),
    ...browserRows(b).map(cells),
    "",
  ];
}

/** A fixed-width table for the terminal. */
export function toText(report: BenchReport): string {
  const torch = hasTorch(report);
  return aligned([head(report), ...report.workloads.map((r) => row(r, torch))], 3, true).join("\n");
}

/** A one-line description of the machine and run. */
export function machineLine(report: BenchReport): string {
  const m = report.machine;
  const torch =
    "torch" in m.pytorch
      ? `, PyTorch ${m.pytorch.torch}`
      : `, no PyTorch peer (${m.pytorch.absent})`;
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node} (V8 ${m.v8}), tfjs ${m.tfjs}${torch}; ${report.options.quick ? "--quick" : "full"} run, ${report.options.rounds} rounds, ${m.date}`;
}

/** The same table as Markdown, with the machine it ran on. */
export function toMarkdown(report: BenchReport): string {
  const cells = (r: string[]) => `| ${r.join(" | ")} |`;
  const torch = hasTorch(report);
  return [
    `Medians of ${report.options.rounds} alternating rounds; ratios are Neurite ÷ peer (> 1: Neurite faster).` +
      (torch
        ? " PyTorch ran after the JavaScript implementations in a process of its own with the same method; `pytorch` is on as many threads as the line's Neurite run, `pytorch 1t` on one."
        : ""),
    "",
    cells(head(report)),
    cells(head(report).map((_, c) => (c < 3 ? "---" : "---:"))),
    ...report.workloads.map((r) => cells(row(r, torch))),
    "",
    ...(stepRows(report).length
      ? [
          "Neurite per training step (time: the timed run's median ÷ steps per call; bytes: " +
            `${report.workloads.find((r) => r.perStep)!.perStep!.method}):`,
          "",
          cells(STEP_HEAD),
          cells(STEP_HEAD.map((_, c) => (c < 2 ? "---" : "---:"))),
          ...stepRows(report).map(cells),
          "",
        ]
      : []),
    ...browserMarkdown(report, cells),
    `Machine: ${machineLine(report)}.`,
    "",
  ].join("\n");
}
