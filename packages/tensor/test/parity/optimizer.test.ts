import { beforeAll, describe, expect, it } from "vitest";
import type { Kernels } from "../../src/backend/kernels.js";
import { OPTIMIZER_THREADS_MIN, OPTIMIZER_WASM_MIN } from "../../src/backend/wasm/thresholds.js";
import {
  expectCoversThresholds,
  expectSameBits,
  generator,
  inMode,
  prepareThreads,
  rawWasmKernel,
  ref,
  SPECIALS,
  THREAD_MODES,
  uniformArray,
  wasmKernel,
} from "./helpers.js";

// Every optimizer kernel computes in float64 and rounds once per stored value,
// in the reference's order of operations: the WebAssembly versions must match
// it bit for bit (tolerance 0), NaN and infinities included.

// Below the threshold, odd lengths (scalar tails), one chunk, several chunks, threads.
const SIZES = [
  7,
  OPTIMIZER_WASM_MIN - 1,
  OPTIMIZER_WASM_MIN + 3,
  40_001,
  OPTIMIZER_THREADS_MIN + 5,
];

/** One kernel call of a case: `s` holds the state arrays (null where absent), `t` the step. */
type Step = (
  k: Kernels,
  p: Float32Array,
  g: Float32Array,
  s: (Float32Array | null)[],
  t: number,
) => void;

interface Case {
  name: string;
  /** Which state arrays exist (false: passed as null); their starting value. */
  state: (number | null)[];
  step: Step;
}

const adamScalars = (t: number, lr = 0.001) => ({
  a: (lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t),
  aTorch: lr / (1 - 0.9 ** t),
  cTorch: 1 / Math.sqrt(1 - 0.999 ** t),
});

const CASES: Case[] = [
  { name: "sgd", state: [null], step: (k, p, g) => k.sgd(p, g, null, 0.1, 0, 0, 0, false, false) },
  {
    name: "sgd momentum, dampening, l2",
    state: [0],
    step: (k, p, g, [b], t) => k.sgd(p, g, b!, 0.1, 0.9, 0.25, 0.01, false, t === 1),
  },
  {
    name: "sgd nesterov",
    state: [0],
    step: (k, p, g, [b], t) => k.sgd(p, g, b!, 0.05, 0.9, 0, 0, true, t === 1),
  },
  {
    name: "adam (Keras form)",
    state: [0, 0, null],
    step: (k, p, g, [m, v], t) =>
      k.adam(p, g, m!, v!, null, adamScalars(t).a, 1, 0.9, 0.999, 1e-7, 0, 1),
  },
  {
    name: "adam l2 (PyTorch form)",
    state: [0, 0, null],
    step: (k, p, g, [m, v], t) => {
      const s = adamScalars(t);
      k.adam(p, g, m!, v!, null, s.aTorch, s.cTorch, 0.9, 0.999, 1e-8, 0.01, 1);
    },
  },
  {
    name: "adamw amsgrad",
    state: [0, 0, 0],
    step: (k, p, g, [m, v, vMax], t) =>
      k.adam(p, g, m!, v!, vMax!, adamScalars(t).a, 1, 0.9, 0.999, 1e-7, 0, 1 - 0.001 * 0.01),
  },
  {
    name: "adamax l2",
    state: [0, 0],
    step: (k, p, g, [m, u], t) =>
      k.adamax(p, g, m!, u!, 0.002 / (1 - 0.9 ** t), 0.9, 0.999, 1e-8, 0.01),
  },
  {
    name: "nadam l2",
    state: [0, 0],
    step: (k, p, g, [m, v], t) =>
      k.nadam(p, g, m!, v!, 0.0011, 0.0017, 1 - 0.999 ** t, 0.9, 0.999, 1e-8, 0.01, 1),
  },
  {
    name: "nadam decoupled",
    state: [0, 0],
    step: (k, p, g, [m, v], t) =>
      k.nadam(p, g, m!, v!, 0.0011, 0.0017, 1 - 0.999 ** t, 0.9, 0.999, 1e-8, 0, 0.99998),
  },
  {
    name: "rmsprop",
    state: [0, null, null],
    step: (k, p, g, [sq]) => k.rmsprop(p, g, sq!, null, null, 0.01, 0.99, 1e-8, 0, 0),
  },
  {
    name: "rmsprop centered, momentum, l2",
    state: [0, 0, 0],
    step: (k, p, g, [sq, avg, buf]) => k.rmsprop(p, g, sq!, avg!, buf!, 0.01, 0.9, 1e-8, 0.01, 0.5),
  },
  {
    name: "adagrad l2",
    state: [0.1],
    step: (k, p, g, [sum], t) => k.adagrad(p, g, sum!, 0.01 / (1 + (t - 1) * 0.1), 1e-10, 0.01),
  },
  {
    name: "adadelta l2",
    state: [0, 0],
    step: (k, p, g, [sq, acc]) => k.adadelta(p, g, sq!, acc!, 1, 0.9, 1e-6, 0.01),
  },
];

interface Run {
  p: Float32Array;
  s: (Float32Array | null)[];
}

/** Three steps of a case on fresh copies of the same inputs. */
function run(c: Case, k: Kernels, p0: Float32Array, grads: Float32Array[]): Run {
  const p = p0.slice();
  const s = c.state.map((x) => (x === null ? null : new Float32Array(p0.length).fill(x)));
  grads.forEach((g, i) => {
    c.step(k, p, g, s, i + 1);
  });
  return { p, s };
}

function expectSameRun(got: Run, want: Run, what: string): void {
  expectSameBits(got.p, want.p, `${what} p`);
  got.s.forEach((a, i) => {
    if (a !== null) expectSameBits(a, want.s[i]!, `${what} state ${i}`);
  });
}

describe("wasm optimizer kernels match the reference bit for bit", () => {
  beforeAll(async () => {
    await prepareThreads();
  });

  it("covers sizes below and above the thresholds", () => {
    expectCoversThresholds(SIZES, OPTIMIZER_WASM_MIN, OPTIMIZER_THREADS_MIN);
  });

  const wasm = new Proxy({} as Kernels, {
    get: (_, name: keyof Kernels) => wasmKernel(name),
  });

  for (const c of CASES) {
    for (const n of SIZES) {
      it(`${c.name}, ${n} elements, every thread mode, three steps`, () => {
        const rand = generator(n * 31 + c.name.length);
        const p0 = uniformArray(n, rand, -1, 1);
        const grads = [0, 1, 2].map(() => uniformArray(n, rand, -2, 2));
        // Specials in a gradient and the parameter (NaN, ±Inf, ±0, subnormals, extremes).
        SPECIALS.forEach((x, i) => {
          if (2 * i + 1 < n) {
            grads[1]![2 * i] = x;
            p0[2 * i + 1] = x;
          }
        });
        const want = run(c, ref, p0, grads);
        let oneThread: Run | null = null;
        for (const mode of THREAD_MODES) {
          let got: Run | null = null;
          const counts = inMode(mode, () => {
            got = run(c, wasm, p0, grads);
          });
          expectSameRun(got!, want, mode.name);
          if (mode.threads === 1) oneThread = got;
          else expectSameRun(got!, oneThread!, `${mode.name} vs 1 thread`);
          if (mode.workerOnly && n >= OPTIMIZER_THREADS_MIN) expect(counts.main).toBe(0);
          if (n >= OPTIMIZER_WASM_MIN) expect(counts.main + counts.worker).toBeGreaterThan(0);
        }
      });
    }
  }

  it("declines float64 arrays and a float64 gradient for a float32 parameter", () => {
    const n = OPTIMIZER_WASM_MIN;
    const p64 = new Float64Array(n).fill(0.5);
    const g64 = new Float64Array(n).fill(0.1);
    const sgd = rawWasmKernel("sgd");
    expect(sgd(p64, g64, null, 0.1, 0, 0, 0, false, false)).toBe(false);
    expect(p64[0]).toBe(0.5);
    const p32 = new Float32Array(n).fill(0.5);
    expect(sgd(p32, g64, null, 0.1, 0, 0, 0, false, false)).toBe(false);
    expect(p32[0]).toBe(0.5);
    const adam = rawWasmKernel("adam");
    const m = new Float64Array(n);
    expect(adam(p64, g64, m, m.slice(), null, 0.001, 1, 0.9, 0.999, 1e-7, 0, 1)).toBe(false);
  });
});
