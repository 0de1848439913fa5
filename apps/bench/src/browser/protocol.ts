/**
 * What Node asks of the browser bench page and what the page answers. The
 * page (`index.html`, `page.ts`) passes the request to its Worker
 * (`worker.ts`) and resolves with the Worker's reply.
 */
import type { SampleOptions } from "../timing.js";
import type { BrowserSpec } from "../types.js";

/** One timed job: a workload's browser spec at a thread count. */
export interface BrowserJob {
  key: string;
  threads: number;
  spec: BrowserSpec;
}

/** The timing options (the bench's method) and the jobs. */
export interface BrowserRequest {
  options: SampleOptions;
  jobs: BrowserJob[];
}

/** What the Worker measured, and where. */
export interface BrowserReply {
  /** `crossOriginIsolated` in the Worker. */
  crossOriginIsolated: boolean;
  /** The backend that serves matmul after `initWasm()`. */
  backend: string;
  /** `navigator.hardwareConcurrency` in the Worker. */
  hardwareConcurrency: number;
  /** Threads the kernels could use per job (1 without shared memory). */
  threads: Record<string, number>;
  /** Median milliseconds per call per job. */
  msPerCall: Record<string, number>;
}

/** The Worker's answer: the reply, or the error that stopped it. */
export type FromBenchWorker = { ok: true; reply: BrowserReply } | { ok: false; message: string };

/** The function the page exposes on `window` for Playwright to call. */
export type RunInBrowser = (request: BrowserRequest) => Promise<BrowserReply>;
