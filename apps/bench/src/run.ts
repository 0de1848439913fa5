import { bytesPerStep } from "./alloc.js";
import { browserSection } from "./browser-section.js";
import { setUpNeurite, useNeuriteThreads } from "./impls/neurite.js";
import { setUpTfjs, useTfjs } from "./impls/tfjs.js";
import { findTorchPython, runTorchPeer, type TorchRequest } from "./impls/torch.js";
import { machine } from "./machine.js";
import { measureAlternating, type SampleOptions } from "./timing.js";
import type {
  BenchReport,
  ImplName,
  PeerName,
  PerStep,
  TorchResult,
  Workload,
  WorkloadResult,
} from "./types.js";
import { bookData } from "./workloads/neurite-training.js";

/** How long and how often to measure. */
export interface RunOptions extends Omit<SampleOptions, "reuseWarmMs"> {
  /** Fewer, shorter samples; a warm-up call of a second or more counts as a sample. */
  quick: boolean;
  /** Progress lines (to stderr in the CLI). */
  log?: (line: string) => void;
  /** Also time the PyTorch peer where a Python with torch is found (default true). */
  torch?: boolean;
  /** Also time W1 and W3 (batch 128) in Chromium (default true; `--no-browser` turns it off). */
  browser?: boolean;
  /** Python interpreters to try for the peer (default: `NEURITE_BENCH_PYTHON`, else python3, /usr/bin/python3, python). */
  torchCandidates?: readonly string[];
}

/** Defaults for a full run and for `--quick`. */
export function defaultOptions(quick: boolean): RunOptions {
  return quick
    ? { quick, rounds: 3, sampleMs: 60, warmMs: 100, warmCalls: 1 }
    : { quick, rounds: 7, sampleMs: 250, warmMs: 500, warmCalls: 2 };
}

/** One measured variant: an implementation, with a thread count for Neurite. */
interface Variant {
  impl: ImplName;
  threads: number;
  key: string;
}

const PEERS: PeerName[] = ["tfjs-cpu", "tfjs-wasm"];

function variantsOf(w: Workload): Variant[] {
  return [
    ...w.neuriteThreads.map((threads) => ({
      impl: "neurite" as const,
      threads,
      key: `neurite@${threads}`,
    })),
    ...PEERS.map((impl) => ({ impl, threads: 1, key: impl })),
  ];
}

async function activate(v: Variant): Promise<void> {
  if (v.impl === "neurite") useNeuriteThreads(v.threads);
  else await useTfjs(v.impl);
}

/** With --quick, a warm-up call at least this long (ms) also serves as a sample. */
const QUICK_REUSE_MS = 1000;

/** Measures one workload; returns the median ms per call of each variant. */
function measure(w: Workload, o: RunOptions): Promise<Map<string, number>> {
  const entries = variantsOf(w).map((v) => ({
    key: v.key,
    start: async () => {
      await activate(v);
      return w.build(v.impl);
    },
  }));
  // --quick: a single warm call of a second or more (tfjs-cpu's fits, its
  // 1024 matmul) already ran warm code after its first steps; it counts as
  // the first sample, which keeps --quick under a minute.
  return measureAlternating(entries, { ...o, reuseWarmMs: o.quick ? QUICK_REUSE_MS : undefined });
}

/** Expands one workload's medians into report lines: one per Neurite thread count. */
function results(
  w: Workload,
  ms: Map<string, number>,
  alloc: Omit<PerStep, "usPerStep"> | undefined,
  torchMs: Map<number, number> | undefined,
): WorkloadResult[] {
  return w.neuriteThreads.map((threads, i) => {
    const msPerCall = {
      neurite: ms.get(`neurite@${threads}`)!,
      "tfjs-cpu": ms.get("tfjs-cpu")!,
      "tfjs-wasm": ms.get("tfjs-wasm")!,
    };
    const median = {
      neurite: w.score(msPerCall.neurite),
      "tfjs-cpu": w.score(msPerCall["tfjs-cpu"]),
      "tfjs-wasm": w.score(msPerCall["tfjs-wasm"]),
    };
    const neuriteOver = (peer: number) =>
      w.higherIsBetter ? median.neurite / peer : peer / median.neurite;
    const ratio = (peer: PeerName) => neuriteOver(median[peer]);
    const torch1 = torchMs?.get(1);
    const torchN = torchMs?.get(threads);
    const pytorch: TorchResult | undefined =
      torch1 !== undefined && torchN !== undefined
        ? {
            median1t: w.score(torch1),
            median: w.score(torchN),
            ratio1t: neuriteOver(w.score(torch1)),
            ratio: neuriteOver(w.score(torchN)),
          }
        : undefined;
    return {
      id: threads > 1 ? `${w.id}-${threads}t` : w.id,
      title: w.title,
      params: { ...w.params, threads },
      unit: w.unit,
      higherIsBetter: w.higherIsBetter,
      median,
      speedup: { "tfjs-cpu": ratio("tfjs-cpu"), "tfjs-wasm": ratio("tfjs-wasm") },
      msPerCall,
      ...(alloc && w.perStep && i === 0
        ? {
            perStep: {
              usPerStep: (msPerCall.neurite * 1000) / w.perStep.stepsPerCall,
              ...alloc,
            },
          }
        : {}),
      ...(pytorch ? { pytorch } : {}),
    };
  });
}

/** Neurite's bytes per training step (first thread count), for workloads that define steps. */
async function allocation(
  w: Workload,
  o: RunOptions,
): Promise<Omit<PerStep, "usPerStep"> | undefined> {
  if (!w.perStep) return undefined;
  await activate({ impl: "neurite", threads: w.neuriteThreads[0] ?? 1, key: "" });
  const step = w.perStep.step();
  return bytesPerStep(step, o.quick ? { windows: 5, warmMs: 100 } : {});
}

/** The peer's request: every workload with a torch spec, at 1 thread and at each Neurite thread count. */
function torchRequest(workloads: readonly Workload[], o: RunOptions): TorchRequest {
  const jobs: TorchRequest["jobs"] = [];
  const data: TorchRequest["data"] = {};
  workloads.forEach((w, i) => {
    if (!w.torch) return;
    for (const threads of new Set([1, ...w.neuriteThreads])) {
      jobs.push({ key: `${i}@${threads}`, threads, spec: w.torch });
    }
    if (w.torch.kind === "fit" && !data[w.torch.data]) {
      const d = bookData(w.torch.data);
      data[w.torch.data] = {
        x: Array.from(d.xTrain.data as Float32Array),
        y: Array.from(d.yTrain.data as Float32Array),
        shape: [...d.xTrain.shape],
      };
    }
  });
  const { quick, rounds, sampleMs, warmMs } = o;
  return { options: { quick, rounds, sampleMs, warmMs, warmCalls: o.warmCalls ?? 2 }, jobs, data };
}

/**
 * Runs `workloads` for Neurite and both TensorFlow.js backends in one process,
 * alternating implementations round by round, then (where a Python with torch
 * is found) the PyTorch peer in a process of its own with the same timing
 * method, then (unless `o.browser` is false) Neurite's W1 and W3 steps in
 * Chromium, and returns the report.
 */
export async function runBench(
  workloads: readonly Workload[],
  o: RunOptions,
): Promise<BenchReport> {
  const maxThreads = Math.max(1, ...workloads.flatMap((w) => w.neuriteThreads));
  const backend = await setUpNeurite(maxThreads);
  if (backend !== "wasm") o.log?.(`note: Neurite runs on its "${backend}" backend here`);
  await setUpTfjs();
  const measured: Map<string, number>[] = [];
  const allocs: (Omit<PerStep, "usPerStep"> | undefined)[] = [];
  for (const w of workloads) {
    o.log?.(`${w.id} ${w.title} ...`);
    measured.push(await measure(w, o));
    allocs.push(await allocation(w, o));
  }
  const peer =
    o.torch === false
      ? { absent: "turned off (--no-torch)" }
      : findTorchPython(o.torchCandidates ? [...o.torchCandidates] : undefined);
  let torchMs: Map<string, number> | undefined;
  if ("python" in peer) {
    o.log?.(`PyTorch ${peer.torch} (${peer.python}) ...`);
    const reply = runTorchPeer(peer.python, torchRequest(workloads, o), o.log);
    torchMs = new Map(Object.entries(reply.msPerCall));
  } else {
    o.log?.(`note: no PyTorch peer: ${peer.absent}`);
  }
  const perWorkload = workloads.map((w, i) => {
    const byThreads = torchMs
      ? new Map(
          [...torchMs]
            .filter(([key]) => key.startsWith(`${i}@`))
            .map(([key, ms]) => [Number(key.slice(key.indexOf("@") + 1)), ms]),
        )
      : undefined;
    return results(w, measured[i]!, allocs[i], byThreads?.size ? byThreads : undefined);
  });
  const browser =
    o.browser === false
      ? { absent: "turned off (--no-browser)" }
      : await browserSection(
          workloads,
          perWorkload,
          { rounds: o.rounds, sampleMs: o.sampleMs, warmMs: o.warmMs, warmCalls: o.warmCalls ?? 2 },
          o.log,
        );
  if ("absent" in browser) o.log?.(`note: no Chromium timings: ${browser.absent}`);
  return {
    machine: machine("python" in peer ? { torch: peer.torch, python: peer.python } : peer),
    options: { quick: o.quick, rounds: o.rounds, sampleMs: o.sampleMs },
    workloads: perWorkload.flat(),
    browser,
  };
}
