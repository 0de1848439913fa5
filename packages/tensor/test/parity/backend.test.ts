import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { autoBackends } from "../../src/backend/wasm/auto.js";
import {
  WASM_PLAIN,
  WASM_PLAIN_RELAXED,
  WASM_SHARED,
  WASM_SHARED_RELAXED,
} from "../../src/backend/wasm/module.generated.js";
import { relaxedSimdSupported } from "../../src/backend/wasm/support.js";
import {
  getNumThreads,
  initWasm,
  kernelOwner,
  listBackends,
  registerBackend,
  setNumThreads,
  unregisterBackend,
  useBackend,
  ValueError,
  WASM_BACKEND,
  wasmBackend,
} from "../../src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

afterEach(() => {
  useBackend("wasm");
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("backend selection", () => {
  it("registers the wasm backend on first use in Node, with cpu behind it", () => {
    expect(listBackends()).toEqual([WASM_BACKEND, "cpu"]);
    expect(kernelOwner("matmul")).toBe(WASM_BACKEND);
    expect(kernelOwner("binary")).toBe(WASM_BACKEND);
  });

  it("leaves kernels it lacks to the reference", () => {
    expect(wasmBackend.kernels.argReduce).toBeUndefined();
    expect(kernelOwner("argReduce")).toBe("cpu");
  });

  it("a backend registered above wasm takes only the kernels it has", () => {
    registerBackend({ name: "just-reduce", kernels: { reduce: () => {} } }, { priority: 100 });
    try {
      expect(kernelOwner("reduce")).toBe("just-reduce");
      expect(kernelOwner("matmul")).toBe(WASM_BACKEND);
      expect(kernelOwner("argReduce")).toBe("cpu");
    } finally {
      unregisterBackend("just-reduce");
    }
  });

  it('useBackend("cpu") hands every kernel to the reference, useBackend("wasm") takes them back', () => {
    useBackend("cpu");
    expect(listBackends()).toEqual(["cpu"]);
    expect(kernelOwner("matmul")).toBe("cpu");
    useBackend("wasm");
    expect(kernelOwner("matmul")).toBe(WASM_BACKEND);
  });

  it("useBackend rejects unknown names", () => {
    expect(() => useBackend("gpu" as "cpu")).toThrow(ValueError);
    expect(() => useBackend("gpu" as "cpu")).toThrow(/useBackend: argument 'name'/);
  });

  it("NEURITE_BACKEND=cpu stops the automatic registration", () => {
    vi.stubEnv("NEURITE_BACKEND", "cpu");
    expect(autoBackends()).toEqual([]);
    vi.stubEnv("NEURITE_BACKEND", "");
    expect(autoBackends().map((b) => b.backend.name)).toEqual([WASM_BACKEND]);
  });

  it("initWasm resolves true and registers the backend", async () => {
    useBackend("cpu");
    await expect(initWasm()).resolves.toBe(true);
    expect(kernelOwner("matmul")).toBe(WASM_BACKEND);
  });

  it("stays on the reference, silently, without WebAssembly SIMD", async () => {
    vi.resetModules();
    vi.spyOn(WebAssembly, "validate").mockReturnValue(false);
    const fresh = await import("../../src/backend/wasm/auto.js");
    const runtime = await import("../../src/backend/wasm/runtime.js");
    expect(fresh.autoBackends()).toEqual([]);
    expect(runtime.loadSync()).toBeNull();
    await expect(runtime.loadAsync()).resolves.toBeNull();
  });
});

describe("thread count", () => {
  it("defaults to the number of cores and can be set", () => {
    const before = getNumThreads();
    expect(before).toBeGreaterThanOrEqual(1);
    setNumThreads(1);
    expect(getNumThreads()).toBe(1);
    setNumThreads(before);
  });

  it("worker threads do not keep a script alive", () => {
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const script = join(root, "test", "parity", "fixtures", "exit-with-threads.ts");
    // execFileSync returns only once the child has exited by itself.
    const out = execFileSync(process.execPath, [tsx, script], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(out.trim()).toBe("done 160");
  });

  it.each([0, -1, 1.5, 65, Number.NaN, "2"])("rejects %s", (n) => {
    expect(() => setNumThreads(n as number)).toThrow(ValueError);
    expect(() => setNumThreads(n as number)).toThrow(/setNumThreads: argument 'n'/);
  });
});

describe("generated wasm module", () => {
  it("is up to date with assembly/ (else run pnpm --filter @neurite/tensor build:wasm)", () => {
    const out = execFileSync(
      process.execPath,
      [join(root, "scripts", "build-wasm.mjs"), "--check"],
      {
        encoding: "utf8",
      },
    );
    expect(out).toMatch(/up to date/);
  });

  it("relaxed SIMD is on where the engine has it (Node 20 through a V8 flag) and off with NEURITE_RELAXED_SIMD=0", () => {
    expect(relaxedSimdSupported()).toBe(true);
    vi.stubEnv("NEURITE_RELAXED_SIMD", "0");
    expect(relaxedSimdSupported()).toBe(false);
  });

  it("embeds four valid SIMD modules (shared/plain memory, with and without relaxed SIMD) with the expected exports", () => {
    expect(relaxedSimdSupported()).toBe(true);
    for (const b64 of [WASM_SHARED, WASM_PLAIN, WASM_SHARED_RELAXED, WASM_PLAIN_RELAXED]) {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const module = new WebAssembly.Module(bytes);
      const exports = WebAssembly.Module.exports(module).map((e) => e.name);
      expect(exports).toEqual(expect.arrayContaining(["heapBase", "begin", "work", "done"]));
      expect(WebAssembly.Module.imports(module)).toEqual([
        { module: "env", name: "memory", kind: "memory" },
      ]);
    }
  });
});
