// The registry's side of the backend contract: a kernel may decline a call and
// the next backend (finally the reference) serves it; the interface imports no
// concrete backend, and no backend imports another's kernels.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importGraph } from "../../../test-support/import-graph.js";
import { offerAutoBackends } from "../src/backend/registry.js";
import { wasmBackend } from "../src/backend/wasm/backend.js";
import {
  type Backend,
  cpuBackend,
  kernelOwner,
  kernels,
  listBackends,
  registerBackend,
  tensor,
  unregisterBackend,
} from "../src/index.js";

const SRC = join(import.meta.dirname, "..", "src");
const names: string[] = [];

afterEach(() => {
  for (const n of names.splice(0)) unregisterBackend(n);
});

/** A backend whose unary kernel declines everything but `neg`, which it computes as 42. */
function picky(name: string, calls: string[]): Backend {
  return {
    name,
    kernels: {
      unary: (op, _x, out) => {
        calls.push(`${name}:${op}`);
        if (op !== "neg") return false;
        out.fill(42);
      },
    },
  };
}

describe("declining a call", () => {
  it("goes to the next backend by priority, then to the reference", () => {
    const calls: string[] = [];
    registerBackend(picky("high", calls), { priority: 100 });
    names.push("high");
    expect(kernelOwner("unary")).toBe("high");
    expect([...tensor([1, 4]).neg().data]).toEqual([42, 42]);
    expect([...tensor([1, 4]).sqrt().data]).toEqual([1, 2]);
    expect(calls).toEqual(["high:neg", "high:sqrt"]);
  });

  it("passes through every declining backend in order", () => {
    const calls: string[] = [];
    registerBackend(picky("a", calls), { priority: 100 });
    registerBackend(picky("b", calls), { priority: 50 });
    names.push("a", "b");
    const out = new Float32Array(2);
    kernels().unary("abs", new Float32Array([-1, 2]), out, 0, 0);
    expect([...out]).toEqual([1, 2]);
    expect(calls).toEqual(["a:abs", "b:abs"]);
  });

  it("the wasm kernels decline float64 and small calls instead of calling the reference", () => {
    const x = new Float64Array(100_000).fill(2);
    const out = new Float64Array(100_000);
    expect(wasmBackend.kernels.unary!("sqrt", x, out, 0, 0)).toBe(false);
    expect(out[0]).toBe(0); // nothing written
    const small = new Float32Array([4]);
    expect(wasmBackend.kernels.unary!("sqrt", small, new Float32Array(1), 0, 0)).toBe(false);
  });

  it("the reference never declines", () => {
    const out = new Float64Array(1);
    expect(cpuBackend.kernels.unary("sqrt", new Float64Array([9]), out, 0, 0)).toBeUndefined();
    expect(out[0]).toBe(3);
  });
});

/** Files under src/backend/<dir>. */
function backendFiles(dir: string): string[] {
  const root = join(SRC, "backend", dir);
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(root, f));
}

describe("who imports whom", () => {
  it("the registry and the kernel contract reach no concrete backend but the reference", () => {
    for (const entry of ["backend/registry.ts", "backend/kernels.ts"]) {
      const reached = [...importGraph(SRC, entry).files].map((f) => relative(SRC, f));
      const concrete = reached.filter((f) => f.startsWith(`backend${sep}wasm`));
      expect(concrete, `${entry} reaches ${concrete.join(", ")}`).toEqual([]);
    }
  });

  it("no wasm file imports a reference kernel (it declines instead)", () => {
    for (const file of backendFiles("wasm")) {
      const direct = [...readFileSync(file, "utf8").matchAll(/from\s+"([^"]+)"/g)].map(
        (m) => m[1]!,
      );
      const cpu = direct.filter((spec) => /\/cpu\//.test(spec));
      expect(cpu, `${relative(SRC, file)} imports ${cpu.join(", ")}`).toEqual([]);
    }
  });
});

describe("docs/BACKENDS.md", () => {
  it("lists every kernel of the contract", () => {
    const doc = readFileSync(join(SRC, "..", "..", "..", "docs", "BACKENDS.md"), "utf8");
    const missing = Object.keys(cpuBackend.kernels).filter((k) => !doc.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });
});

describe("backends offered by a package entry", () => {
  const late = (name: string) => () => [
    { backend: { name, kernels: { unary: () => false as const } }, priority: 5 },
  ];

  it("an offer made after first use is registered at once", () => {
    kernels();
    offerAutoBackends(late("late-offer"));
    names.push("late-offer");
    expect(listBackends()).toContain("late-offer");
  });

  it("does not bring back a backend the user removed (a second copy loading late)", () => {
    registerBackend({ name: "removed-offer", kernels: {} });
    unregisterBackend("removed-offer");
    offerAutoBackends(late("removed-offer"));
    expect(listBackends()).not.toContain("removed-offer");
  });
});
