import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { run, TABLE_POINTS } from "../src/examples/activations.js";
import { chartFacts, collector, isSvg, tempOut } from "./helpers.js";

/** The book's eight activation functions, in the order the example lists them. */
const BOOK_FUNCTIONS = [
  "step",
  "sign",
  "sigmoid",
  "tanh",
  "relu",
  "leakyRelu",
  "identity",
  "softmax",
];

describe("activations example", () => {
  it("tabulates every activation and its derivative and draws two grids of charts", async () => {
    const c = collector();
    const r = await run({ out: tempOut(), log: c.log });
    expect(TABLE_POINTS).toEqual([-2, -1, 0, 1, 2]);
    const row = (name: string) => r.table.find((t) => t.name === name)!;
    expect(r.table.filter((t) => t.book).map((t) => t.name)).toEqual(BOOK_FUNCTIONS);
    expect(r.table).toHaveLength(15);
    expect(row("step").values).toEqual([0, 0, 0, 1, 1]);
    expect(row("sign").values).toEqual([-1, -1, 0, 1, 1]);
    expect(row("step").differentiable).toBe(false);
    expect(row("sigmoid").values[2]).toBe(0.5);
    expect(row("sigmoid").derivatives[2]).toBe(0.25);
    expect(row("tanh").derivatives[2]).toBe(1);
    expect(row("relu").values).toEqual([0, 0, 0, 1, 2]);
    expect(row("relu").derivatives).toEqual([0, 0, 0, 1, 1]);
    expect(row("leakyRelu").values[0]).toBeCloseTo(-0.6, 6);
    expect(row("identity").derivatives).toEqual([1, 1, 1, 1, 1]);
    expect(row("softmax").values).toEqual(row("sigmoid").values);
    expect(r.metrics).toEqual({ functions: 15, bookFunctions: 8, sigmoidDerivativeMax: 0.25 });
    expect(r.epochs).toBeNull();
    expect(r.trainingTimeMs).toBeNull();

    expect(c.text()).toContain("vanishing gradient");
    expect(r.files.map((f) => basename(f))).toEqual([
      "activations-book.svg",
      "activations-extra.svg",
      "index.html",
    ]);
    expect(isSvg(r.files[0]!)).toBe(true);
    const book = chartFacts(r.files[0]!);
    expect(book.panels).toEqual(BOOK_FUNCTIONS);
    expect(book.legend).toEqual(["f(x)", "f′(x)"]);
    expect(chartFacts(r.files[1]!).panels).toHaveLength(7);
  });
});
