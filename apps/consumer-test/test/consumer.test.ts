import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packPackage, publishablePackages } from "../../../scripts/packages.mjs";

/*
 * The packages as a consumer gets them: every package is packed (`pnpm pack`,
 * as `pnpm publish` would), the tarballs are installed with npm into a scratch
 * project outside the workspace, and the book's wine classifier is fitted from
 * an ES module, from CommonJS, and type-checked as a strict TypeScript program
 * (node16 ESM and CJS, bundler, node10).
 * Needs the packages' dist/ builds: turbo runs `^build` before this test.
 */

const scratch = mkdtempSync(join(tmpdir(), "neurite-consumer-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a command in the scratch project and returns its stdout. */
function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { cwd: scratch, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${err.stdout ?? ""}${err.stderr ?? ""}`);
  }
}

/** The last line a script printed, parsed as JSON. */
function result<T>(output: string): T {
  return JSON.parse(output.trim().split("\n").pop()!) as T;
}

beforeAll(() => {
  const tarballs = join(scratch, "tarballs");
  mkdirSync(tarballs);
  const dependencies: Record<string, string> = {};
  for (const pkg of publishablePackages()) {
    const { tarball } = packPackage(pkg.dir, tarballs);
    dependencies[pkg.name] = `file:./tarballs/${basename(tarball)}`;
  }
  writeFileSync(
    join(scratch, "package.json"),
    JSON.stringify({ name: "neurite-consumer", private: true, dependencies }, null, 2),
  );
  // The tarballs' own dependencies (papaparse, fflate, cli-progress) come from
  // the registry, from npm's cache when it has them.
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]);
}, 120_000);

// The book's wine classifier: 30 epochs at batch size 5 (810 updates), seeded.
const WINE = `
const { x, y } = loadWine();
const { xTrain, yTrain, xTest, yTest } = applySplit(x, y, bookSplit("wine"));
const scaler = new StandardScaler().fit(xTrain);
const model = new Sequential([
  new Dense(20, { inputDim: 13, seed: 1 }),
  new BatchNorm(),
  new Activation("relu"),
  new Dense(3, { activation: "softmax", seed: 2 }),
]);
const history = fit(model, scaler.transform(xTrain), oneHot(yTrain, 3), {
  loss: "categoricalCrossEntropy", optimizer: "adam", metrics: ["accuracy"],
  epochs: 30, batchSize: 5, verbose: 0,
});
const test = evaluate(model, scaler.transform(xTest), oneHot(yTest, 3), {
  loss: "categoricalCrossEntropy", metrics: ["accuracy"],
});
console.log(JSON.stringify({
  updates: history.iterationsPerEpoch * history.length,
  loss: history.history.loss,
  accuracy: test.accuracy,
}));
`;
const NAMES = {
  datasets: "applySplit, bookSplit, loadWine, oneHot, StandardScaler",
  layers: "Activation, BatchNorm, Dense, Sequential",
  train: "evaluate, fit",
};

interface WineResult {
  updates: number;
  loss: number[];
  accuracy: number;
}

describe("installed from the packed tarballs", () => {
  let esm: WineResult;

  it("fits the wine classifier from an ES module (import)", () => {
    const imports = Object.entries(NAMES)
      .map(([pkg, names]) => `import { ${names} } from "@neurite/${pkg}";`)
      .join("\n");
    writeFileSync(join(scratch, "wine.mjs"), `${imports}\n${WINE}`);
    esm = result<WineResult>(run("node", ["wine.mjs"]));
    expect(esm.updates).toBe(810);
    expect(esm.loss[29]).toBeLessThan(esm.loss[0]! / 4);
    expect(esm.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it("fits it from CommonJS (require), with the same numbers", () => {
    const requires = Object.entries(NAMES)
      .map(([pkg, names]) => `const { ${names} } = require("@neurite/${pkg}");`)
      .join("\n");
    writeFileSync(join(scratch, "wine.cjs"), `${requires}\n${WINE}`);
    const cjs = result<WineResult>(run("node", ["wine.cjs"]));
    expect(cjs).toEqual(esm);
  });

  it("mixes both builds in one process: a CommonJS Dense takes an ESM tensor", () => {
    writeFileSync(
      join(scratch, "mixed.cjs"),
      `const { Dense, Sequential } = require("@neurite/layers");
const cjsTensor = require("@neurite/tensor");
(async () => {
  const esmTensor = await import("@neurite/tensor");
  const { noGrad } = await import("@neurite/autograd");
  const { fit } = await import("@neurite/train");
  const x = esmTensor.tensor([[1, 2, 3]]);
  const dense = new Dense(2, { seed: 1, kernelInitializer: "ones" });
  const y = dense.call(x);
  // an ESM fit of a CommonJS model on ESM tensors
  const model = new Sequential([new Dense(4, { inputDim: 3, seed: 1 }), new Dense(1, { seed: 2 })]);
  const h = fit(model, esmTensor.randn([8, 3], 1), esmTensor.randn([8, 1], 2), {
    loss: "mse", optimizer: "sgd", epochs: 3, batchSize: 4, verbose: 0,
  });
  console.log(JSON.stringify({
    twoCopies: esmTensor.Tensor !== cjsTensor.Tensor,
    y: y.value.toArray(),
    crossInstanceof: x instanceof cjsTensor.Tensor && y.value instanceof esmTensor.Tensor,
    recordsInsideNoGrad: noGrad(() => dense.call(x).requiresGrad),
    epochs: h.history.loss.length,
    sameBackends: JSON.stringify(esmTensor.listBackends()) === JSON.stringify(cjsTensor.listBackends()),
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`,
    );
    expect(result(run("node", ["mixed.cjs"]))).toEqual({
      twoCopies: true,
      y: [[6, 6]],
      crossInstanceof: true,
      recordsInsideNoGrad: false,
      epochs: 3,
      sameBackends: true,
    });
  });
});

describe("type-checked with tsc --strict", () => {
  const program = `${Object.entries(NAMES)
    .map(([pkg, list]) => `import { ${list} } from "@neurite/${pkg}";`)
    .join("\n")}
import { ProgressBar } from "@neurite/train/node";
import { readCsvFileSync } from "@neurite/datasets/node";
import { saveModelToFileSync } from "@neurite/layers/node";
${WINE}
const bar: ProgressBar = new ProgressBar();
const accuracy: number = test.accuracy;
void [bar, accuracy, readCsvFileSync, saveModelToFileSync];
`;

  // One compiler in this process for every check, sharing parsed files (lib.dom.d.ts
  // above all) between them: four tsc processes would take most of a minute here.
  const parsed = new Map<string, ts.SourceFile | undefined>();
  /** Type-checks `source` saved as `file` in the scratch project; returns tsc's messages. */
  function typeCheck(file: string, source: string, options: ts.CompilerOptions): string {
    writeFileSync(join(scratch, file), source);
    const compilerOptions: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: false, // the packages' declarations are checked too
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
      ...options,
    };
    const host = ts.createCompilerHost(compilerOptions);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version, ...rest) => {
      const key = `${name}|${JSON.stringify(version)}`;
      if (name.includes("neurite-consumer") && !name.includes("node_modules")) {
        return read(name, version, ...rest);
      }
      if (!parsed.has(key)) parsed.set(key, read(name, version, ...rest));
      return parsed.get(key);
    };
    const checked = ts.createProgram([join(scratch, file)], compilerOptions, host);
    const diagnostics = ts.getPreEmitDiagnostics(checked);
    return ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => scratch,
      getNewLine: () => "\n",
    });
  }
  const { Node16, NodeJs, Bundler } = ts.ModuleResolutionKind;

  it("as an ES module under moduleResolution node16", () => {
    const options = { module: ts.ModuleKind.Node16, moduleResolution: Node16 };
    expect(typeCheck("wine.mts", program, options)).toBe("");
  });

  it("as CommonJS under moduleResolution node16", () => {
    const options = { module: ts.ModuleKind.Node16, moduleResolution: Node16 };
    expect(typeCheck("wine.cts", program, options)).toBe("");
  });

  it("under moduleResolution bundler", () => {
    const options = { module: ts.ModuleKind.ESNext, moduleResolution: Bundler };
    expect(typeCheck("wine-bundler.ts", program, options)).toBe("");
  });

  it("under moduleResolution node10, /node entries included (typesVersions)", () => {
    const options = { module: ts.ModuleKind.CommonJS, moduleResolution: NodeJs };
    expect(typeCheck("wine-node10.ts", program, options)).toBe("");
  });

  it("reports a type error, so the checks above could fail", () => {
    const wrong = `import { tensor } from "@neurite/tensor";\nconst s: string = tensor([1]);\nvoid s;\n`;
    const options = { module: ts.ModuleKind.Node16, moduleResolution: Node16 };
    expect(typeCheck("wrong.mts", wrong, options)).toMatch(/wrong\.mts\(2,7\): error TS2322/);
  });
});
