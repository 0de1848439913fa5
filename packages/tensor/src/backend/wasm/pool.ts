import { nodeBuiltin } from "./env.js";
import { WORKER_SOURCE } from "./worker-source.js";

/** What a worker needs: the compiled kernels, the shared memory and its thread id. */
export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Address of the control block. */
  ctl: number;
  /** Thread id, 1 and up (0 is the calling thread). */
  tid: number;
  /** Milliseconds a worker keeps polling for the next task before it sleeps. */
  spinMs: number;
}

interface AnyWorker {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

interface NodeWorker extends AnyWorker {
  unref(): void;
  on(event: "error" | "exit" | "message", listener: (arg: unknown) => void): void;
}

interface WorkerThreads {
  Worker: new (source: string, options: { eval: true; name?: string }) => NodeWorker;
}

interface WebWorker extends AnyWorker {
  onerror: ((e: unknown) => void) | null;
  onmessage: ((e: { data: unknown }) => void) | null;
}

/**
 * Starts one kernel worker: a Node worker thread (unref'd once ready, so it
 * never keeps the process alive) or, in a browser, a Web Worker. Returns null where
 * neither exists. `onReady` runs once the worker has instantiated the kernels,
 * `onFail` if it dies.
 */
function spawn(init: WorkerInit, onReady: () => void, onFail: () => void): AnyWorker | null {
  const threads = nodeBuiltin<WorkerThreads>("node:worker_threads");
  if (threads) {
    const worker = new threads.Worker(WORKER_SOURCE, { eval: true, name: `neurite-${init.tid}` });
    // Referenced until it is ready (so awaiting readiness keeps the process up),
    // then unref'd: an idle kernel worker never keeps the process alive.
    worker.on("error", () => {
      worker.unref();
      onFail();
    });
    worker.on("message", () => {
      worker.unref();
      onReady();
    });
    worker.postMessage(init);
    return worker;
  }
  const g = globalThis as {
    Worker?: new (url: string) => WebWorker;
    Blob?: typeof Blob;
    URL?: typeof URL;
  };
  if (typeof g.Worker !== "function" || !g.Blob || !g.URL?.createObjectURL) return null;
  const url = g.URL.createObjectURL(new g.Blob([WORKER_SOURCE], { type: "text/javascript" }));
  const worker = new g.Worker(url);
  worker.onerror = onFail;
  worker.onmessage = onReady;
  worker.postMessage(init);
  return worker;
}

/**
 * The kernel workers of one WebAssembly runtime. Workers start
 * asynchronously; until one is running, the calling thread simply does its
 * share of the chunks too, so a kernel call never waits for a worker to boot.
 */
export class WorkerPool {
  private workers: { worker: AnyWorker; ready: boolean }[] = [];
  private broken = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly base: Omit<WorkerInit, "tid">) {}

  /** Workers that have started and instantiated the kernels. */
  get ready(): number {
    let n = 0;
    for (const w of this.workers) if (w.ready) n++;
    return n;
  }

  /**
   * Makes sure `count` workers exist (thread ids 1..count) and stops any
   * beyond that. Returns false when workers cannot be used here.
   */
  resize(count: number): boolean {
    while (this.workers.length > count) this.workers.pop()?.worker.terminate();
    if (this.broken) return false;
    while (this.workers.length < count) {
      const entry = { worker: null as unknown as AnyWorker, ready: false };
      const worker = spawn(
        { ...this.base, tid: this.workers.length + 1 },
        () => {
          entry.ready = true;
          this.notify();
        },
        () => {
          // A worker that fails to start or crashes is not replaced: its chunks are
          // taken by the other threads, so calls still finish, only slower.
          this.broken = true;
          this.notify();
        },
      );
      if (!worker) {
        this.broken = true;
        return false;
      }
      entry.worker = worker;
      this.workers.push(entry);
    }
    return true;
  }

  /** Resolves once every worker started so far is ready (or the pool broke). */
  whenReady(): Promise<void> {
    if (this.broken || this.workers.every((w) => w.ready)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private notify(): void {
    if (!this.broken && !this.workers.every((w) => w.ready)) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
