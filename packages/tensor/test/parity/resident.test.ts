import { beforeAll, describe, expect, it } from "vitest";
import { residentAddress, residentArray } from "../../src/backend/wasm/resident.js";
import type { WasmRuntime } from "../../src/backend/wasm/runtime.js";
import { OPTIMIZER_THREADS_MIN, OPTIMIZER_WASM_MIN } from "../../src/backend/wasm/thresholds.js";
import {
  expectSameBits,
  generator,
  inMode,
  prepareThreads,
  rawWasmKernel,
  ref,
  THREAD_MODES,
  uniformArray,
} from "./helpers.js";

// Optimizer state resident in WebAssembly memory: the update kernels use it
// in place, with results bit-identical to the reference on ordinary arrays.

let rt: WasmRuntime;

describe("resident optimizer state", () => {
  beforeAll(async () => {
    rt = await prepareThreads();
  });

  it("allocState places large float32 state in shared WebAssembly memory, zero- or value-filled", () => {
    expect(rt.shared).toBe(true);
    const out: (Float32Array | Float64Array)[] = [];
    const like = new Float32Array(OPTIMIZER_WASM_MIN);
    expect(rawWasmKernel("allocState")(like, 0.5, out)).toBeUndefined();
    const a = out[0] as Float32Array;
    expect(a.length).toBe(like.length);
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(residentAddress(a)).toBe(a.byteOffset);
    expect(a.every((x) => x === 0.5)).toBe(true);
  });

  it("declines float64 state and small parameters (the reference allocates them)", () => {
    const alloc = rawWasmKernel("allocState");
    const out: (Float32Array | Float64Array)[] = [];
    expect(alloc(new Float64Array(OPTIMIZER_WASM_MIN), 0, out)).toBe(false);
    expect(alloc(new Float32Array(OPTIMIZER_WASM_MIN - 1), 0, out)).toBe(false);
    expect(out).toHaveLength(0);
    expect(residentAddress(new Float32Array(OPTIMIZER_WASM_MIN))).toBe(-1);
  });

  it("unshared memory gets no resident state (its growth would detach the views)", () => {
    const unshared = { ...rt, shared: false };
    expect(residentArray(unshared, OPTIMIZER_WASM_MIN)).toBeNull();
  });

  it("two resident arrays never overlap, and the arena's scratch stays clear of them", () => {
    const a = residentArray(rt, 5000)!;
    const b = residentArray(rt, 5000)!;
    expect(
      b.byteOffset >= a.byteOffset + a.byteLength || a.byteOffset >= b.byteOffset + b.byteLength,
    ).toBe(true);
    a.fill(1);
    b.fill(2);
    rt.arena.reset();
    const scratch = rt.arena.alloc(100_000);
    rt.arena.views().f32.fill(-1, scratch >> 2, (scratch >> 2) + 100_000);
    expect(a.every((x) => x === 1) && b.every((x) => x === 2)).toBe(true);
  });

  it("survives memory growth: values intact, kernels still use it in place", () => {
    const n = OPTIMIZER_WASM_MIN + 9;
    const rand = generator(7);
    const m = residentArray(rt, n)!;
    const v = residentArray(rt, n)!;
    const mRef = uniformArray(n, rand, -1, 1);
    const vRef = uniformArray(n, rand, 0, 1);
    m.set(mRef);
    v.set(vRef);
    const before = rt.memory.buffer.byteLength;
    // Scratch beyond the current memory forces growth.
    rt.arena.reset();
    expect(rt.arena.alloc(before / 4 + 65536)).toBeGreaterThan(0);
    expect(rt.memory.buffer.byteLength).toBeGreaterThan(before);
    expectSameBits(m, mRef, "m after growth");
    expectSameBits(v, vRef, "v after growth");
    const p0 = uniformArray(n, rand, -1, 1);
    const g = uniformArray(n, rand, -1, 1);
    const p = p0.slice();
    const pRef = p0.slice();
    rawWasmKernel("adam")(p, g, m, v, null, 0.01, 1, 0.9, 0.999, 1e-7, 0, 1);
    ref.adam(pRef, g, mRef, vRef, null, 0.01, 1, 0.9, 0.999, 1e-7, 0, 1);
    expectSameBits(p, pRef, "p");
    expectSameBits(m, mRef, "m");
    expectSameBits(v, vRef, "v");
  });

  for (const mode of THREAD_MODES) {
    it(`every update kernel on resident state matches the reference (${mode.name})`, () => {
      const n = OPTIMIZER_THREADS_MIN + 3;
      const rand = generator(mode.threads + (mode.workerOnly ? 10 : 0));
      const p0 = uniformArray(n, rand, -1, 1);
      const g = uniformArray(n, rand, -1, 1);
      const fill = (a: Float32Array, x: number) => {
        a.fill(x);
        return a;
      };
      const res = (x: number) => fill(residentArray(rt, n)!, x);
      const plain = (x: number) => fill(new Float32Array(n), x);
      type Arr = Float32Array;
      const calls: [string, number[], (k: typeof ref, p: Arr, s: Arr[]) => void][] = [
        ["sgd", [0], (k, p, [b]) => k.sgd(p, g, b!, 0.1, 0.9, 0, 0.01, true, false)],
        [
          "adam amsgrad",
          [0, 0, 0],
          (k, p, [m, v, w]) => k.adam(p, g, m!, v!, w!, 0.01, 1, 0.9, 0.999, 1e-7, 0, 0.999),
        ],
        ["adamax", [0, 0], (k, p, [m, u]) => k.adamax(p, g, m!, u!, 0.01, 0.9, 0.999, 1e-8, 0)],
        [
          "nadam",
          [0, 0],
          (k, p, [m, v]) => k.nadam(p, g, m!, v!, 0.01, 0.02, 0.1, 0.9, 0.999, 1e-8, 0, 1),
        ],
        [
          "rmsprop",
          [0, 0, 0],
          (k, p, [s, a, b]) => k.rmsprop(p, g, s!, a!, b!, 0.01, 0.9, 1e-8, 0, 0.5),
        ],
        ["adagrad", [0.1], (k, p, [s]) => k.adagrad(p, g, s!, 0.01, 1e-10, 0)],
        ["adadelta", [0, 0], (k, p, [s, a]) => k.adadelta(p, g, s!, a!, 1, 0.9, 1e-6, 0)],
      ];
      const wasm = new Proxy({} as typeof ref, {
        get: (_, name: keyof typeof ref) => rawWasmKernel(name),
      });
      for (const [name, init, call] of calls) {
        const p = p0.slice();
        const pRef = p0.slice();
        const s = init.map(res);
        const sRef = init.map(plain);
        const counts = inMode(mode, () => {
          call(wasm, p, s);
          call(wasm, p, s);
        });
        call(ref, pRef, sRef);
        call(ref, pRef, sRef);
        expect(counts.main + counts.worker, name).toBeGreaterThan(0);
        expectSameBits(p, pRef, `${name} p`);
        s.forEach((a, i) => {
          expectSameBits(a, sRef[i]!, `${name} state ${i}`);
        });
      }
    });
  }

  for (const mode of THREAD_MODES) {
    it(`denseBackward writes a resident dK where it lies, the same bits as an ordinary one (${mode.name})`, () => {
      // A recycled .grad buffer of autograd is resident: the product lands in it directly.
      const [rows, inDim, units] = [64, 96, 80];
      const rand = generator(40 + mode.threads + (mode.workerOnly ? 10 : 0));
      const g = uniformArray(rows * units, rand, -1, 1);
      const x = uniformArray(rows * inDim, rand, -1, 1);
      const k = uniformArray(inDim * units, rand, -1, 1);
      const z = uniformArray(rows * units, rand, -1, 1);
      const y = z.map((v) => Math.max(v, 0));
      const run = (dk: Float32Array) => {
        const db = new Float32Array(units);
        const dz = new Float32Array(rows * units);
        const args = [rows, inDim, units, "relu", 0, 0] as const;
        const counts = inMode(mode, () => {
          expect(
            rawWasmKernel("denseBackward")(g, x, k, z, y, dz, null, dk, db, ...args),
          ).toBeUndefined();
        });
        expect(counts.main + counts.worker).toBeGreaterThan(0);
        return db;
      };
      const dk = residentArray(rt, inDim * units)!;
      dk.fill(Number.NaN); // stale contents: every element must be written
      const ordinary = new Float32Array(inDim * units);
      const db = run(dk);
      const dbOrdinary = run(ordinary);
      expect(residentAddress(dk)).toBe(dk.byteOffset);
      expectSameBits(dk, ordinary, "dk");
      expectSameBits(db, dbOrdinary, "db");
    });
  }
});
