import { bytesPerStep } from "./alloc.js";
import { setUpNeurite, useNeuriteThreads } from "./impls/neurite.js";
import { setUpTfjs, useTfjs } from "./impls/tfjs.js";
import { machine } from "./machine.js";
import { median, timeCalls, warmUp } from "./timing.js";
import type {
  BenchReport,
  ImplName,
  PeerName,
  PerStep,
  Workload,
  WorkloadResult,
} from "./types.js";

/** How long and how often to measure. */
export interface RunOptions {
  quick: boolean;
  /** Rounds; each round times every implementation once, in rotating order. */
  rounds: number;
  /** Minimum duration of one timed sample (calls are batched up to it). */
  sampleMs: number;
  /** Minimum warm-up per implementation and workload. */
  warmMs: number;
  /** Minimum warm-up calls (default 2). */
  warmCalls?: number;
  /** Progress lines (to stderr in the CLI). */
  log?: (line: string) => void;
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

/** Times one variant once: build its job (untimed), one batched sample, dispose. */
async function sample(w: Workload, v: Variant, calls: number): Promise<number> {
  await activate(v);
  const job = await w.build(v.impl);
  try {
    return await timeCalls(job, calls);
  } finally {
    job.dispose();
  }
}

/** With --quick, a warm-up call at least this long (ms) also serves as a sample. */
const QUICK_REUSE_MS = 1000;

/** Measures one workload; returns the median ms per call of each variant. */
async function measure(w: Workload, o: RunOptions): Promise<Map<string, number>> {
  const variants = variantsOf(w);
  const calls = new Map<string, number>();
  const samples = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  for (const v of variants) {
    await activate(v);
    const job = await w.build(v.impl);
    try {
      const ms = await warmUp(job, o.warmMs, o.warmCalls ?? 2);
      calls.set(v.key, Math.max(1, Math.round(o.sampleMs / Math.max(ms, 1e-3))));
      // --quick: a single warm call of a second or more (tfjs-cpu's fits, its
      // 1024 matmul) already ran warm code after its first steps; it counts as
      // the first sample, which keeps --quick under a minute.
      if (o.quick && ms >= QUICK_REUSE_MS) samples.get(v.key)!.push(ms);
    } finally {
      job.dispose();
    }
  }
  for (let round = 0; round < o.rounds; round++) {
    // Rotate the order so no implementation always runs first (or right after another).
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + round) % variants.length]!;
      const xs = samples.get(v.key)!;
      if (xs.length >= o.rounds) continue;
      xs.push(await sample(w, v, calls.get(v.key)!));
    }
  }
  return new Map([...samples].map(([key, xs]) => [key, median(xs)]));
}

/** Expands one workload's medians into report lines: one per Neurite thread count. */
function results(
  w: Workload,
  ms: Map<string, number>,
  alloc: Omit<PerStep, "usPerStep"> | undefined,
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
    const ratio = (peer: PeerName) =>
      w.higherIsBetter ? median.neurite / median[peer] : median[peer] / median.neurite;
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

/**
 * Runs `workloads` for Neurite and both TensorFlow.js backends in one process,
 * alternating implementations round by round, and returns the report.
 */
export async function runBench(
  workloads: readonly Workload[],
  o: RunOptions,
): Promise<BenchReport> {
  const maxThreads = Math.max(1, ...workloads.flatMap((w) => w.neuriteThreads));
  const backend = await setUpNeurite(maxThreads);
  if (backend !== "wasm") o.log?.(`note: Neurite runs on its "${backend}" backend here`);
  await setUpTfjs();
  const lines: WorkloadResult[] = [];
  for (const w of workloads) {
    o.log?.(`${w.id} ${w.title} ...`);
    const ms = await measure(w, o);
    lines.push(...results(w, ms, await allocation(w, o)));
  }
  return {
    machine: machine(),
    options: { quick: o.quick, rounds: o.rounds, sampleMs: o.sampleMs },
    workloads: lines,
  };
}
