/**
 * The settings form and the run buttons. Plain labelled form controls, so
 * everything works with the keyboard and a screen reader; a number that is
 * out of range is flagged on its field and not applied.
 */
import {
  DATASETS,
  DROPOUT_RATES,
  formatNumber,
  HIDDEN_ACTIVATIONS,
  isSynthetic,
  type LayerSpec,
  LEARNING_RATES,
  LIMITS,
  OPTIMIZERS,
  type Settings,
  SPEEDS,
} from "../state.js";
import { h } from "./dom.js";

/** What the controls report. */
export interface ControlHandlers {
  /** The user changed a setting (the new settings are valid). */
  onChange(settings: Settings): void;
  /** Start: train until paused. */
  onStart(): void;
  /** Pause (the Start button while training). */
  onPause(): void;
  /** Step: train one mini-batch (one iteration) while paused. */
  onStep(): void;
  /** Reset: back to the untrained network of the same settings. */
  onReset(): void;
  /** The speed menu: iterations per second, 0 for as fast as possible. */
  onSpeed(stepsPerSecond: number): void;
}

const DATASET_LABELS: Record<(typeof DATASETS)[number], string> = {
  xor: "XOR",
  moons: "Moons",
  circles: "Circles",
  spirals: "Spirals",
  blobs: "Blobs (3 classes)",
  iris: "Iris (table: 4 features, 3 classes)",
  wine: "Wine (table: 13 features, 3 classes)",
  breastCancer: "Breast cancer (table: 30 features, 2 classes)",
  digits: "Digits (table: 64 features, 10 classes)",
  csv: "Your CSV file",
};

const OPTIMIZER_LABELS: Record<(typeof OPTIMIZERS)[number], string> = {
  sgd: "SGD",
  momentum: "SGD with momentum 0.9",
  adam: "Adam",
  rmsprop: "RMSprop",
  adagrad: "Adagrad",
  adadelta: "Adadelta",
  adamax: "Adamax",
  nadam: "Nadam",
  adamw: "AdamW",
};

function options(
  select: HTMLSelectElement,
  values: readonly (string | number)[],
  label: (v: string) => string,
): void {
  select.replaceChildren(...values.map((v) => h("option", { value: String(v) }, label(String(v)))));
}

/** Sets a select's value, adding the value as an option first if it is not listed. */
function choose(select: HTMLSelectElement, value: string, label: (v: string) => string): void {
  if (![...select.options].some((o) => o.value === value))
    select.append(h("option", { value }, label(value)));
  select.value = value;
}

/** A number field with a label, an error line and range checking. */
class NumberField {
  readonly input: HTMLInputElement;
  readonly error: HTMLElement;
  readonly row: HTMLElement;

  constructor(
    id: string,
    labelText: string | Node,
    private readonly min: number,
    private readonly max: number,
    step: number | "any",
    private readonly integer: boolean,
    private readonly apply: (value: number) => void,
  ) {
    this.input = h("input", {
      id,
      name: id,
      type: "number",
      min,
      max,
      step,
      inputmode: integer ? "numeric" : "decimal",
      "aria-describedby": `${id}-error`,
      "data-testid": id,
    });
    this.error = h("span", { id: `${id}-error`, class: "field-error", "aria-live": "polite" });
    this.row = h("div", { class: "field" }, h("label", { for: id }, labelText), this.input);
    this.row.append(this.error);
    this.input.addEventListener("change", () => this.commit());
  }

  set(value: number): void {
    this.input.value = String(value);
    this.flag("");
  }

  private flag(message: string): void {
    this.error.textContent = message;
    this.input.setCustomValidity(message);
    if (message) this.input.setAttribute("aria-invalid", "true");
    else this.input.removeAttribute("aria-invalid");
  }

  private commit(): void {
    const raw = this.input.value.trim();
    const v = Number(raw);
    if (
      raw === "" ||
      !Number.isFinite(v) ||
      v < this.min ||
      v > this.max ||
      (this.integer && !Number.isInteger(v))
    ) {
      this.flag(
        `Enter ${this.integer ? "a whole number" : "a number"} from ${this.min} to ${this.max}.`,
      );
      return;
    }
    this.flag("");
    this.apply(v);
  }
}

/** The settings form plus Start/Pause, Step and Reset. */
export class ControlsView {
  private settings: Settings;
  private readonly handlers: ControlHandlers;
  private readonly dataset: HTMLSelectElement;
  private readonly samples: NumberField;
  private readonly noise: HTMLInputElement;
  private readonly noiseOut: HTMLOutputElement;
  private readonly layerCount: NumberField;
  private readonly layerRows: HTMLElement;
  private layerFields: { units: NumberField; activation: HTMLSelectElement }[] = [];
  private readonly batchNorm: HTMLInputElement;
  private readonly dropout: HTMLSelectElement;
  private readonly optimizer: HTMLSelectElement;
  private readonly lr: HTMLSelectElement;
  private readonly batchSize: NumberField;
  private readonly seed: NumberField;
  private readonly epochs: NumberField;
  private readonly patience: NumberField;
  private readonly syntheticRows: HTMLElement[];
  /** The Start / Pause toggle. */
  readonly startButton: HTMLButtonElement;
  /** One iteration while paused. */
  readonly stepButton: HTMLButtonElement;
  /** Back to the start of the same run. */
  readonly resetButton: HTMLButtonElement;
  /** Iterations per second. */
  readonly speedSelect: HTMLSelectElement;
  private running = false;

  /**
   * @param form - an empty form for the settings
   * @param buttons - an empty element for the run buttons
   */
  constructor(
    form: HTMLFormElement,
    buttons: HTMLElement,
    settings: Settings,
    handlers: ControlHandlers,
  ) {
    this.settings = settings;
    this.handlers = handlers;
    form.addEventListener("submit", (e) => e.preventDefault());

    // ---- data ----
    this.dataset = h("select", { id: "dataset", name: "dataset", "data-testid": "dataset" });
    options(
      this.dataset,
      DATASETS.filter((d) => d !== "csv"),
      (v) => DATASET_LABELS[v as (typeof DATASETS)[number]],
    );
    this.dataset.addEventListener("change", () =>
      this.change({ dataset: this.dataset.value as Settings["dataset"] }),
    );
    this.samples = new NumberField(
      "samples",
      "Samples",
      LIMITS.samples.min,
      LIMITS.samples.max,
      10,
      true,
      (samples) => this.change({ samples }),
    );
    this.noise = h("input", {
      id: "noise",
      name: "noise",
      type: "range",
      min: LIMITS.noise.min,
      max: 0.5,
      step: 0.05,
      "data-testid": "noise",
    });
    this.noiseOut = h("output", { for: "noise", id: "noise-value" });
    this.noise.addEventListener("input", () => {
      this.noiseOut.value = this.noise.value;
    });
    this.noise.addEventListener("change", () => this.change({ noise: Number(this.noise.value) }));
    const noiseRow = h(
      "div",
      { class: "field" },
      h("label", { for: "noise" }, "Noise"),
      h("span", { class: "range" }, this.noise, this.noiseOut),
    );
    this.syntheticRows = [this.samples.row, noiseRow];
    const data = h(
      "fieldset",
      {},
      h("legend", {}, "Data"),
      h("div", { class: "field" }, h("label", { for: "dataset" }, "Dataset"), this.dataset),
      this.samples.row,
      noiseRow,
      h(
        "p",
        { class: "hint" },
        "Features are standardized on the training set; 25% of the samples are held out for validation.",
      ),
    );

    // ---- network ----
    this.layerCount = new NumberField(
      "layer-count",
      "Hidden layers",
      LIMITS.layers.min,
      LIMITS.layers.max,
      1,
      true,
      (n) => this.resizeLayers(n),
    );
    this.layerRows = h("div", { class: "layer-rows" });
    this.batchNorm = h("input", {
      id: "batchnorm",
      name: "batchnorm",
      type: "checkbox",
      "data-testid": "batchnorm",
    });
    this.batchNorm.addEventListener("change", () =>
      this.change({ batchNorm: this.batchNorm.checked }),
    );
    this.dropout = h("select", { id: "dropout", name: "dropout", "data-testid": "dropout" });
    options(this.dropout, DROPOUT_RATES, dropoutLabel);
    this.dropout.addEventListener("change", () =>
      this.change({ dropout: Number(this.dropout.value) }),
    );
    const network = h(
      "fieldset",
      {},
      h("legend", {}, "Network"),
      this.layerCount.row,
      this.layerRows,
      h(
        "div",
        { class: "field check" },
        this.batchNorm,
        h("label", { for: "batchnorm" }, "Batch normalization"),
      ),
      h("div", { class: "field" }, h("label", { for: "dropout" }, "Dropout"), this.dropout),
      h(
        "p",
        { class: "hint" },
        "The output layer has one unit per class, with softmax (one unit for a regression).",
      ),
    );

    // ---- training ----
    this.optimizer = h("select", {
      id: "optimizer",
      name: "optimizer",
      "data-testid": "optimizer",
    });
    options(this.optimizer, OPTIMIZERS, (v) => OPTIMIZER_LABELS[v as (typeof OPTIMIZERS)[number]]);
    this.optimizer.addEventListener("change", () =>
      this.change({ optimizer: this.optimizer.value as Settings["optimizer"] }),
    );
    this.lr = h("select", { id: "lr", name: "lr", "data-testid": "lr" });
    options(this.lr, LEARNING_RATES, (v) => v);
    this.lr.addEventListener("change", () => this.change({ learningRate: Number(this.lr.value) }));
    this.batchSize = new NumberField(
      "batch",
      "Batch size",
      LIMITS.batchSize.min,
      LIMITS.batchSize.max,
      1,
      true,
      (batchSize) => this.change({ batchSize }),
    );
    this.seed = new NumberField("seed", "Seed", LIMITS.seed.min, LIMITS.seed.max, 1, true, (seed) =>
      this.change({ seed }),
    );
    const newSeed = h("button", { type: "button", id: "new-seed" }, "New seed");
    newSeed.addEventListener("click", () =>
      this.change({ seed: Math.floor(Math.random() * 1_000_000) }),
    );
    this.seed.row.insertBefore(newSeed, this.seed.error);
    this.epochs = new NumberField(
      "epochs",
      "Epoch limit (0: none)",
      LIMITS.epochs.min,
      LIMITS.epochs.max,
      1,
      true,
      (epochs) => this.change({ epochs }),
    );
    this.patience = new NumberField(
      "patience",
      "Early stopping patience (0: off)",
      LIMITS.patience.min,
      LIMITS.patience.max,
      1,
      true,
      (patience) => this.change({ patience }),
    );
    const training = h(
      "fieldset",
      {},
      h("legend", {}, "Training"),
      h("div", { class: "field" }, h("label", { for: "optimizer" }, "Optimizer"), this.optimizer),
      h("div", { class: "field" }, h("label", { for: "lr" }, "Learning rate"), this.lr),
      this.batchSize.row,
      this.seed.row,
      this.epochs.row,
      this.patience.row,
      h(
        "p",
        { class: "hint" },
        "Early stopping ends the run once the validation loss has not improved for that many epochs.",
      ),
    );
    form.append(data, network, training);

    // ---- run buttons ----
    this.startButton = h(
      "button",
      { type: "button", id: "start", class: "primary", "data-testid": "start" },
      "Start",
    );
    this.stepButton = h(
      "button",
      {
        type: "button",
        id: "step",
        "data-testid": "step",
        title: "Train on one mini-batch (one iteration)",
      },
      "Step",
    );
    this.resetButton = h(
      "button",
      {
        type: "button",
        id: "reset",
        "data-testid": "reset",
        title: "Back to the untrained network (same seed, same run)",
      },
      "Reset",
    );
    this.startButton.addEventListener("click", () =>
      this.running ? handlers.onPause() : handlers.onStart(),
    );
    this.stepButton.addEventListener("click", () => handlers.onStep());
    this.resetButton.addEventListener("click", () => handlers.onReset());
    this.speedSelect = h("select", { id: "speed", name: "speed", "data-testid": "speed" });
    options(this.speedSelect, SPEEDS, speedLabel);
    this.speedSelect.addEventListener("change", () =>
      handlers.onSpeed(Number(this.speedSelect.value)),
    );
    buttons.append(
      this.startButton,
      this.stepButton,
      this.resetButton,
      h("span", { class: "speed" }, h("label", { for: "speed" }, "Speed"), " ", this.speedSelect),
    );
    this.set(settings);
  }

  /** Shows the speed (iterations per second, 0 for as fast as possible). */
  setSpeed(stepsPerSecond: number): void {
    choose(this.speedSelect, String(stepsPerSecond), speedLabel);
  }

  /**
   * Offers "Your CSV" in the dataset menu once a file is in use (`name`), or
   * removes it (`null`).
   */
  setCsvName(name: string | null): void {
    this.dataset.querySelector('option[value="csv"]')?.remove();
    if (name !== null) this.dataset.append(h("option", { value: "csv" }, `Your CSV: ${name}`));
  }

  /** Shows `settings` in the form. */
  set(settings: Settings): void {
    this.settings = settings;
    this.dataset.value = settings.dataset;
    for (const row of this.syntheticRows) row.hidden = !isSynthetic(settings.dataset);
    this.samples.set(settings.samples);
    this.noise.value = String(settings.noise);
    this.noiseOut.value = formatNumber(settings.noise);
    this.layerCount.set(settings.layers.length);
    this.renderLayers();
    this.batchNorm.checked = settings.batchNorm;
    choose(this.dropout, String(settings.dropout), dropoutLabel);
    this.optimizer.value = settings.optimizer;
    choose(this.lr, String(settings.learningRate), (v) => v);
    this.batchSize.set(settings.batchSize);
    this.seed.set(settings.seed);
    this.epochs.set(settings.epochs);
    this.patience.set(settings.patience);
  }

  /** Shows whether training runs: the toggle reads Pause while it does; Step only works paused. */
  setRunning(running: boolean, canTrain: boolean): void {
    this.running = running;
    this.startButton.textContent = running ? "Pause" : "Start";
    this.startButton.disabled = !canTrain && !running;
    this.stepButton.disabled = running || !canTrain;
  }

  private change(patch: Partial<Settings>): void {
    this.settings = { ...this.settings, ...patch };
    for (const row of this.syntheticRows) row.hidden = !isSynthetic(this.settings.dataset);
    this.handlers.onChange(this.settings);
  }

  private resizeLayers(n: number): void {
    const layers = this.settings.layers.slice(0, n);
    while (layers.length < n) {
      const last = layers[layers.length - 1];
      layers.push({ units: last?.units ?? 4, activation: last?.activation ?? "tanh" });
    }
    this.settings = { ...this.settings, layers };
    this.renderLayers();
    this.handlers.onChange(this.settings);
  }

  private setLayer(i: number, patch: Partial<LayerSpec>): void {
    const layers = this.settings.layers.map((l, j) => (j === i ? { ...l, ...patch } : l));
    this.change({ layers });
  }

  /** One row per hidden layer: units and activation. Rebuilt only when the count changes. */
  private renderLayers(): void {
    const layers = this.settings.layers;
    if (this.layerFields.length !== layers.length) {
      this.layerFields = layers.map((_, i) => {
        const units = new NumberField(
          `units-${i}`,
          labelled(`Layer ${i + 1} `, "units"),
          LIMITS.units.min,
          LIMITS.units.max,
          1,
          true,
          (u) => this.setLayer(i, { units: u }),
        );
        const activation = h("select", {
          id: `activation-${i}`,
          name: `activation-${i}`,
          "data-testid": `activation-${i}`,
        });
        options(activation, HIDDEN_ACTIVATIONS, (v) => v);
        activation.addEventListener("change", () =>
          this.setLayer(i, { activation: activation.value as LayerSpec["activation"] }),
        );
        return { units, activation };
      });
      this.layerRows.replaceChildren(
        ...this.layerFields.map(({ units, activation }, i) =>
          h(
            "div",
            { class: "layer-row", "data-layer": i },
            h("div", { class: "layer-title", "aria-hidden": "true" }, `Layer ${i + 1}`),
            units.row,
            h(
              "div",
              { class: "field" },
              h("label", { for: activation.id }, labelled(`Layer ${i + 1} `, "activation")),
              activation,
            ),
          ),
        ),
      );
    }
    layers.forEach((l, i) => {
      const f = this.layerFields[i]!;
      f.units.set(l.units);
      f.activation.value = l.activation;
    });
  }
}

/** A label whose first part is only read out (the row's heading shows it). */
function labelled(hidden: string, shown: string): DocumentFragment {
  const f = document.createDocumentFragment();
  f.append(
    h("span", { class: "visually-hidden" }, hidden),
    shown[0]!.toUpperCase() + shown.slice(1),
  );
  return f;
}

function speedLabel(v: string): string {
  return Number(v) === 0 ? "As fast as possible" : `${v} iterations/s`;
}

function dropoutLabel(v: string): string {
  return Number(v) === 0 ? "Off" : `Rate ${v}`;
}
