import type { BrowserJob, BrowserRequest } from "./browser/protocol.js";
import { runInChromium } from "./impls/browser.js";
import type { SampleOptions } from "./timing.js";
import type { BrowserSection, Workload, WorkloadResult } from "./types.js";

/** The page's request: each workload with a browser spec, at each of its Neurite thread counts. */
export function browserRequest(
  workloads: readonly Workload[],
  options: SampleOptions,
): BrowserRequest {
  const jobs: BrowserJob[] = [];
  workloads.forEach((w, i) => {
    if (!w.browser) return;
    for (const threads of w.neuriteThreads)
      jobs.push({ key: `${i}@${threads}`, threads, spec: w.browser.spec });
  });
  return { options, jobs };
}

/**
 * Times the workloads that have a browser version (W1, W3 at batch 128) in
 * Chromium, in a Worker of a cross-origin isolated page, and sets each next
 * to Node's time per step on the same report line. `nodeLines[i]` are the
 * report lines of `workloads[i]`, one per Neurite thread count. Where
 * Chromium cannot start, the section says why.
 */
export async function browserSection(
  workloads: readonly Workload[],
  nodeLines: readonly (readonly WorkloadResult[])[],
  options: SampleOptions,
  log?: (line: string) => void,
): Promise<BrowserSection> {
  const request = browserRequest(workloads, options);
  if (request.jobs.length === 0)
    return { absent: "no workload of this run has a browser version (W1 and W3 at batch 128 do)" };
  const run = await runInChromium(request, log);
  if ("absent" in run) return run;
  const { reply } = run;
  const lines = workloads.flatMap((w, i) => {
    const steps = w.browser?.stepsPerCall;
    if (steps === undefined) return [];
    return w.neuriteThreads.map((threads, t) => {
      const key = `${i}@${threads}`;
      const node = nodeLines[i]![t]!;
      return {
        id: node.id,
        params: node.params,
        threads: reply.threads[key] ?? 1,
        usPerStep: (reply.msPerCall[key]! * 1000) / steps,
        nodeUsPerStep: (node.msPerCall.neurite * 1000) / steps,
      };
    });
  });
  return {
    browser: run.browser,
    crossOriginIsolated: reply.crossOriginIsolated,
    backend: reply.backend,
    hardwareConcurrency: reply.hardwareConcurrency,
    lines,
  };
}
