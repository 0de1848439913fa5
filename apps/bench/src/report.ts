import type { BenchReport, Params, WorkloadResult } from "./types.js";

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

/** Neurite's time and allocation per training step (W1, W3), for the terminal. */
export function stepText(report: BenchReport): string {
  const rows = [STEP_HEAD, ...stepRows(report)];
  if (rows.length === 1) return "";
  const widths = STEP_HEAD.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return ["Neurite per training step:", line(rows[0]!), ...rows.slice(1).map(line)].join("\n");
}

/** A fixed-width table for the terminal. */
export function toText(report: BenchReport): string {
  const torch = hasTorch(report);
  const rows = [head(report), ...report.workloads.map((r) => row(r, torch))];
  const widths = head(report).map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [
    line(rows[0]!),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
  ].join("\n");
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
    `Machine: ${machineLine(report)}.`,
    "",
  ].join("\n");
}
