// Runs the README's example and checks that it prints what the README says,
// and that the error messages the README quotes are the real ones.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as T from "../src/index.js";
import { cpuOnly } from "./helpers.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** The fenced blocks of the README with their language tag. */
function blocks(): { lang: string; body: string }[] {
  return [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1]!,
    body: m[2]!,
  }));
}

function format(v: unknown): string {
  if (Array.isArray(v) || (typeof v === "object" && v !== null && !(v instanceof T.Tensor))) {
    // Node's util.inspect style for flat arrays of numbers: "[ 1, 2 ]"
    const items = (v as unknown[]).map((x) => String(x));
    return items.length === 0 ? "[]" : `[ ${items.join(", ")} ]`;
  }
  return String(v);
}

let restore: () => void = () => {};
beforeAll(() => {
  restore = cpuOnly();
});
afterAll(() => restore());

describe("README", () => {
  it("the example prints what the README shows", () => {
    const all = blocks();
    const exampleIdx = all.findIndex(
      (b) => b.lang === "ts" && b.body.includes('from "@neurite/tensor"'),
    );
    const code = all[exampleIdx]!.body;
    const expected = all[exampleIdx + 1]!;
    expect(expected.lang).toBe("text");
    const imports = /import \{([^}]*)\} from "@neurite\/tensor";\n/.exec(code)!;
    const body = code.replace(imports[0], `const {${imports[1]}} = T;\n`);
    const lines: string[] = [];
    const fakeConsole = { log: (...args: unknown[]) => lines.push(args.map(format).join(" ")) };
    new Function("T", "console", body)(T, fakeConsole);
    expect(`${lines.join("\n")}\n`).toBe(expected.body);
  });

  it("the quoted error messages are the real ones", () => {
    const messages = [
      () => T.matmul(T.zeros([5, 13]), T.zeros([12, 20])),
      () => T.tensor([[1, 2], [3]]),
      () => T.sum(T.zeros([2, 3]), 2),
      () =>
        T.cast(
          T.tensor([
            [1, 2],
            [3, Number.NaN],
          ]),
          "int32",
        ),
      () => T.add(T.zeros([2, 3]), T.zeros([4])),
      () => T.add(T.zeros([2]), T.zeros([2], "int32")),
    ].map((f) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    });
    const flat = readme.replace(/\s+/g, " "); // quotes may wrap across lines
    for (const m of messages) expect(flat).toContain(m.replace(/\s+/g, " "));
  });
});
