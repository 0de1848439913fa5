import { ValueError } from "@neurite/tensor";
import type { FeatureCoding, RowEncoder, TargetCoding } from "./encoder.js";
import type { FillStrategy } from "./options.js";
import type { Policy } from "./policy.js";
import type { RawRow } from "./reader.js";
import type { ColumnPlan, FeaturePlan } from "./schema.js";
import { canonical, parseNumber, sortCategories } from "./values.js";

function median(values: number[]): number {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The most frequent key; ties go to the one that sorts first. */
function mostFrequent(counts: Map<string, number>): string {
  let best: string | undefined;
  let bestCount = -1;
  for (const key of sortCategories(counts.keys())) {
    const c = counts.get(key)!;
    if (c > bestCount) {
      best = key;
      bestCount = c;
    }
  }
  return best!;
}

/**
 * Codings for `parseCsv`, which sees every row: infers categories, classes and
 * the target type, and computes fill values over the rows kept.
 * `probe` is an encoder over the plan used only for its checks and errors.
 */
export function inferCodings(
  op: string,
  plan: ColumnPlan,
  rows: readonly RawRow[],
  policy: Policy,
  isMissing: (s: string) => boolean,
  probe: RowEncoder,
): { features: FeatureCoding[]; target: TargetCoding | null } {
  for (const row of rows) probe.checkWidth(row);
  const kept = policy.kind === "drop" ? rows.filter((r) => !probe.hasMissing(r)) : rows;
  const features = plan.features.map((p) => inferFeature(op, p, kept, policy, isMissing, probe));
  let target: TargetCoding | null = null;
  const t = plan.target;
  if (t !== null) {
    const keys = new Set<string>();
    let allNumbers = true;
    for (const row of kept) {
      const s = row.fields[t.index]!;
      if (isMissing(s)) continue;
      if (parseNumber(s) === undefined) allNumbers = false;
      keys.add(canonical(s));
    }
    const kind =
      t.type === "auto" ? (t.classes !== null || !allNumbers ? "class" : "value") : t.type;
    target = {
      index: t.index,
      name: t.name,
      kind,
      classes: kind === "class" ? (t.classes ?? sortCategories(keys)) : [],
    };
  }
  return { features, target };
}

function inferFeature(
  op: string,
  p: FeaturePlan,
  kept: readonly RawRow[],
  policy: Policy,
  isMissing: (s: string) => boolean,
  probe: RowEncoder,
): FeatureCoding {
  const strategy = policy.kind === "fill" ? policy.strategy : undefined;
  if (p.kind === "number") {
    if (strategy === undefined || typeof strategy === "number")
      return { index: p.index, name: p.name, kind: p.kind, categories: [], fill: strategy };
    const values: number[] = [];
    const counts = new Map<string, number>();
    for (const row of kept) {
      if (isMissing(row.fields[p.index]!)) continue;
      const v = probe.number(
        row,
        p.index,
        " (list the column in options.categorical to encode text)",
      );
      values.push(v);
      if (strategy === "mostFrequent") counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    }
    if (values.length === 0)
      return {
        index: p.index,
        name: p.name,
        kind: p.kind,
        categories: [],
        fill: undefined,
        fillProblem: `column ${p.name} has no values to compute the ${strategy} from`,
      };
    let fill: number;
    if (strategy === "mean") {
      let s = 0;
      for (const v of values) s += v;
      fill = s / values.length;
    } else if (strategy === "median") fill = median(values);
    else fill = Number(mostFrequent(counts));
    return { index: p.index, name: p.name, kind: p.kind, categories: [], fill };
  }
  const counts = new Map<string, number>();
  for (const row of kept) {
    const s = row.fields[p.index]!;
    if (isMissing(s)) continue;
    const key = canonical(s);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const categories = p.categories ?? sortCategories(counts.keys());
  if (categories.length === 0)
    throw new ValueError(
      op,
      "options.categorical",
      `column ${p.name} has no values to take categories from`,
    );
  return categoricalFill(p, categories, strategy, counts);
}

function categoricalFill(
  p: FeaturePlan,
  categories: string[],
  strategy: FillStrategy | undefined,
  counts: Map<string, number> | null,
): FeatureCoding {
  const base = { index: p.index, name: p.name, kind: p.kind, categories };
  if (strategy === undefined) return { ...base, fill: undefined };
  if (strategy !== "mostFrequent" || counts === null)
    return {
      ...base,
      fill: undefined,
      fillProblem: `categorical column ${p.name} can only be filled with "mostFrequent"${counts === null ? " in parseCsv, not while streaming" : `, not ${JSON.stringify(strategy)}`}`,
    };
  const key = mostFrequent(counts);
  return { ...base, fill: categories.indexOf(key) };
}

/**
 * Codings for `streamCsv`, which never sees the whole file: categories and
 * classes must come from the options, and only a constant fill is possible.
 */
export function streamCodings(
  op: string,
  plan: ColumnPlan,
  policy: Policy,
): { features: FeatureCoding[]; target: TargetCoding | null } {
  const strategy = policy.kind === "fill" ? policy.strategy : undefined;
  if (strategy !== undefined && typeof strategy !== "number")
    throw new ValueError(
      op,
      "options.missing.fill",
      `${JSON.stringify(strategy)} needs the whole column; while streaming, fill with a number or use "drop"`,
    );
  const features = plan.features.map((p): FeatureCoding => {
    if (p.kind === "number")
      return { index: p.index, name: p.name, kind: p.kind, categories: [], fill: strategy };
    if (p.categories === null)
      throw new ValueError(
        op,
        "options.categorical",
        `column ${p.name}: streaming needs its categories listed ({ column, categories: [...] })`,
      );
    return categoricalFill(p, p.categories, strategy, null);
  });
  let target: TargetCoding | null = null;
  const t = plan.target;
  if (t !== null) {
    const kind = t.type === "auto" ? (t.classes !== null ? "class" : "value") : t.type;
    if (kind === "class" && t.classes === null)
      throw new ValueError(
        op,
        "options.classes",
        "a class target needs its classes listed when streaming (options.classes)",
      );
    target = { index: t.index, name: t.name, kind, classes: kind === "class" ? t.classes! : [] };
  }
  return { features, target };
}
