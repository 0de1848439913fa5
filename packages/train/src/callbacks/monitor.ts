import { ValueError } from "@neurite/tensor";
import type { Logs } from "../history.js";

/** Whether a monitored value should fall (`"min"`), rise (`"max"`), or be guessed from its name (`"auto"`). */
export type MonitorMode = "auto" | "min" | "max";

const MAXIMIZED = /(acc|accuracy|r2|f1|precision|recall|auc)$/i;

/**
 * The direction of `monitor`: `"max"` for names ending in accuracy, r2, f1,
 * precision, recall or auc (with or without `val_`), `"min"` otherwise
 * (losses and errors), as Keras's `"auto"`.
 */
export function resolveMode(op: string, mode: unknown, monitor: string): "min" | "max" {
  const m = mode ?? "auto";
  if (m !== "auto" && m !== "min" && m !== "max")
    throw new ValueError(op, "mode", `expected "auto", "min" or "max", got ${String(m)}`);
  if (m !== "auto") return m;
  return MAXIMIZED.test(monitor) ? "max" : "min";
}

/** Checks a `monitor` option. */
export function checkMonitor(op: string, monitor: unknown): string {
  if (typeof monitor !== "string" || monitor.length === 0)
    throw new ValueError(
      op,
      "monitor",
      `expected a log key such as "val_loss", got ${String(monitor)}`,
    );
  return monitor;
}

/** The value of `monitor` in `logs`, or an error that lists the keys there are. */
export function monitored(op: string, monitor: string, logs: Logs): number {
  const v = logs[monitor];
  if (v === undefined)
    throw new ValueError(
      op,
      "monitor",
      `'${monitor}' is not in the epoch's logs (they have ${Object.keys(logs).join(", ") || "nothing"})${
        monitor.startsWith("val_") ? "; validation keys need validationData or validationSplit" : ""
      }`,
    );
  return v;
}

/** True when `current` beats `best` by more than `minDelta` in direction `mode`. */
export function improves(
  mode: "min" | "max",
  current: number,
  best: number,
  minDelta: number,
): boolean {
  if (Number.isNaN(current)) return false;
  return mode === "min" ? current < best - minDelta : current > best + minDelta;
}
