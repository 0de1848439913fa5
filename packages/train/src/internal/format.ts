import { describeValue } from "@neurite/tensor";
import type { Logs } from "../history.js";

/** A log value as progress lines show it: 4 decimals, or 3 significant digits in exponent form when tiny. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  const a = Math.abs(v);
  if (a !== 0 && a < 1e-3) return v.toExponential(3);
  return v.toFixed(4);
}

/** `loss: 0.4123 - accuracy: 0.8872 - val_loss: ...`, keys in the given order. */
export function formatLogs(logs: Logs, keys: readonly string[] = Object.keys(logs)): string {
  return keys
    .filter((k) => k in logs)
    .map((k) => `${k}: ${formatValue(logs[k]!)}`)
    .join(" - ");
}

/** A duration for progress output: `850µs`, `14ms`, `2.3s`, `1m 12s`. */
export function formatDuration(ms: number): string {
  if (!(ms >= 0)) return "?";
  if (ms < 1) return `${Math.round(ms * 1000)}µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  return `${Math.floor(s / 60)}m ${Math.round(s % 60)}s`;
}

/** A value for "got ..." in messages: numbers and booleans as they are, a string marked as one (`the string "2"`). */
export function describeGot(v: unknown): string {
  return typeof v === "number" || typeof v === "boolean" ? String(v) : describeValue(v);
}
