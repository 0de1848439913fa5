/**
 * The bench page's Worker: a module Worker like the playground's training
 * worker, which loads the WebAssembly kernels with `initWasm()` and trains
 * there. It times Neurite's own training code (the same modules `pnpm bench`
 * times in Node) with the bench's timing method.
 */
import { getNumThreads, kernelOwner } from "@neurite/tensor";
import { setUpNeurite, useNeuriteThreads } from "../impls/neurite.js";
import { measureAlternating } from "../timing.js";
import type { BrowserSpec, Job } from "../types.js";
import { neuriteFit, neuriteMlpStep } from "../workloads/neurite-training.js";
import type { BrowserJob, BrowserReply, BrowserRequest, FromBenchWorker } from "./protocol.js";

/** Kernel threads available here: shared memory (hence threads) needs cross-origin isolation. */
function usableThreads(): number {
  return globalThis.crossOriginIsolated ? getNumThreads() : 1;
}

function build(spec: BrowserSpec): Job {
  const run = spec.kind === "fit" ? neuriteFit(spec) : neuriteMlpStep(spec.batch);
  return { run, dispose: () => {} };
}

/** Sets the job's thread count (the kernel threads stay up, as in Node) and builds its job. */
function start(job: BrowserJob, threads: Record<string, number>): Job {
  useNeuriteThreads(job.threads);
  threads[job.key] = usableThreads();
  return build(job.spec);
}

async function run(request: BrowserRequest): Promise<BrowserReply> {
  // As in Node: the kernels and the most threads any job uses, started once up front.
  await setUpNeurite(Math.max(1, ...request.jobs.map((j) => j.threads)));
  const threads: Record<string, number> = {};
  const ms = await measureAlternating(
    request.jobs.map((job) => ({ key: job.key, start: () => start(job, threads) })),
    request.options,
  );
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    backend: kernelOwner("matmul"),
    hardwareConcurrency: navigator.hardwareConcurrency,
    threads,
    msPerCall: Object.fromEntries(ms),
  };
}

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<BrowserRequest>) => {
  run(e.data).then(
    (reply) => scope.postMessage({ ok: true, reply } satisfies FromBenchWorker),
    (err: unknown) =>
      scope.postMessage({
        ok: false,
        message: err instanceof Error ? err.message : String(err),
      } satisfies FromBenchWorker),
  );
};
