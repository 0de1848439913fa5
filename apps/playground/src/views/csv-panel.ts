/**
 * "Your data": pick or drop a CSV file, see its columns, choose the target,
 * the features and the task, then train on it. Parsing errors (with their
 * line and column, from `@neurite/datasets`) are shown in the panel.
 */
import { type CsvChoice, type CsvOverview, inspectCsv, readCsvData } from "../csv-data.js";
import type { CustomData } from "../protocol.js";
import { h } from "./dom.js";

/** What the panel reports. */
export interface CsvPanelHandlers {
  /** The user chose to train on the file, as parsed. */
  onData(data: CustomData, choice: CsvChoice, fileName: string): void;
}

/** The CSV panel: a file input and a drop zone, the column choice, and an error line. */
export class CsvPanel {
  private readonly file: HTMLInputElement;
  private readonly error: HTMLElement;
  private readonly status: HTMLElement;
  private readonly choices: HTMLElement;
  private readonly target: HTMLSelectElement;
  private readonly task: HTMLSelectElement;
  private readonly features: HTMLElement;
  private text = "";
  private fileName = "";
  private overview: CsvOverview | null = null;

  /** @param root - an empty element for the panel */
  constructor(
    root: HTMLElement,
    private readonly handlers: CsvPanelHandlers,
  ) {
    this.file = h("input", {
      id: "csv-file",
      type: "file",
      accept: ".csv,.tsv,.txt,text/csv",
      "data-testid": "csv-file",
    });
    this.file.addEventListener("change", () => {
      const f = this.file.files?.[0];
      if (f) void this.load(f);
    });
    const drop = h(
      "label",
      { class: "drop-zone", for: "csv-file", id: "csv-drop" },
      "Drop a CSV file here, or ",
      h("span", { class: "link" }, "choose one"),
      ". It stays in your browser.",
    );
    for (const type of ["dragenter", "dragover"])
      drop.addEventListener(type, (e) => {
        e.preventDefault();
        drop.classList.add("over");
      });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      const f = (e as DragEvent).dataTransfer?.files[0];
      if (f) void this.load(f);
    });
    this.error = h("p", { id: "csv-error", class: "field-error csv-error", role: "alert" });
    this.status = h("p", { id: "csv-status", class: "hint", "aria-live": "polite" });
    this.target = h("select", { id: "csv-target", "data-testid": "csv-target" });
    this.target.addEventListener("change", () => this.renderFeatures());
    this.task = h("select", { id: "csv-task", "data-testid": "csv-task" });
    this.task.append(
      h("option", { value: "classification" }, "Classification"),
      h("option", { value: "regression" }, "Regression"),
    );
    this.features = h("div", { id: "csv-features", class: "csv-features" });
    const use = h(
      "button",
      { type: "button", id: "csv-use", class: "primary", "data-testid": "csv-use" },
      "Train on this data",
    );
    use.addEventListener("click", () => this.use());
    this.choices = h(
      "div",
      { id: "csv-choices", hidden: true },
      h("div", { class: "field" }, h("label", { for: "csv-target" }, "Target column"), this.target),
      h("div", { class: "field" }, h("label", { for: "csv-task" }, "Task"), this.task),
      h(
        "fieldset",
        { class: "csv-feature-set" },
        h("legend", {}, "Feature columns (numbers)"),
        this.features,
      ),
      use,
    );
    root.append(
      h(
        "fieldset",
        {},
        h("legend", {}, "Your data"),
        this.file,
        drop,
        this.status,
        this.error,
        this.choices,
      ),
    );
  }

  private async load(file: File): Promise<void> {
    this.fileName = file.name;
    try {
      this.showText(file.name, await file.text());
    } catch (e) {
      this.fail(e);
    }
  }

  /** Reads `text` as the file `name` (what a pick or a drop does). */
  showText(name: string, text: string): void {
    this.fileName = name;
    this.text = text;
    this.overview = null;
    this.choices.hidden = true;
    this.fail(null);
    try {
      const o = inspectCsv(text);
      this.overview = o;
      this.status.textContent = `${name}: ${o.rows} rows, ${o.columns.length} columns.`;
      this.target.replaceChildren(...o.columns.map((c) => h("option", { value: c }, c)));
      this.target.value = o.target;
      this.task.value = o.task;
      this.renderFeatures();
      this.choices.hidden = false;
    } catch (e) {
      this.status.textContent = `${name} could not be read.`;
      this.fail(e);
    }
  }

  private renderFeatures(): void {
    const o = this.overview;
    if (!o) return;
    this.features.replaceChildren(
      ...o.columns
        .filter((c) => c !== this.target.value)
        .map((c, i) =>
          h(
            "label",
            { class: "check" },
            h("input", {
              type: "checkbox",
              value: c,
              checked: true,
              id: `csv-feature-${i}`,
              name: "csv-feature",
            }),
            ` ${c}`,
          ),
        ),
    );
  }

  private use(): void {
    const features = [...this.features.querySelectorAll<HTMLInputElement>("input[type=checkbox]")]
      .filter((c) => c.checked)
      .map((c) => c.value);
    const choice: CsvChoice = {
      target: this.target.value,
      features,
      task: this.task.value === "regression" ? "regression" : "classification",
    };
    try {
      const data = readCsvData(this.text, this.fileName, choice);
      this.fail(null);
      this.handlers.onData(data, choice, this.fileName);
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    if (e === null) {
      this.error.textContent = "";
      return;
    }
    const message = e instanceof Error ? e.message : String(e);
    // parseCsv's messages start with "parseCsv: argument 'text': ": the line is what matters here.
    const plain = message
      .replace(/^parseCsv: argument '[^']*': /, "")
      .replace(/\s*\(list the column in options\.categorical[^)]*\)/, "");
    this.error.textContent = /expected a number/.test(plain)
      ? `${plain}. Untick that column to leave it out, or fix the file.`
      : plain;
  }
}
