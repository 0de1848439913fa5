import { beforeAll, describe, expect, it } from "vitest";
import {
  RESIDENT_MAX_BYTES,
  residentAddress,
  residentArray,
  residentBytes,
} from "../../src/backend/wasm/resident.js";
import type { WasmRuntime } from "../../src/backend/wasm/runtime.js";
import { prepareThreads, rawWasmKernel } from "./helpers.js";

// A file of its own: the cap counts every block this module ever reserved.

let rt: WasmRuntime;

describe("resident arrays are capped", () => {
  beforeAll(async () => {
    rt = await prepareThreads();
  });

  it(`reserves at most ${RESIDENT_MAX_BYTES / 2 ** 20} MiB; past it, allocState hands out ordinary arrays`, () => {
    // Blocks of held arrays are never reused, as in a synchronous loop that builds
    // model after model (their finalizers cannot run before it yields).
    const quarter = RESIDENT_MAX_BYTES / 4 / 4; // floats in a quarter of the cap
    const held: Float32Array[] = [];
    for (let i = 0; i < 4; i++) {
      const a = residentArray(rt, quarter - 64)!;
      expect(a, `block ${i}`).not.toBeNull();
      held.push(a);
    }
    expect(residentBytes()).toBeLessThanOrEqual(RESIDENT_MAX_BYTES);
    const grown = rt.memory.buffer.byteLength;
    expect(residentArray(rt, quarter)).toBeNull();
    const out: (Float32Array | Float64Array)[] = [];
    expect(rawWasmKernel("allocState")(new Float32Array(quarter), 0, out)).toBe(false);
    expect(out).toHaveLength(0);
    expect(rt.memory.buffer.byteLength).toBe(grown);
    expect(held.every((a) => residentAddress(a) === a.byteOffset)).toBe(true);
  });
});
