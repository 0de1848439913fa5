import { type Tensor, ValueError } from "@neurite/tensor";
import { fmtShape } from "../metrics/targets.js";
import type { BatchLike } from "./data.js";

/** The index of the first NaN or infinite element, or -1 when every element is finite. */
export function firstNonFinite(d: ArrayLike<number>): number {
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    // v - v is 0 for every finite number and NaN for NaN and ±Infinity.
    if (v - v !== 0) return i;
  }
  return -1;
}

/**
 * True when every element is finite. Branch-free (`v * 0` is 0 for finite
 * values and NaN otherwise, and NaN survives the sum), so it runs at memory
 * speed: the per-step weight check of `TerminateOnNaN` relies on it.
 */
export function allFinite(d: ArrayLike<number>): boolean {
  // Four independent sums let the CPU overlap the additions (2-3x faster than one).
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  let z3 = 0;
  const n = d.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    z0 += d[i]! * 0;
    z1 += d[i + 1]! * 0;
    z2 += d[i + 2]! * 0;
    z3 += d[i + 3]! * 0;
  }
  for (; i < n; i++) z0 += d[i]! * 0;
  return z0 + z1 + z2 + z3 === 0;
}

function describeValue(v: number): string {
  return Number.isNaN(v) ? "NaN" : String(v);
}

/**
 * Throws a ValueError naming `op`, the tensor, the row and the column of its
 * first NaN or infinite value (and how many there are), so bad data fails
 * before the first step instead of silently ruining the weights. `where`
 * adds context such as the batch of a loader.
 */
export function checkFiniteData(op: string, arg: string, t: Tensor, where = ""): void {
  const d = t.data;
  const i = firstNonFinite(d);
  if (i < 0) return;
  let count = 0;
  for (let j = i; j < d.length; j++) {
    const v = d[j]!;
    if (v - v !== 0) count++;
  }
  const width = t.rank === 0 || t.shape[0] === 0 ? 1 : t.size / t.shape[0]!;
  const row = Math.floor(i / width);
  const col = i - row * width;
  const column =
    t.rank <= 1 ? "" : t.rank === 2 ? `, column ${col}` : `, element ${col} of the row`;
  throw new ValueError(
    op,
    arg,
    `${where}holds ${describeValue(d[i]!)} at row ${row}${column} (shape ${fmtShape(t.shape)}; ${count} non-finite value${count === 1 ? "" : "s"} in all): clean or impute the data (e.g. drop the rows), or pass checkFinite: false to skip this check`,
  );
}

/** Reads a `checkFinite` option (default true). */
export function checkFiniteOption(op: string, v: unknown): boolean {
  if (v === undefined) return true;
  if (typeof v !== "boolean")
    throw new ValueError(op, "checkFinite", `expected true or false, got ${String(v)}`);
  return v;
}

/** A loader's batches, each checked for NaN and infinities before it is used; `arg` names the loader. */
export function* finiteBatches(
  op: string,
  arg: string,
  loader: Iterable<BatchLike>,
): Generator<BatchLike> {
  let i = 0;
  for (const b of loader) {
    checkFiniteData(op, arg, b.x, `batch ${i}: its x `);
    checkFiniteData(op, arg, b.y, `batch ${i}: its y `);
    i++;
    yield b;
  }
}
