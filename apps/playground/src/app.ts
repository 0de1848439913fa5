/**
 * The page: reads the settings from the URL, builds the views, and talks to
 * the training worker. All training happens in the worker; this thread only
 * draws, so the page stays responsive. Loaded by `main.ts` once the browser's
 * language tag is known to be valid.
 */
import { type CsvCodeSource, generateCode } from "./codegen.js";
import type { CsvChoice } from "./csv-data.js";
import type {
  CustomData,
  FromWorker,
  ModelFormat,
  Progress,
  RunInfo,
  ToWorker,
} from "./protocol.js";
import { parseSettings, type Settings, serializeSettings } from "./state.js";
import { ActivationsView } from "./views/activations.js";
import { ControlsView } from "./views/controls.js";
import { CsvPanel } from "./views/csv-panel.js";
import { CurvesView } from "./views/curves.js";
import { gradientNote } from "./views/gradient-note.js";
import { classColor, HeatmapView } from "./views/heatmap.js";
import { ResultsView } from "./views/results.js";

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

const parsed = parseSettings(location.search);
let settings: Settings = parsed.settings;
let speed = parsed.speed;
let logScale = parsed.logScale;
/** The user's CSV, once chosen; it never leaves the browser. */
let custom: { data: CustomData; choice: CsvChoice; fileName: string } | null = null;
let lastEpoch = 0;
let run = 0;
let running = false;
let canTrain = false;
let info: RunInfo | null = null;

// ---- URL ----
function writeUrl(): void {
  const query = `?${serializeSettings(settings, speed, logScale)}`;
  history.replaceState(null, "", query);
  byId<HTMLAnchorElement>("permalink").href = query;
}

function showNotes(notes: readonly string[]): void {
  const box = byId("notes");
  if (notes.length === 0) {
    box.hidden = true;
    return;
  }
  byId("notes-list").replaceChildren(
    ...notes.map((n) => {
      const li = document.createElement("li");
      li.textContent = n;
      return li;
    }),
  );
  box.hidden = false;
}
byId("notes-dismiss").addEventListener("click", () => {
  byId("notes").hidden = true;
});

function showError(message: string | null): void {
  const box = byId("error");
  box.textContent = message ? `Training cannot run with these settings: ${message}` : "";
  box.hidden = !message;
}

// ---- views ----
const heatmap = new HeatmapView(byId<HTMLCanvasElement>("heatmap"));
const curves = new CurvesView(byId("curves"), logScale);
const results = new ResultsView(byId("results"), byId("results-caption"));
const logScaleBox = byId<HTMLInputElement>("log-scale");
logScaleBox.checked = logScale;
logScaleBox.addEventListener("change", () => {
  logScale = logScaleBox.checked;
  curves.setLogScale(logScale);
  writeUrl();
});
const activationsView = new ActivationsView(byId("activations"));
activationsView.draw();

const showTest = byId<HTMLInputElement>("show-test");
showTest.addEventListener("change", () => {
  heatmap.showTest = showTest.checked;
  heatmap.draw();
});

// ---- worker ----
const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
function send(message: ToWorker): void {
  worker.postMessage(message);
}

const controls = new ControlsView(
  byId<HTMLFormElement>("settings"),
  byId("run-buttons"),
  settings,
  {
    onChange(next) {
      settings = next;
      applySettings(running);
    },
    onStart() {
      send({ type: "start" });
      setRunning(true);
    },
    onPause() {
      send({ type: "pause" });
      setRunning(false);
    },
    onStep() {
      send({ type: "step" });
    },
    onReset() {
      run++;
      send({ type: "reset", run });
      curves.reset();
      setRunning(false);
    },
    onSpeed(value) {
      speed = value;
      send({ type: "speed", stepsPerSecond: speed });
      writeUrl();
    },
  },
);
controls.setSpeed(speed);

new CsvPanel(byId("csv-panel"), {
  onData(data, choice, fileName) {
    custom = { data, choice, fileName };
    controls.setCsvName(fileName);
    settings = { ...settings, dataset: "csv" };
    controls.set(settings);
    applySettings(running);
  },
});
send({ type: "speed", stepsPerSecond: speed });

let stateText = "";
function setState(text: string): void {
  if (text !== stateText) byId("run-state").textContent = stateText = text;
}

function setRunning(value: boolean, diverged = false, stopReason: string | null = null): void {
  running = value;
  controls.setRunning(running, canTrain && !diverged && stopReason === null);
  if (!canTrain) setState("Cannot train: see the message above.");
  else if (diverged)
    setState(
      "Stopped: the loss is no longer a number (training diverged). Lower the learning rate, then Reset.",
    );
  else if (stopReason !== null) setState(stopReason);
  else setState(running ? "Training…" : "Paused");
}

/** Starts a new run with the current settings, training at once if `resume`. */
function applySettings(resume: boolean): void {
  writeUrl();
  activationsView.setUsed([...settings.layers.map((l) => l.activation), "softmax"]);
  const note = gradientNote(settings.layers);
  byId("gradient-note").textContent = note ?? "";
  byId("gradient-note").hidden = note === null;
  run++;
  info = null;
  curves.reset();
  send({
    type: "configure",
    run,
    settings,
    ...(settings.dataset === "csv" && custom ? { data: custom.data } : {}),
  });
  if (resume) send({ type: "start" });
  running = resume;
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "–";
}

/** Accuracy as a percentage, R² as a number. */
function score(x: number): string {
  return info?.metric === "r2" ? num(x) : pct(x);
}

function num(x: number): string {
  return Number.isFinite(x) ? x.toFixed(4) : "not a number";
}

function showProgress(p: Progress): void {
  byId("epoch").textContent = String(p.epoch);
  byId("iteration").textContent = String(p.iteration);
  byId("steps").textContent = String(p.steps);
  byId("train-loss").textContent = num(p.trainLoss);
  byId("test-loss").textContent = num(p.testLoss);
  byId("train-accuracy").textContent = score(p.trainAccuracy);
  const acc = byId("test-accuracy");
  acc.textContent = score(p.testAccuracy);
  acc.dataset.value = String(p.testAccuracy);
}

/** Blank numbers for a run that has not reported yet. */
function clearProgress(): void {
  for (const id of ["epoch", "iteration", "steps"]) byId(id).textContent = "0";
  for (const id of ["train-loss", "test-loss", "train-accuracy", "test-accuracy"])
    byId(id).textContent = "–";
  delete byId("test-accuracy").dataset.value;
}

function showRun(i: RunInfo): void {
  info = i;
  clearProgress();
  heatmap.setRun(i);
  byId("heatmap-figure").hidden = !i.decisionMap;
  byId("results-figure").hidden = i.decisionMap;
  results.setRun(i);
  const metric = i.metric === "r2" ? "R²" : "accuracy";
  byId("train-metric-label").textContent = `Training ${metric}`;
  byId("test-metric-label").textContent = `Validation ${metric}`;
  byId("iterations-per-epoch").textContent = String(i.iterationsPerEpoch);
  byId("architecture").textContent = `${i.architecture} (${i.parameters} trainable parameters)`;
  const batch = Math.min(settings.batchSize, i.trainSize);
  byId("explain").textContent =
    `${i.trainSize} training samples in mini-batches of ${batch}: each iteration trains on one ` +
    `batch and updates the weights once, and ${i.iterationsPerEpoch} iterations make one epoch ` +
    `(one pass over the training set). The ${i.testSize} validation samples are never trained on.`;
  const legend = byId("legend");
  legend.replaceChildren(
    ...Array.from({ length: i.classes }, (_, k) => {
      const s = document.createElement("span");
      s.className = "class";
      const sw = document.createElement("span");
      sw.className = "dot";
      sw.style.background = classColor(k);
      s.append(sw, ` class ${k}`);
      return s;
    }),
  );
}

worker.addEventListener("message", (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  if (m.type === "hello") {
    byId("backend").textContent =
      m.backend === "wasm"
        ? `Kernels in use: WebAssembly SIMD, ${m.threads} thread${m.threads === 1 ? "" : "s"} for large products.`
        : "Kernels in use: TypeScript (cpu).";
    return;
  }
  if (m.run !== run) return; // from a run that has been replaced
  switch (m.type) {
    case "ready":
      document.body.dataset.run = String(run);
      canTrain = true;
      showError(null);
      showRun(m.info);
      setRunning(running);
      break;
    case "progress":
      if (!info) break;
      // What the worker last reported (the buttons change at once, on click).
      document.body.dataset.running = String(m.running);
      showProgress(m.progress);
      lastEpoch = m.progress.epoch;
      if (info.decisionMap) heatmap.update(m.probabilities, m.grid);
      else results.update(m.predictions);
      curves.append(m.curve);
      setRunning(m.running, m.progress.diverged, m.progress.stopReason);
      break;
    case "model":
      downloadModel(m.format, m.bytes, m.epoch);
      break;
    case "error":
      document.body.dataset.run = String(run);
      canTrain = false;
      showError(m.message);
      setRunning(false);
      break;
  }
});
worker.addEventListener("error", (e) => {
  canTrain = false;
  showError(`the training worker failed to start (${e.message || "unknown error"})`);
  setRunning(false);
});

// ---- your model back ----
function fileStem(): string {
  const name =
    settings.dataset === "csv" && custom
      ? custom.fileName.replace(/\.[^.]*$/, "")
      : settings.dataset;
  return `neurite-${name.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

function save(bytes: Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function modelStatus(text: string): void {
  byId("model-status").textContent = text;
}

function downloadModel(format: ModelFormat, bytes: Uint8Array, epoch: number): void {
  const name = `${fileStem()}-epoch${epoch}.${format}`;
  save(bytes, name, "application/octet-stream");
  modelStatus(
    format === "onnx"
      ? `Saved ${name} (${bytes.length} bytes) for any ONNX runtime. It expects standardized ` +
          "inputs (the mean and scale are in the safetensors file's metadata) and outputs " +
          (info?.task === "regression" ? "the value." : "logits (softmax gives probabilities).")
      : `Saved ${name} (${bytes.length} bytes): load it with loadModel from @neurite/layers. ` +
          "The inputs' standardization is in its metadata (playground.preprocessing).",
  );
}

for (const format of ["safetensors", "onnx"] as const)
  byId(`download-${format}`).addEventListener("click", () => {
    if (info) send({ type: "export", run, format });
  });

byId("copy-code").addEventListener("click", () => {
  if (!info) return;
  const csv: CsvCodeSource | undefined =
    settings.dataset === "csv" && custom
      ? { fileName: custom.fileName, ...custom.choice }
      : undefined;
  const code = generateCode(settings, {
    inputs: info.features,
    outputs: info.task === "classification" ? info.classes : 1,
    task: info.task,
    epochs: lastEpoch,
    ...(csv ? { csv } : {}),
  });
  byId("code").textContent = code;
  byId<HTMLDetailsElement>("code-details").open = true;
  navigator.clipboard
    .writeText(code)
    .then(() => modelStatus("Copied the program to the clipboard (it is also shown below)."))
    .catch(() => modelStatus("The clipboard is not available here: copy the program below."));
});

window.addEventListener("resize", () => {
  heatmap.draw();
  curves.resize();
});

showNotes(parsed.notes);
applySettings(false);
