import { beforeAll, describe, expect, it } from "vitest";
import { BINARY_THREADS_MIN, BINARY_WASM_MIN } from "../../src/backend/wasm/thresholds.js";
import {
  expectSameBits,
  generator,
  inMode,
  prepareThreads,
  ref,
  THREAD_MODES,
  uniformArray,
  wasmKernel,
} from "./helpers.js";

// binary with out === a (autograd accumulates gradients this way): the
// WebAssembly kernel copies both operands in before writing out, so it must
// match the reference on separate arrays bit for bit.

const wasmBinary = wasmKernel("binary");

describe("binary add in place (out === a)", () => {
  beforeAll(async () => {
    await prepareThreads();
  });

  for (const n of [5, BINARY_WASM_MIN + 1, BINARY_THREADS_MIN + 7]) {
    for (const mode of THREAD_MODES) {
      it(`${n} elements, ${mode.name}`, () => {
        const rand = generator(n + mode.threads);
        const a = uniformArray(n, rand);
        const b = uniformArray(n, rand);
        const want = new Float32Array(n);
        ref.binary("add", a, [1], b, [1], want, [n]);
        const acc = a.slice();
        const counts = inMode(mode, () => wasmBinary("add", acc, [1], b, [1], acc, [n]));
        expectSameBits(acc, want, "a + b");
        if (n >= BINARY_WASM_MIN) expect(counts.main + counts.worker).toBeGreaterThan(0);
        // The reference itself in place.
        const self = a.slice();
        ref.binary("add", self, [1], b, [1], self, [n]);
        expectSameBits(self, want, "reference in place");
      });
    }
  }
});
