/** The implementations compared in one run. */
export type ImplName = "neurite" | "tfjs-cpu" | "tfjs-wasm";

/** Every implementation, Neurite first. */
export const IMPLS: readonly ImplName[] = ["neurite", "tfjs-cpu", "tfjs-wasm"];

/** The peers Neurite is compared with. */
export type PeerName = Exclude<ImplName, "neurite">;

/** One timed unit of work, with its inputs already in place. */
export interface Job {
  /** Does the work once; resolves when the result is available (peers: data read back). */
  run(): void | Promise<void>;
  /** Frees what the job allocated (tfjs tensors); not timed. */
  dispose(): void;
}

/** Parameters that identify a workload's size, e.g. `{ n: 512 }`. */
export type Params = Record<string, number>;

/**
 * A benchmark. The runner builds a {@link Job} per implementation on the same
 * data (same seeds), times `run()`, and converts the median time per call to
 * the workload's unit.
 */
export interface Workload {
  /** Short id, e.g. `"W4"`; Neurite runs with more threads get `-2t` appended. */
  id: string;
  /** What it measures, for the tables. */
  title: string;
  params: Params;
  unit: string;
  higherIsBetter: boolean;
  /** A detail of another workload (e.g. one matmul of W3): skipped by `--quick` unless named with `--only`. */
  detail?: boolean;
  /** Thread counts Neurite is measured with (each becomes its own result entry). */
  neuriteThreads: readonly number[];
  /** Converts a median time per call (ms) into `unit`. */
  score(msPerCall: number): number;
  /** Builds the job for one implementation (the implementation is already active). */
  build(impl: ImplName): Promise<Job> | Job;
  /**
   * For workloads made of training steps: how many steps one call runs and a
   * factory for one Neurite training step on the same model and data (used
   * to measure the bytes allocated per step; see `src/alloc.ts`).
   */
  perStep?: { stepsPerCall: number; step(): () => void };
  /** The same work for the optional PyTorch peer (`python/torch_peer.py`), timed at each of `neuriteThreads`. */
  torch?: TorchSpec;
  /**
   * Neurite's same work in Chromium (`src/browser/`), timed at each of
   * `neuriteThreads` and reported per training step next to Node's.
   */
  browser?: { spec: BrowserSpec; stepsPerCall: number };
}

/** What the browser bench page runs for a workload: a book fit (W1) or one MLP step (W3). */
export type BrowserSpec =
  | { kind: "fit"; data: "wine" | "boston"; epochs: number; batchSize: number }
  | { kind: "mlp"; batch: number };

/** What the PyTorch peer runs for a workload; mirrors the Neurite job of the same workload. */
export type TorchSpec =
  | { kind: "matmul"; m: number; k: number; n: number; transA?: boolean; transB?: boolean }
  | { kind: "mlp"; sizes: readonly number[]; batch: number }
  | { kind: "fit"; data: "wine" | "boston"; epochs: number; batchSize: number };

/** The PyTorch peer's numbers for one report line. */
export interface TorchResult {
  /** PyTorch's median in the workload's unit on one thread. */
  median1t: number;
  /** PyTorch's median on as many threads as this line's Neurite run. */
  median: number;
  /** Neurite ÷ PyTorch on one thread (> 1: Neurite faster); the targets are stated against it. */
  ratio1t: number;
  /** Neurite ÷ PyTorch on the same number of threads. */
  ratio: number;
}

/** Neurite's cost per training step in steady state. */
export interface PerStep {
  /** Median time per step in the timed run (µs): ms per call ÷ steps per call. */
  usPerStep: number;
  /** Median bytes allocated per step (young-generation JS objects + ArrayBuffer backing stores). */
  bytesPerStep: number;
  /** Of which ArrayBuffer backing stores (the data of typed arrays of 64 bytes and more). */
  arrayBufferBytesPerStep: number;
  /** How the bytes were measured. */
  method: string;
}

/** The JSON written by `pnpm bench --json` and to results/latest.json. */
export interface BenchReport {
  machine: Machine;
  options: { quick: boolean; rounds: number; sampleMs: number };
  workloads: WorkloadResult[];
  /** Neurite's time per step in Chromium next to Node's, or why it was not measured. */
  browser: BrowserSection;
}

/** The browser section of the report: measured, or absent with the reason. */
export type BrowserSection = BrowserResult | { absent: string };

/** Neurite's training steps timed in Chromium, in a Worker of a cross-origin isolated page. */
export interface BrowserResult {
  /** The browser's name and version, e.g. `"Chromium 140.0.7339.0"`. */
  browser: string;
  /** `crossOriginIsolated` in the Worker: shared memory, hence kernel threads, need it. */
  crossOriginIsolated: boolean;
  /** The backend that served matmul in the Worker (`"wasm"`, or `"cpu"` without SIMD). */
  backend: string;
  /** `navigator.hardwareConcurrency` in the Worker. */
  hardwareConcurrency: number;
  lines: BrowserLine[];
}

/** One workload line timed in Chromium. */
export interface BrowserLine {
  /** The id of the Node line it stands next to, e.g. `"W3-2t"`. */
  id: string;
  params: Params;
  /** Threads the kernels could use in the Worker (1 where the page is not isolated). */
  threads: number;
  /** Median µs per step in Chromium (median ms per call ÷ steps per call). */
  usPerStep: number;
  /** Node's µs per step on the same line of the same run. */
  nodeUsPerStep: number;
}

/** One line of the report. `speedup` > 1 means Neurite is faster. */
export interface WorkloadResult {
  id: string;
  title: string;
  params: Params;
  unit: string;
  higherIsBetter: boolean;
  median: Record<ImplName, number>;
  speedup: Record<PeerName, number>;
  /** Median milliseconds per call, for reference. */
  msPerCall: Record<ImplName, number>;
  /** Training workloads (W1, W3 at batch 128): Neurite's time and allocation per step. */
  perStep?: PerStep;
  /** Present when the run had the PyTorch peer. */
  pytorch?: TorchResult;
}

/** Where the numbers come from. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  node: string;
  v8: string;
  tfjs: string;
  /** PyTorch's version and the Python that ran it, or why the peer is absent. */
  pytorch: { torch: string; python: string } | { absent: string };
  date: string;
}
