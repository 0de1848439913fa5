import * as T from "@neurite/tensor";
import { afterEach, describe, expect, it, vi } from "vitest";
import customOp from "../examples/custom-op.ts?raw";
import fiveSteps from "../examples/five-steps.ts?raw";
import quickStart from "../examples/quick-start.ts?raw";
import readme from "../README.md?raw";
import { Variable } from "../src/index.js";

/** The README's TypeScript code blocks. */
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** Runs an example module with console.log captured, returning what it printed. */
async function run(load: () => Promise<unknown>): Promise<unknown[][]> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  await load();
  return log.mock.calls;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("README examples are the files in examples/, and they run", () => {
  it.each([
    ["five-steps.ts", fiveSteps],
    ["quick-start.ts", quickStart],
    ["custom-op.ts", customOp],
  ])("the README shows examples/%s verbatim", (_name, source) => {
    expect(blocks).toContain(source);
  });

  it("five steps: the cost falls and the network learns XOR", async () => {
    const printed = await run(() => import("../examples/five-steps.js"));
    const costs = printed
      .slice(0, -1)
      .map(([line]) => Number(/cost ([\d.]+)/.exec(String(line))![1]));
    expect(costs.length).toBe(4);
    for (let i = 1; i < costs.length; i++) expect(costs[i]!).toBeLessThan(costs[i - 1]!);
    expect(costs[costs.length - 1]!).toBeLessThan(0.01);
    expect(printed[printed.length - 1]).toEqual([[[0], [1], [1], [0]]]);
  });

  it("quick start prints what its comments say", async () => {
    const printed = await run(() => import("../examples/quick-start.js"));
    expect(printed).toEqual([[8.75], [[-1, -6, -15]], [[-9]], [[-1, -6, -15]]]);
  });

  it("custom op: gradCheck accepts the right rule and rejects the wrong one", async () => {
    const printed = await run(() => import("../examples/custom-op.js"));
    expect(printed).toEqual([[true], [false, 0]]);
  });
});

describe("README error examples", () => {
  it("are the messages actually thrown", () => {
    const shown = /```text\n([\s\S]*?)```/.exec(readme)![1]!.trim().split("\n");
    const messageOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    expect(shown).toEqual([
      messageOf(() => new Variable(T.zeros([2, 3]), { requiresGrad: true }).mul(2).backward()),
      messageOf(() => new Variable(T.tensor([1], undefined, "int32"), { requiresGrad: true })),
      messageOf(() => new Variable(T.zeros([2])).add(new Variable(T.zeros([2], "float64")))),
      messageOf(() => {
        const w = new Variable(T.zeros([2, 2]), { requiresGrad: true, name: "w" });
        const loss = w.matmul(T.ones([2, 1])).sum();
        w.value.markModified(); // as optimizer.step() does
        loss.backward();
      }),
    ]);
  });
});
