/**
 * The training worker: receives start / pause / step / reset messages, trains
 * in short slices (so it keeps reading messages), and posts progress with a
 * grid of predictions at a throttled rate. The loop itself
 * ({@link createTrainingLoop}) takes its host as an argument, so tests drive
 * it without a worker.
 */
import { getNumThreads, initWasm, kernelOwner } from "@neurite/tensor";
import type { CustomData, FromWorker, ToWorker } from "./protocol.js";
import type { Settings } from "./state.js";
import { GRID_SIZE, PlaygroundTrainer } from "./trainer.js";

/** What the loop needs from its surroundings. */
export interface LoopHost {
  /** Sends a message to the page (transferring the listed buffers). */
  post(message: FromWorker, transfer: Transferable[]): void;
  /** Runs `fn` after `delayMs` (default 0: soon, after any messages already waiting). */
  defer(fn: () => void, delayMs?: number): void;
  /** Milliseconds from a monotonic clock. */
  now(): number;
}

/** Timing of the loop. */
export interface LoopOptions {
  /** Milliseconds of training between two looks at the message queue (default 12). */
  sliceMs?: number;
  /** Least milliseconds between two progress messages while running (default 100). */
  reportMs?: number;
  /** Cells per side of the prediction grid (default {@link GRID_SIZE}). */
  gridSize?: number;
  /** Iterations per second while running, 0 for as fast as possible (default 0). */
  stepsPerSecond?: number;
}

/**
 * The worker's message handler. `configure` builds a new run (paused) and
 * answers `ready` plus a first `progress`; `start` trains until `pause` (or
 * until the run ends: epoch limit, early stopping, divergence);
 * `step` trains one mini-batch while paused; `reset` rebuilds the same run
 * under a new id; `speed` caps the iterations per second; `export` answers
 * `model` with the trained model's bytes (safetensors or ONNX). Errors become
 * `error` messages, never exceptions. The speed only spaces the steps out in
 * time: the numbers of a run do not depend on it.
 */
export function createTrainingLoop(
  host: LoopHost,
  options: LoopOptions = {},
): (message: ToWorker) => void {
  const sliceMs = options.sliceMs ?? 12;
  const reportMs = options.reportMs ?? 100;
  const gridSize = options.gridSize ?? GRID_SIZE;
  let trainer: PlaygroundTrainer | null = null;
  let settings: Settings | null = null;
  let data: CustomData | undefined;
  let run = 0;
  let running = false;
  let scheduled = false;
  let sentCurve = 0;
  let lastReport = Number.NEGATIVE_INFINITY;
  let speed = options.stepsPerSecond ?? 0;
  // Steps taken since `paceStart`, to keep to `speed` on average.
  let paceStart = 0;
  let paceSteps = 0;

  function resetPace(): void {
    paceStart = host.now();
    paceSteps = 0;
  }

  function fail(e: unknown): void {
    running = false;
    trainer = null;
    host.post({ type: "error", run, message: e instanceof Error ? e.message : String(e) }, []);
  }

  function report(): void {
    if (!trainer) return;
    const progress = trainer.progress();
    const curve = trainer.curve.slice(sentCurve);
    sentCurve = trainer.curve.length;
    const probabilities = trainer.predictGrid(gridSize);
    const predictions = trainer.predictValidation();
    lastReport = host.now();
    host.post(
      {
        type: "progress",
        run,
        running,
        progress,
        curve,
        probabilities,
        grid: gridSize,
        predictions,
      },
      [probabilities.buffer, predictions.buffer],
    );
  }

  function build(id: number, s: Settings, custom: CustomData | undefined): void {
    run = id;
    settings = s;
    data = custom;
    running = false;
    sentCurve = 0;
    try {
      trainer = new PlaygroundTrainer(s, custom);
    } catch (e) {
      fail(e);
      return;
    }
    host.post({ type: "ready", run, info: trainer.info }, []);
    report();
  }

  /** Steps allowed now at the current speed (unbounded at speed 0). */
  function allowance(): number {
    if (speed <= 0) return Number.POSITIVE_INFINITY;
    return Math.floor(((host.now() - paceStart) * speed) / 1000) + 1 - paceSteps;
  }

  function tick(): void {
    scheduled = false;
    if (!running || !trainer) return;
    try {
      const t0 = host.now();
      let budget = allowance();
      while (running && budget > 0) {
        trainer.step();
        paceSteps++;
        budget--;
        if (trainer.finished) running = false;
        if (host.now() - t0 >= sliceMs) break;
      }
      if (!running || host.now() - lastReport >= reportMs) report();
    } catch (e) {
      fail(e);
      return;
    }
    schedule();
  }

  function schedule(): void {
    if (!running || scheduled) return;
    scheduled = true;
    // At a capped speed, sleep until the next step is due instead of spinning.
    const wait = speed > 0 && allowance() <= 0 ? Math.max(1, 1000 / speed) : 0;
    host.defer(tick, wait);
  }

  return (message) => {
    switch (message.type) {
      case "configure":
        build(message.run, message.settings, message.data);
        break;
      case "reset":
        if (settings) build(message.run, settings, data);
        break;
      case "export":
        if (trainer && message.run === run) {
          try {
            const bytes = message.format === "onnx" ? trainer.exportOnnx() : trainer.exportModel();
            host.post({ type: "model", run, format: message.format, bytes, epoch: trainer.epoch }, [
              bytes.buffer,
            ]);
          } catch (e) {
            fail(e);
          }
        }
        break;
      case "start":
        if (trainer && !trainer.finished && !running) {
          running = true;
          resetPace();
          report();
          schedule();
        }
        break;
      case "pause":
        if (running) {
          running = false;
          report();
        }
        break;
      case "speed":
        speed = Number.isFinite(message.stepsPerSecond) ? Math.max(0, message.stepsPerSecond) : 0;
        resetPace();
        break;
      case "step":
        if (trainer && !running) {
          try {
            trainer.step();
            report();
          } catch (e) {
            fail(e);
          }
        }
        break;
    }
  };
}

/** Wires the loop to this worker: a MessageChannel yields between slices. */
function startWorker(scope: DedicatedWorkerGlobalScope): void {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  const handle = createTrainingLoop({
    post: (message, transfer) => scope.postMessage(message, transfer),
    defer: (fn, delayMs = 0) => {
      if (delayMs > 0) {
        setTimeout(fn, delayMs);
        return;
      }
      queue.push(fn);
      channel.port2.postMessage(null);
    },
    now: () => performance.now(),
  });
  // The WebAssembly kernels if this browser has SIMD, else the TypeScript ones.
  const ready = initWasm()
    .catch(() => false)
    .then(() =>
      scope.postMessage({
        type: "hello",
        backend: kernelOwner("matmul"),
        // Worker threads need shared memory, which browsers give only to isolated pages.
        threads: globalThis.crossOriginIsolated ? getNumThreads() : 1,
      }),
    );
  scope.onmessage = (e: MessageEvent<ToWorker>) => {
    void ready.then(() => handle(e.data));
  };
}

if (typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope)
  startWorker(globalThis as unknown as DedicatedWorkerGlobalScope);
