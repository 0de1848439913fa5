import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TorchSpec } from "../types.js";

/** A Python interpreter that imports torch. */
export interface TorchPython {
  python: string;
  torch: string;
}

/** Where `findTorchPython` looks, in order, unless told otherwise. */
export function defaultCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  // Debian's python3-torch lives in the system Python, which a pyenv or venv
  // `python3` earlier on the PATH would hide: try /usr/bin/python3 too.
  return env.NEURITE_BENCH_PYTHON
    ? [env.NEURITE_BENCH_PYTHON]
    : ["python3", "/usr/bin/python3", "python"];
}

/**
 * The first candidate that runs and imports torch, or why none did. Each
 * probe is one short `python -c "import torch"`.
 */
export function findTorchPython(
  candidates: readonly string[] = defaultCandidates(),
): TorchPython | { absent: string } {
  const tried: string[] = [];
  for (const python of candidates) {
    const r = spawnSync(python, ["-c", "import torch; print(torch.__version__)"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    if (r.status === 0) return { python, torch: r.stdout.trim() };
    tried.push(
      `${python}: ${r.error ? r.error.message : (r.stderr.trim().split("\n").pop() ?? "")}`,
    );
  }
  return { absent: `no Python with torch (${tried.join("; ")})` };
}

/** One timed job of the peer: a workload's spec at a thread count. */
export interface TorchJob {
  key: string;
  threads: number;
  spec: TorchSpec;
}

/** Everything the peer process needs: the timing options, the jobs, the book's data. */
export interface TorchRequest {
  options: { quick: boolean; rounds: number; sampleMs: number; warmMs: number; warmCalls: number };
  jobs: TorchJob[];
  data: Record<string, { x: number[]; y: number[]; shape: number[] }>;
}

/** What the peer prints. */
export interface TorchReply {
  torch: string;
  python: string;
  msPerCall: Record<string, number>;
}

const script = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "python", "torch_peer.py");

/**
 * Runs `python/torch_peer.py` (synchronously: the Node side is idle
 * meanwhile, so the two never compete for the cores) and returns its
 * milliseconds per call by job key. One process per thread count: the BLAS
 * under PyTorch (OpenBLAS, MKL) takes its thread count from the environment
 * at load time, and `torch.set_num_threads` alone does not limit it. Progress
 * lines go to `log`.
 */
export function runTorchPeer(
  python: string,
  request: TorchRequest,
  log?: (line: string) => void,
): TorchReply {
  const byThreads = new Map<number, TorchJob[]>();
  for (const job of request.jobs)
    byThreads.set(job.threads, [...(byThreads.get(job.threads) ?? []), job]);
  let reply: TorchReply | undefined;
  for (const [threads, jobs] of byThreads) {
    const n = String(threads);
    const part = runOnce(
      python,
      { ...request, jobs },
      {
        ...process.env,
        OMP_NUM_THREADS: n,
        OPENBLAS_NUM_THREADS: n,
        MKL_NUM_THREADS: n,
      },
      log,
    );
    reply = reply ? { ...reply, msPerCall: { ...reply.msPerCall, ...part.msPerCall } } : part;
  }
  return reply ?? { torch: "", python, msPerCall: {} };
}

function runOnce(
  python: string,
  request: TorchRequest,
  env: NodeJS.ProcessEnv,
  log?: (line: string) => void,
): TorchReply {
  const r = spawnSync(python, [script], {
    input: JSON.stringify(request),
    encoding: "utf8",
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const line of (r.stderr ?? "").split("\n")) if (line) log?.(line);
  if (r.status !== 0) {
    throw new Error(
      `bench: the PyTorch peer (${python} ${script}) failed with exit ${r.status}: ${r.error?.message ?? r.stderr.trim().split("\n").pop()}`,
    );
  }
  const reply = JSON.parse(r.stdout) as TorchReply;
  for (const job of request.jobs) {
    const ms = reply.msPerCall[job.key];
    if (!(typeof ms === "number" && ms > 0)) {
      throw new Error(`bench: the PyTorch peer gave no time for ${job.key} (got ${String(ms)})`);
    }
  }
  return reply;
}
