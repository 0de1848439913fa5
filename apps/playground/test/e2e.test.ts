/**
 * End to end: builds the playground with Vite (as `pnpm playground` does),
 * checks that no Node-only module reached the browser bundles, serves
 * `dist/` and drives the built page in Chromium (from the npm package
 * `@sparticuz/chromium`, see `support/browser.ts`) with playwright-core.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeSafetensors, loadModel } from "@neurite/layers";
import { Tensor } from "@neurite/tensor";
import * as ort from "onnxruntime-web";
import type { Browser, BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, parseSettings, serializeSettings } from "../src/state.js";
import { PlaygroundTrainer, PREPROCESSING_KEY, type Preprocessing } from "../src/trainer.js";
import { launchChromium } from "./support/browser.js";
import {
  type GuardedBuild,
  guardedBuild,
  jsFiles,
  nodeImportsIn,
  read,
} from "./support/node-guard.js";
import { type StaticServer, serveStatic } from "./support/static-server.js";

const APP = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(APP, "dist");
const RESULTS = join(APP, "test-results");
/** The bound for XOR to reach 95% test accuracy in the browser. */
const XOR_DEADLINE_MS = 30_000;

let built: GuardedBuild | undefined;

/** This process's environment without unset entries (Playwright wants strings). */
function definedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

describe("the browser build", () => {
  beforeAll(async () => {
    built = await guardedBuild(APP);
  }, 120_000);

  it("writes the page, its script and the worker", () => {
    expect(existsSync(join(DIST, "index.html"))).toBe(true);
    const files = jsFiles(DIST).map((f) => relative(DIST, f));
    expect(files.some((f) => /^assets\/index-.*\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^assets\/worker-.*\.js$/.test(f))).toBe(true);
  });

  it("imports no Node built-in, in the page or in the worker", () => {
    expect(built!.leaks).toEqual([]);
    expect(built!.warnings.filter((w) => /externalized for browser/.test(w))).toEqual([]);
  });

  it("leaves no import or require of a Node built-in in the output", () => {
    for (const file of jsFiles(DIST))
      expect(nodeImportsIn(read(file), file), relative(APP, file)).toEqual([]);
  });

  it("would notice a Node built-in (the check itself works)", async () => {
    const leak = await guardedBuild(join(APP, "test/fixtures/leak"), {
      configFile: false,
      logLevel: "silent",
      build: { write: false },
    });
    expect(leak.leaks.map((l) => l.split(" ")[0]).sort()).toEqual(['"fs"', '"node:path"']);
    expect(nodeImportsIn('import { x } from "node:fs"; require("os");', "x.js")).toEqual([
      'import "node:fs"',
      'require "os"',
    ]);
    expect(nodeImportsIn('const src = `require("node:worker_threads")`;', "x.js")).toEqual([]);
  });
});

describe("the built page in Chromium", () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DIST, "index.html"))) built = await guardedBuild(APP);
    mkdirSync(RESULTS, { recursive: true });
    server = await serveStatic(DIST);
    // LANG=C.UTF-8 makes this Chromium report navigator.language as "en-US@posix"
    // (not a BCP 47 tag) on every machine, so every test below also checks that
    // the page copes with an invalid language tag. No test sets a `locale`.
    browser = await launchChromium({ ...definedEnv(), LANG: "C.UTF-8", LC_ALL: "" });
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.close();
  });

  /** A fresh page at `query`, recording console errors and uncaught exceptions. */
  async function open(query = "", context?: BrowserContext): Promise<Page> {
    const page = context
      ? await context.newPage()
      : await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const record = (where: string) => (m: ConsoleMessage) => {
      if (m.type() === "error" || m.type() === "assert") problems.push(`${where}: ${m.text()}`);
    };
    page.on("console", record("page"));
    page.on("pageerror", (e) => problems.push(`page exception: ${e.message}`));
    page.on("worker", (w) => w.on("console", record("worker")));
    await page.goto(`${server!.url}${query}`);
    await page.waitForFunction(() => document.body.dataset.run !== undefined);
    return page;
  }

  const text = async (page: Page, id: string) =>
    ((await page.locator(`#${id}`).textContent()) ?? "").trim();
  const number = async (page: Page, id: string) => Number(await text(page, id));
  const run = (page: Page) => page.evaluate(() => Number(document.body.dataset.run));

  it("loads without console errors or notes", async () => {
    problems.length = 0;
    const page = await open();
    await expect.poll(() => text(page, "run-state")).toBe("Paused");
    expect(await text(page, "iterations-per-epoch")).toBe("15");
    expect(await page.locator("#notes").isHidden()).toBe(true);
    expect(await page.locator("#error").isHidden()).toBe(true);
    // Served with COOP/COEP and launched without --disable-web-security: isolated as for users.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(new URL(page.url()).search).toBe(`?${serializeSettings(DEFAULT_SETTINGS, 300)}`);
    // Every activation is drawn, and the network's own are marked.
    expect(await page.locator("figure.activation").count()).toBe(15);
    expect(await page.locator("figure.activation.in-use").count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("loads although the browser reports an invalid language tag", async () => {
    problems.length = 0;
    const page = await open();
    const reported = await page.evaluate(() => {
      // What the browser itself reports (the page shadows it on navigator).
      const get = Object.getOwnPropertyDescriptor(Navigator.prototype, "language")!.get!;
      return String(get.call(navigator));
    });
    expect(reported).toBe("en-US@posix");
    expect(() => Intl.getCanonicalLocales(reported)).toThrow(RangeError);
    expect(await page.evaluate(() => navigator.language)).toBe("en-US");
    await expect.poll(() => text(page, "run-state")).toBe("Paused");
    expect(await page.locator("#curves .uplot").count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows an error on the page when loading fails", async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    // The app's code is a separate chunk, loaded by main.ts: make fetching it fail.
    await page.route(/\/assets\/app-[^/]*\.js$/, (route) => route.abort());
    await page.goto(server!.url);
    await page.waitForFunction(() => document.body.dataset.loadFailed === "true");
    expect(await page.locator("#error").isVisible()).toBe(true);
    expect(await text(page, "error")).toMatch(/^The playground failed to load: .+/);
    expect(await text(page, "run-state")).toBe("Failed to load: see the message above.");
    expect(errors.length).toBeGreaterThan(0);
    await page.close();
  });

  it(
    "learns XOR to at least 95% test accuracy within the time bound",
    async () => {
      problems.length = 0;
      const page = await open();
      await expect.poll(() => text(page, "run-state")).toBe("Paused");
      const started = Date.now();
      await page.getByRole("button", { name: "Start" }).click();
      await page.waitForFunction(
        () => Number(document.getElementById("test-accuracy")?.dataset.value) >= 0.95,
        null,
        { timeout: XOR_DEADLINE_MS, polling: 50 },
      );
      const elapsed = Date.now() - started;
      const accuracy = await text(page, "test-accuracy");
      const epoch = await number(page, "epoch");
      console.log(`XOR reached ${accuracy} test accuracy in ${elapsed} ms (epoch ${epoch})`);
      expect(await text(page, "run-state")).toBe("Training…");
      // Let the boundary settle a little for the screenshot.
      await page.waitForFunction(() => Number(document.getElementById("epoch")?.textContent) >= 30);
      await page.getByRole("button", { name: "Pause" }).click();
      await expect.poll(() => text(page, "run-state")).toBe("Paused");
      await page.screenshot({ path: join(RESULTS, "playground.png"), fullPage: true });
      expect(problems).toEqual([]);
      await page.close();
    },
    XOR_DEADLINE_MS + 20_000,
  );

  it("pauses, steps one iteration and resets, from the keyboard", async () => {
    problems.length = 0;
    const page = await open("?speed=100");
    await page.locator("#start").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => number(page, "steps")).toBeGreaterThan(20);
    await page.keyboard.press("Space"); // the same button, now Pause
    await expect.poll(() => text(page, "run-state")).toBe("Paused");
    await page.waitForFunction(() => document.body.dataset.running === "false");
    const paused = await number(page, "steps");
    await page.waitForTimeout(300);
    expect(await number(page, "steps")).toBe(paused);

    await page.locator("#step").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => number(page, "steps")).toBe(paused + 1);
    const ipe = await number(page, "iterations-per-epoch");
    expect(await number(page, "iteration")).toBe((paused + 1) % ipe);

    const before = await run(page);
    await page.locator("#reset").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => run(page)).toBe(before + 1);
    await expect.poll(() => number(page, "steps")).toBe(0);
    expect(await number(page, "epoch")).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("repeats a run exactly: after Reset, and from the same link", async () => {
    problems.length = 0;
    const query = "?dataset=moons&layers=6:relu,6:tanh&bn=1&dropout=0.1&batch=7&seed=5";
    async function tenSteps(page: Page): Promise<string[]> {
      for (let i = 1; i <= 10; i++) {
        await page.getByRole("button", { name: "Step" }).click();
        await expect.poll(() => number(page, "steps")).toBe(i);
      }
      return Promise.all(
        ["epoch", "iteration", "train-loss", "test-loss", "train-accuracy", "test-accuracy"].map(
          (id) => text(page, id),
        ),
      );
    }
    const page = await open(query);
    const first = await tenSteps(page);
    const before = await run(page);
    await page.getByRole("button", { name: "Reset" }).click();
    await expect.poll(() => run(page)).toBe(before + 1);
    expect(await tenSteps(page)).toEqual(first);
    const other = await open(query);
    expect(await tenSteps(other)).toEqual(first);
    expect(problems).toEqual([]);
    await other.close();
    await page.close();
  });

  it("restarts and keeps training when the activation or the dataset changes", async () => {
    problems.length = 0;
    const page = await open();
    await page.getByRole("button", { name: "Start" }).click();
    await expect.poll(() => number(page, "steps")).toBeGreaterThan(30);

    const first = await run(page);
    await page.getByLabel("Layer 1 activation").selectOption("relu");
    await expect.poll(() => run(page)).toBe(first + 1);
    expect(new URL(page.url()).searchParams.get("layers")).toBe("4:relu,4:tanh");
    expect(await text(page, "architecture")).toContain("Dense(4) → relu → Dense(4) → tanh");
    expect(
      await page.locator('figure.activation[data-activation="relu"]').getAttribute("class"),
    ).toContain("in-use");
    await expect.poll(() => number(page, "steps")).toBeGreaterThan(30);
    expect(await text(page, "run-state")).toBe("Training…");

    await page.getByLabel("Dataset").selectOption("moons");
    await expect.poll(() => run(page)).toBe(first + 2);
    expect(new URL(page.url()).searchParams.get("dataset")).toBe("moons");
    const s1 = await number(page, "steps");
    await expect.poll(() => number(page, "steps")).toBeGreaterThan(s1 + 30);
    await expect.poll(() => number(page, "epoch")).toBeGreaterThan(2);
    expect(await text(page, "run-state")).toBe("Training…");
    await page.screenshot({ path: join(RESULTS, "playground-moons.png") });

    // The URL reproduces the network: opening it shows the same settings.
    const again = await open(new URL(page.url()).search);
    expect(await again.getByLabel("Dataset").inputValue()).toBe("moons");
    expect(await again.getByLabel("Layer 1 activation").inputValue()).toBe("relu");
    expect(problems).toEqual([]);
    await again.close();
    await page.close();
  });

  it("falls back to defaults, with a visible note, for invalid URL values", async () => {
    problems.length = 0;
    const page = await open("?dataset=mnist&lr=banana&layers=99:relu&samples=300");
    const notes = page.locator("#notes");
    expect(await notes.isVisible()).toBe(true);
    expect(await page.locator("#notes-list li").count()).toBe(3);
    expect(await notes.textContent()).toContain("lr=");
    const url = new URL(page.url());
    expect(url.searchParams.get("dataset")).toBe("xor");
    expect(url.searchParams.get("lr")).toBe("0.03");
    expect(url.searchParams.get("samples")).toBe("300");
    await expect.poll(() => text(page, "run-state")).toBe("Paused");
    await page.getByRole("button", { name: "Step" }).click();
    await expect.poll(() => number(page, "steps")).toBe(1);
    await page.getByRole("button", { name: "Dismiss" }).click();
    expect(await notes.isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  /** y = 2·rooms − 0.1·age + 3, for the CSV tests. */
  const HOUSES = [
    "rooms,age,price",
    ...Array.from({ length: 80 }, (_, i) => {
      const rooms = 1 + (i % 6);
      const age = (i * 7) % 50;
      return `${rooms},${age},${(2 * rooms - 0.1 * age + 3).toFixed(2)}`;
    }),
  ].join("\n");

  it("trains on an uploaded CSV (regression) and shows its errors line by line", async () => {
    problems.length = 0;
    const page = await open("?layers=8:identity&lr=0.01&speed=0");
    const upload = (name: string, text: string) =>
      page.setInputFiles("#csv-file", { name, mimeType: "text/csv", buffer: Buffer.from(text) });

    // A row with a field too few: the line is named, nothing is trained.
    await upload("short.csv", "a,b,c\n1,2,3\n4,5\n");
    await expect
      .poll(() => text(page, "csv-error"))
      .toBe("line 3, column 3: expected 3 fields, got 2 (too few)");
    expect(await page.locator("#csv-choices").isHidden()).toBe(true);

    // A text where a number is expected, in a feature column: found when the data is used.
    await upload("houses.csv", `${HOUSES}\n4,old,11\n`);
    await expect.poll(() => text(page, "csv-status")).toBe("houses.csv: 81 rows, 3 columns.");
    expect(await page.getByLabel("Target column").inputValue()).toBe("price");
    expect(await page.getByLabel("Task").inputValue()).toBe("regression");
    await page.getByRole("button", { name: "Train on this data" }).click();
    await expect
      .poll(() => text(page, "csv-error"))
      .toBe(
        'line 82, column 2 ("age"): expected a number, got "old". Untick that column to leave it out, or fix the file.',
      );
    expect(new URL(page.url()).searchParams.get("dataset")).toBe("xor");

    // The good file, dropped on the panel.
    await page.evaluate((csv) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([csv], "houses.csv", { type: "text/csv" }));
      const drop = document.getElementById("csv-drop")!;
      drop.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, cancelable: true }));
      drop.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, cancelable: true }));
    }, HOUSES);
    await expect.poll(() => text(page, "csv-status")).toBe("houses.csv: 80 rows, 3 columns.");
    const before = await run(page);
    await page.getByRole("button", { name: "Train on this data" }).click();
    await expect.poll(() => run(page)).toBe(before + 1);
    expect(await text(page, "csv-error")).toBe("");
    expect(new URL(page.url()).searchParams.get("dataset")).toBe("csv");
    expect(await page.getByLabel("Dataset").inputValue()).toBe("csv");
    expect(await text(page, "architecture")).toContain("2 inputs → Dense(8) → identity → Dense(1)");
    expect(await text(page, "test-metric-label")).toBe("Validation R²");
    expect(await page.locator("#heatmap-figure").isHidden()).toBe(true);
    await page.getByRole("button", { name: "Start" }).click();
    await page.waitForFunction(
      () => Number(document.getElementById("test-accuracy")?.dataset.value) > 0.9,
    );
    expect(await page.locator("#results").getAttribute("data-chart")).toBe("prediction-chart");
    expect(await page.locator("#results svg").count()).toBe(1);
    expect(await text(page, "results-caption")).toMatch(
      /^Predicted against actual price for the 20 validation samples/,
    );
    await page.screenshot({ path: join(RESULTS, "playground-csv.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("stops at the epoch limit on a built-in table, and the downloaded models predict as the page", async () => {
    problems.length = 0;
    const query = "?dataset=iris&layers=8:relu&epochs=5&batch=8&speed=0";
    const page = await open(query);
    await page.getByRole("button", { name: "Start" }).click();
    await expect
      .poll(() => text(page, "run-state"))
      .toBe("Finished: reached the limit of 5 epochs.");
    expect(await number(page, "epoch")).toBe(5);
    expect(await page.getByRole("button", { name: "Start" }).isDisabled()).toBe(true);
    expect(await page.locator("#results").getAttribute("data-chart")).toBe("confusion-matrix");
    for (const name of ["setosa", "versicolor", "virginica"])
      expect(await page.locator("#results svg").textContent()).toContain(name);
    await page.screenshot({ path: join(RESULTS, "playground-iris.png"), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download model (.safetensors)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("neurite-iris-epoch5.safetensors");
    const bytes = new Uint8Array(readFileSync((await download.path())!));
    const model = loadModel({ weights: bytes });
    const pre = JSON.parse(decodeSafetensors(bytes).metadata[PREPROCESSING_KEY]!) as Preprocessing;
    expect(pre.featureNames).toHaveLength(4);

    // The same settings in Node give the same data and split; with the downloaded
    // weights, the validation loss and accuracy are the page's.
    const { settings } = parseSettings(new URL(page.url()).search);
    const node = new PlaygroundTrainer(settings);
    expect(node.preprocessing()).toEqual(pre);
    node.model.loadStateDict(model.stateDict());
    const p = node.progress();
    expect(p.testLoss.toFixed(4)).toBe(await text(page, "test-loss"));
    expect(`${(p.testAccuracy * 100).toFixed(1)}%`).toBe(await text(page, "test-accuracy"));
    // The page's confusion matrix holds the Node predictions' counts.
    const predicted = node.predictValidation();
    const truth = node.info.validationTargets;
    let correct = 0;
    for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) correct++;
    expect(await text(page, "results-caption")).toMatch(
      new RegExp(`^${correct} of ${truth.length} validation samples`),
    );
    // And the loaded model itself, fed the raw rows standardized as its metadata says.
    const raw = node.dataset.x;
    const n = raw.shape[0]!;
    const x = Float32Array.from(
      raw.data as Float32Array,
      (v, k) => (v - pre.mean[k % 4]!) / pre.scale[k % 4]!,
    );
    const expected = model.predict(new Tensor(x, [n, 4])).data;
    expect(Array.from(expected)).toEqual(
      Array.from(node.model.predict(new Tensor(x, [n, 4])).data),
    );

    // The ONNX file, run by ONNX Runtime, gives the same logits.
    const [onnxDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download ONNX (.onnx)" }).click(),
    ]);
    expect(onnxDownload.suggestedFilename()).toBe("neurite-iris-epoch5.onnx");
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(readFileSync((await onnxDownload.path())!));
    const out = await session.run({
      [session.inputNames[0]!]: new ort.Tensor("float32", x, [n, 4]),
    });
    const logits = out[session.outputNames[0]!]!.data as Float32Array;
    expect(logits).toHaveLength(n * 3);
    for (let i = 0; i < logits.length; i++) expect(logits[i]).toBeCloseTo(expected[i]!, 4);
    await session.release();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("copies the run as a program that runs", async () => {
    problems.length = 0;
    const context = await browser!.newContext({
      viewport: { width: 1280, height: 900 },
      permissions: ["clipboard-read", "clipboard-write"],
    });
    const page = await open("?dataset=moons&layers=6:tanh&patience=3&epochs=30&speed=0", context);
    await page.getByRole("button", { name: "Start" }).click();
    await expect.poll(() => number(page, "epoch")).toBeGreaterThan(1);
    await page.getByRole("button", { name: "Copy as code" }).click();
    await expect.poll(() => text(page, "model-status")).toMatch(/^Copied the program/);
    const code = await page.evaluate(() => navigator.clipboard.readText());
    expect(code).toBe(await page.locator("#code").textContent());
    expect(code).toContain("makeMoons({ nSamples: 200, seed: 1, noise: 0.1 })");
    expect(code).toContain('new EarlyStopping({ monitor: "val_loss", patience: 3 })');
    const dir = join(RESULTS, "copied-code");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "train.ts"), code);
    const out = execFileSync(
      join(APP, "../../node_modules/.bin/tsx"),
      ["--conditions=@neurite/source", join(dir, "train.ts")],
      { cwd: dir, encoding: "utf8" },
    );
    expect(out).toMatch(/^validation loss \d\.\d{4}, accuracy (0\.[6-9]\d{3}|1\.0000)$/m);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("explains step activations, draws the loss on a log scale, and shows the latest values", async () => {
    problems.length = 0;
    const page = await open("?speed=0");
    expect(await page.locator("#gradient-note").isHidden()).toBe(true);
    await page.getByLabel("Layer 2 activation").selectOption("step");
    await expect
      .poll(() => text(page, "gradient-note"))
      .toMatch(/^Layer 2 uses step, .* so only the output layer learns\./);
    await page.getByRole("button", { name: "Step" }).click();
    await expect.poll(() => number(page, "steps")).toBe(1);
    await page.getByRole("button", { name: "Start" }).click();
    await expect.poll(() => number(page, "epoch")).toBeGreaterThan(2);
    await page.getByRole("button", { name: "Pause" }).click();
    // Without hovering the chart, the legend holds the latest epoch's numbers.
    const values = () => page.locator("#curves .u-legend .u-value").allTextContents();
    await expect.poll(async () => (await values()).slice(1).every((v) => /^\d/.test(v))).toBe(true);
    await page.getByLabel("Log scale").check();
    expect(new URL(page.url()).searchParams.get("logy")).toBe("1");
    expect(await page.locator("#curves").getAttribute("data-scale")).toBe("log");
    await expect.poll(async () => (await values()).slice(1).every((v) => /^\d/.test(v))).toBe(true);
    const again = await open(new URL(page.url()).search);
    expect(await again.getByLabel("Log scale").isChecked()).toBe(true);
    expect(problems).toEqual([]);
    await again.close();
    await page.close();
  });
});
