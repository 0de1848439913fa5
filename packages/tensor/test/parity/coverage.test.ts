// The suite's own coverage: every kernel the WebAssembly backend implements
// has a parity test against the reference, and every reference kernel has a
// test of its own. A kernel added without them fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { wasmBackend } from "../../src/backend/wasm/backend.js";
import { cpuBackend } from "../../src/index.js";

const TEST = join(import.meta.dirname, "..");

/** The text of the `.test.ts` files directly under `dir`. */
function testsIn(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".test.ts") && f !== "coverage.test.ts")
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
}

/** True when `text` names the kernel as a word. */
const names = (text: string, kernel: string) => new RegExp(`\\b${kernel}\\b`).test(text);

describe("the parity suite covers every kernel", () => {
  it("every WebAssembly kernel has a parity test", () => {
    const parity = testsIn(join(TEST, "parity"));
    const missing = Object.keys(wasmBackend.kernels).filter((k) => !names(parity, k));
    expect(missing).toEqual([]);
  });

  it("every reference kernel has a test of its own", () => {
    const unit = testsIn(join(TEST, "kernels")) + testsIn(TEST) + testsIn(join(TEST, "parity"));
    const missing = Object.keys(cpuBackend.kernels).filter((k) => !names(unit, k));
    expect(missing).toEqual([]);
  });

  it("the wasm backend implements at least the kernels of a dense training step", () => {
    for (const k of [
      "denseForward",
      "denseBackward",
      "unaryGrad",
      "adam",
      "sgd",
      "batchNormTraining",
    ])
      expect(Object.keys(wasmBackend.kernels)).toContain(k);
  });
});
