/**
 * The page: reads the settings from the URL, builds the views, and talks to
 * the training worker. All training happens in the worker; this thread only
 * draws, so the page stays responsive. Loaded by `main.ts` once the browser's
 * language tag is known to be valid.
 */
import type { FromWorker, Progress, RunInfo, ToWorker } from "./protocol.js";
import { parseSettings, type Settings, serializeSettings } from "./state.js";
import { ActivationsView } from "./views/activations.js";
import { ControlsView } from "./views/controls.js";
import { CurvesView } from "./views/curves.js";
import { classColor, HeatmapView } from "./views/heatmap.js";

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

const parsed = parseSettings(location.search);
let settings: Settings = parsed.settings;
let speed = parsed.speed;
let run = 0;
let running = false;
let canTrain = false;
let info: RunInfo | null = null;

// ---- URL ----
function writeUrl(): void {
  const query = `?${serializeSettings(settings, speed)}`;
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
const curves = new CurvesView(byId("curves"));
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
send({ type: "speed", stepsPerSecond: speed });

let stateText = "";
function setState(text: string): void {
  if (text !== stateText) byId("run-state").textContent = stateText = text;
}

function setRunning(value: boolean, diverged = false): void {
  running = value;
  controls.setRunning(running, canTrain && !diverged);
  if (!canTrain) setState("Cannot train: see the message above.");
  else if (diverged)
    setState(
      "Stopped: the loss is no longer a number (training diverged). Lower the learning rate, then Reset.",
    );
  else setState(running ? "Training…" : "Paused");
}

/** Starts a new run with the current settings, training at once if `resume`. */
function applySettings(resume: boolean): void {
  writeUrl();
  activationsView.setUsed([...settings.layers.map((l) => l.activation), "softmax"]);
  run++;
  info = null;
  curves.reset();
  send({ type: "configure", run, settings });
  if (resume) send({ type: "start" });
  running = resume;
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "–";
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
  byId("train-accuracy").textContent = pct(p.trainAccuracy);
  const acc = byId("test-accuracy");
  acc.textContent = pct(p.testAccuracy);
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
  byId("iterations-per-epoch").textContent = String(i.iterationsPerEpoch);
  byId("architecture").textContent = `${i.architecture} (${i.parameters} trainable parameters)`;
  const batch = Math.min(settings.batchSize, i.trainSize);
  byId("explain").textContent =
    `${i.trainSize} training samples in mini-batches of ${batch}: each iteration trains on one ` +
    `batch and updates the weights once, and ${i.iterationsPerEpoch} iterations make one epoch ` +
    `(one pass over the training set). The ${i.testSize} test samples are never trained on.`;
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
      heatmap.update(m.probabilities, m.grid);
      curves.append(m.curve);
      setRunning(m.running, m.progress.diverged);
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

window.addEventListener("resize", () => {
  heatmap.draw();
  curves.resize();
});

showNotes(parsed.notes);
applySettings(false);
