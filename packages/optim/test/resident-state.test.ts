import { Parameter } from "@neurite/autograd";
import { cpuBackend, registerBackend, Tensor, unregisterBackend } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { Adam, RMSprop, SGD } from "../src/index.js";
import { liveStateOf } from "../src/optimizer.js";
import { firstDifference, seededValues } from "./helpers.js";

// Large float32 state lives in WebAssembly memory (the wasm backend's
// allocState); these check that nothing a user sees depends on it.

const N = 6000; // above the wasm update threshold (4096)

const values = seededValues;

function param(seed: number, Type: typeof Float32Array | typeof Float64Array = Float32Array) {
  return new Parameter(new Tensor(values(N, seed, Type), [N]));
}

/** Runs `fn` with state allocated as ordinary arrays (the reference hook in front). */
function withPlainState<T>(fn: () => T): T {
  registerBackend(
    { name: "plain-state", kernels: { allocState: cpuBackend.kernels.allocState } },
    { priority: 1000 },
  );
  try {
    return fn();
  } finally {
    unregisterBackend("plain-state");
  }
}

describe("optimizer state resident in WebAssembly memory", () => {
  it("float32 state is resident; the steps equal those on ordinary arrays bit for bit", () => {
    const run = () => {
      const p = param(1);
      const opt = new Adam([p], { amsgrad: true });
      for (let t = 0; t < 3; t++) {
        p.grad = new Tensor(values(N, 10 + t, Float32Array), [N]);
        opt.step();
      }
      return { p, opt };
    };
    const resident = run();
    const plain = withPlainState(run);
    const buffers = liveStateOf(resident.opt, resident.p)!.buffers;
    const plainBuffers = liveStateOf(plain.opt, plain.p)!.buffers;
    expect(buffers.expAvg!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(plainBuffers.expAvg!.buffer).toBeInstanceOf(ArrayBuffer);
    expect(firstDifference(resident.p.value.data, plain.p.value.data)).toBe(-1);
    for (const name of ["expAvg", "expAvgSq", "maxExpAvgSq"]) {
      expect(firstDifference(buffers[name]!, plainBuffers[name]!)).toBe(-1);
    }
  });

  it("stateDict round-trips through JSON and loads back into resident state", () => {
    const p = param(2);
    const opt = new RMSprop([p], { momentum: 0.9, centered: true });
    p.grad = new Tensor(values(N, 3, Float32Array), [N]);
    opt.step();
    const saved = JSON.parse(JSON.stringify(opt.stateDict()));
    const q = new Parameter(p.value.clone());
    const restored = new RMSprop([q]);
    restored.loadStateDict(saved);
    expect(liveStateOf(restored, q)!.buffers.squareAvg!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(restored.stateDict()).toEqual(opt.stateDict());
    // Both continue identically.
    const g = values(N, 4, Float32Array);
    p.grad = new Tensor(g, [N]);
    q.grad = new Tensor(g.slice(), [N]);
    opt.step();
    restored.step();
    expect(firstDifference(q.value.data, p.value.data)).toBe(-1);
  });

  it("two optimizers at once keep separate state", () => {
    const a = param(5);
    const b = param(6);
    const optA = new SGD([a], { lr: 0.1, momentum: 0.9 });
    const optB = new Adam([b]);
    const ga = values(N, 7, Float32Array);
    const gb = values(N, 8, Float32Array);
    const run = (pa: Parameter, pb: Parameter, oa: SGD, ob: Adam) => {
      for (let t = 0; t < 3; t++) {
        pa.grad = new Tensor(ga, [N]);
        pb.grad = new Tensor(gb, [N]);
        oa.step();
        ob.step();
      }
    };
    run(a, b, optA, optB);
    const [a2, b2, oa2, ob2] = withPlainState(() => {
      const x = param(5);
      const y = param(6);
      return [x, y, new SGD([x], { lr: 0.1, momentum: 0.9 }), new Adam([y])] as const;
    });
    run(a2, b2, oa2, ob2);
    expect(firstDifference(a.value.data, a2.value.data)).toBe(-1);
    expect(firstDifference(b.value.data, b2.value.data)).toBe(-1);
    expect(liveStateOf(optA, a)!.buffers.momentumBuffer!.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it("stateOf hands out copies: no user ever holds a view of a reusable block", () => {
    const p = param(11);
    const opt = new Adam([p]);
    p.grad = new Tensor(values(N, 12, Float32Array), [N]);
    opt.step();
    const live = liveStateOf(opt, p)!;
    expect(live.buffers.expAvg!.buffer).toBeInstanceOf(SharedArrayBuffer);
    const seen = opt.stateOf(p)!;
    for (const name of ["expAvg", "expAvgSq"]) {
      const copy = seen.buffers[name]!;
      expect(copy.buffer).toBeInstanceOf(ArrayBuffer);
      expect(copy).not.toBe(live.buffers[name]);
      expect(firstDifference(copy, live.buffers[name]!)).toBe(-1);
    }
    // A snapshot: a later step leaves it as it was, and writing to it changes nothing.
    const before = seen.buffers.expAvg!.slice();
    seen.buffers.expAvg!.fill(7);
    p.grad = new Tensor(values(N, 13, Float32Array), [N]);
    opt.step();
    expect(seen.step).toBe(1);
    expect(opt.stateOf(p)!.step).toBe(2);
    expect(live.buffers.expAvg![0]).not.toBe(7);
    expect(firstDifference(opt.stateOf(p)!.buffers.expAvg!, before)).not.toBe(-1);
  });

  it("float64 parameters keep ordinary float64 state (the reference path)", () => {
    const p = param(9, Float64Array);
    const opt = new Adam([p]);
    p.grad = new Tensor(values(N, 10, Float64Array), [N]);
    opt.step();
    const m = liveStateOf(opt, p)!.buffers.expAvg!;
    expect(m).toBeInstanceOf(Float64Array);
    expect(m.buffer).toBeInstanceOf(ArrayBuffer);
  });
});
