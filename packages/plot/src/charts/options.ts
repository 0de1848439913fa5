import { ValueError } from "@neurite/tensor";

/** Options every chart takes. */
export interface ChartOptions {
  /** Heading of the chart (each chart has a default). */
  title?: string;
  /** A smaller line under the title. */
  subtitle?: string;
  /** Width in pixels of the plot panel, axes included (each chart has a default). */
  width?: number;
  /** Height in pixels of the plot panel, axes included. */
  height?: number;
}

const COMMON = ["title", "subtitle", "width", "height"];

/**
 * Checks an options object: an object, only known keys, sizes positive and
 * titles strings. Returns it typed, with `{}` for undefined.
 * @throws ValueError naming the chart and the bad option
 */
export function checkOptions<T extends ChartOptions>(
  op: string,
  options: T | undefined,
  known: readonly string[],
): T {
  if (options === undefined) return {} as T;
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw new ValueError(op, "options", `expected an options object, got ${String(options)}`);
  const all = [...COMMON, ...known];
  for (const k of Object.keys(options))
    if (!all.includes(k))
      throw new ValueError(op, "options", `unknown option '${k}' (known: ${all.join(", ")})`);
  for (const k of ["width", "height"] as const) {
    const v = options[k];
    if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v >= 120))
      throw new ValueError(op, k, `expected a number of pixels ≥ 120, got ${String(v)}`);
  }
  for (const k of ["title", "subtitle"] as const) {
    const v = options[k];
    if (v !== undefined && typeof v !== "string")
      throw new ValueError(op, k, `expected a string, got ${typeof v}`);
  }
  return options;
}

/** Checks an optional `[lo, hi]` range option. */
export function checkDomain(
  op: string,
  arg: string,
  v: unknown,
): readonly [number, number] | undefined {
  if (v === undefined) return undefined;
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    !v.every((n) => typeof n === "number" && Number.isFinite(n)) ||
    !(v[0] < v[1])
  )
    throw new ValueError(
      op,
      arg,
      `expected [lo, hi] with finite lo < hi, got ${JSON.stringify(v)}`,
    );
  return v as [number, number];
}

/** Default panel size of a single chart. */
export const SIZE = { width: 640, height: 380 } as const;
