import { Arena } from "./arena.js";
import { wasmBytes } from "./bytes.js";
import { mayBlock } from "./env.js";
import { CTL } from "./layout.js";
import { WorkerPool } from "./pool.js";
import { relaxedSimdSupported, sharedMemorySupported, simdSupported } from "./support.js";

/** The functions the kernel module exports (see assembly/index.ts). */
export interface KernelExports {
  heapBase(): number;
  begin(ctl: number, gen: number, op: number, n1: number, n2: number, maxThreads: number): void;
  work(ctl: number, gen: number, tid: number, canWait: number): void;
  join(ctl: number, gen: number, canWait: number): void;
  done(ctl: number): number;
}

/** A compiled and instantiated kernel module with its memory, arena and workers. */
export interface WasmRuntime {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** True when memory is shared, so worker threads can take part. */
  readonly shared: boolean;
  /** True when the module uses relaxed SIMD (fused multiply-add in matmul). */
  readonly relaxed: boolean;
  readonly exports: KernelExports;
  /** Address of the control block. */
  readonly ctl: number;
  readonly arena: Arena;
  /** Workers (null without shared memory). */
  readonly pool: WorkerPool | null;
  /** Generation of the last task. */
  gen: number;
  /** 1 if the calling thread may sleep while waiting for workers (not a browser's main thread). */
  readonly canWait: number;
}

/**
 * How long a worker polls for the next task before sleeping. Waking a sleeping
 * worker took ~150 µs (median; p90 up to 2 ms) on the 2-core bench VM, against
 * ~1 µs while it polls, and kernel calls in a training step come back to back.
 */
const WORKER_SPIN_MS = 0.5;
const PAGE = 65536;

let current: WasmRuntime | null = null;
let failed = false;

function createMemory(shared: boolean): WebAssembly.Memory {
  // Shared memory needs a maximum, reserved up front; try smaller ones if 4 GiB is refused.
  let last: unknown;
  for (const maximum of [65536, 16384, 4096]) {
    try {
      return new WebAssembly.Memory({ initial: 16, maximum, shared });
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

function setUp(
  module: WebAssembly.Module,
  instance: WebAssembly.Instance,
  { memory, shared, relaxed }: Prepared,
): WasmRuntime {
  const exports = instance.exports as unknown as KernelExports;
  const ctl = (exports.heapBase() + 63) & ~63;
  const arenaBase = (ctl + CTL.bytes + 63) & ~63;
  if (arenaBase > memory.buffer.byteLength)
    memory.grow(Math.ceil((arenaBase - memory.buffer.byteLength) / PAGE));
  const arena = new Arena(memory, arenaBase);
  const pool = shared ? new WorkerPool({ module, memory, ctl, spinMs: WORKER_SPIN_MS }) : null;
  const canWait = shared && mayBlock() ? 1 : 0;
  return { module, memory, shared, relaxed, exports, ctl, arena, pool, gen: 0, canWait };
}

/** What a load needs: the module's bytes, its memory, and which build they are. */
interface Prepared {
  bytes: Uint8Array;
  memory: WebAssembly.Memory;
  shared: boolean;
  relaxed: boolean;
}

/** The module's bytes and memory; null without SIMD, which fails the loads for good. */
function prepare(): Prepared | null {
  if (!simdSupported()) {
    failed = true;
    return null;
  }
  const shared = sharedMemorySupported();
  const relaxed = relaxedSimdSupported();
  return { bytes: wasmBytes(shared, relaxed), memory: createMemory(shared), shared, relaxed };
}

/**
 * Compiles and instantiates the kernels synchronously (Node, workers, and
 * browsers that allow it). Returns null, once and for all, if WebAssembly
 * SIMD is missing or compilation fails; browsers' main threads refuse
 * synchronous compilation of modules this size, so use {@link loadAsync} there.
 */
export function loadSync(): WasmRuntime | null {
  if (current || failed) return current;
  try {
    const p = prepare();
    if (!p) return null;
    const module = new WebAssembly.Module(p.bytes as BufferSource);
    const instance = new WebAssembly.Instance(module, { env: { memory: p.memory } });
    current = setUp(module, instance, p);
  } catch {
    // Not failed for good: an async load may still work (browser main thread).
  }
  return current;
}

/** Compiles and instantiates the kernels asynchronously; null if unsupported. */
export async function loadAsync(): Promise<WasmRuntime | null> {
  if (current || failed) return current;
  try {
    const p = prepare();
    if (!p) return null;
    const module = await WebAssembly.compile(p.bytes as BufferSource);
    const instance = await WebAssembly.instantiate(module, { env: { memory: p.memory } });
    current ??= setUp(module, instance, p);
  } catch {
    failed = true;
  }
  return current;
}

/** The loaded runtime, or null before loading (or if unsupported). */
export function loadedRuntime(): WasmRuntime | null {
  return current;
}
