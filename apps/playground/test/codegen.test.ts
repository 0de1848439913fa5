/**
 * "Copy as code" gives a program that runs as copied: each generated program
 * is written to test-results/codegen/, type-checked with the repository's
 * compiler settings, and run with tsx; its validation score is checked.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { generateCode } from "../src/codegen.js";
import { DEFAULT_SETTINGS, type Settings } from "../src/state.js";

const APP = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(APP, "../..");
const DIR = join(APP, "test-results", "codegen");
const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);

/** y = 2·a − b + 0.5 on a small grid, as a CSV file. */
function linearCsv(): string {
  const rows = ["a,b,label,y"];
  for (let i = 0; i < 120; i++) {
    const a = (i % 12) / 3 - 2;
    const b = Math.floor(i / 12) / 2 - 2;
    rows.push(`${a},${b},${a > b ? "above" : "below"},${(2 * a - b + 0.5).toFixed(4)}`);
  }
  return `${rows.join("\n")}\n`;
}

const CASES: { name: string; settings: Settings; code: () => string; expect: RegExp }[] = [
  {
    name: "xor",
    settings: { ...DEFAULT_SETTINGS, epochs: 40 },
    code() {
      return generateCode(this.settings, {
        inputs: 2,
        outputs: 2,
        task: "classification",
        epochs: 0,
      });
    },
    expect: /^validation loss \d\.\d{4}, accuracy (0\.9[5-9]\d\d|1\.0000)$/m,
  },
  {
    name: "iris",
    settings: {
      ...DEFAULT_SETTINGS,
      dataset: "iris",
      layers: [{ units: 8, activation: "relu" }],
      batchNorm: true,
      dropout: 0.1,
      optimizer: "momentum",
      learningRate: 0.01,
      patience: 5,
    },
    code() {
      return generateCode(this.settings, {
        inputs: 4,
        outputs: 3,
        task: "classification",
        epochs: 60,
      });
    },
    expect: /^validation loss \d\.\d{4}, accuracy (0\.[89]\d{3}|1\.0000)$/m,
  },
  {
    name: "csv-regression",
    settings: {
      ...DEFAULT_SETTINGS,
      dataset: "csv",
      layers: [{ units: 8, activation: "identity" }],
      learningRate: 0.01,
      epochs: 60,
    },
    code() {
      return generateCode(this.settings, {
        inputs: 2,
        outputs: 1,
        task: "regression",
        epochs: 0,
        csv: { fileName: "linear.csv", target: "y", features: ["a", "b"], task: "regression" },
      });
    },
    expect: /^validation loss \d\.\d{4}, R² (0\.9\d{3}|1\.0000)$/m,
  },
];

describe("copy as code", () => {
  beforeAll(() => {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(join(DIR, "linear.csv"), linearCsv());
    for (const c of CASES) writeFileSync(join(DIR, `${c.name}.ts`), c.code());
    writeFileSync(
      join(DIR, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../../tsconfig.base.json",
        compilerOptions: { noEmit: true, types: ["node"] },
        include: ["*.ts"],
      }),
    );
  });

  it("type-checks every generated program (strict)", () => {
    const run = () =>
      execFileSync(bin("tsgo"), ["--noEmit", "-p", join(DIR, "tsconfig.json")], {
        cwd: APP,
        encoding: "utf8",
        stdio: "pipe",
      });
    expect(run).not.toThrow();
  }, 60_000);

  it.each(CASES.map((c) => [c.name, c] as const))(
    "runs the %s program as copied",
    (_, c) => {
      const output = execFileSync(
        bin("tsx"),
        ["--conditions=@neurite/source", join(DIR, `${c.name}.ts`)],
        { cwd: DIR, encoding: "utf8", stdio: "pipe" },
      );
      expect(output).toMatch(c.expect);
    },
    60_000,
  );

  it("writes what the page sets: optimizer, early stopping, the epoch count", () => {
    const iris = CASES[1]!.code();
    expect(iris).toContain(
      'import { loadIris, StandardScaler, trainTestSplit } from "@neurite/datasets";',
    );
    expect(iris).toContain("new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 })");
    expect(iris).toContain('new EarlyStopping({ monitor: "val_loss", patience: 5 })');
    expect(iris).toContain("epochs: 60,");
    expect(iris).toContain("new BatchNorm()");
    expect(iris).toContain("new Dropout(0.1, { seed: 202 })");
    expect(CASES[0]!.code()).not.toContain("EarlyStopping");
  });

  it("refuses a CSV dataset without the file's description", () => {
    expect(() =>
      generateCode(
        { ...DEFAULT_SETTINGS, dataset: "csv" },
        {
          inputs: 2,
          outputs: 1,
          task: "regression",
          epochs: 1,
        },
      ),
    ).toThrow(/a CSV dataset needs options.csv/);
  });
});
