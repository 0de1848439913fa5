import type { TypedArray } from "@neurite/tensor";
import { CsvError } from "../errors.js";
import type { Policy } from "./policy.js";
import type { RawRow } from "./reader.js";
import type { ColumnPlan } from "./schema.js";
import type { Settings } from "./settings.js";
import { canonical, parseNumber } from "./values.js";

/** A feature column with everything needed to encode it. */
export interface FeatureCoding {
  /** 0-based column position. */
  readonly index: number;
  /** Column name. */
  readonly name: string;
  /** `"number"`, `"label"` or `"onehot"`. */
  readonly kind: "number" | "label" | "onehot";
  /** Category keys in encoding order (empty for numbers). */
  readonly categories: readonly string[];
  /** For a missing field under a fill policy: the number (or category index) to use. */
  readonly fill: number | undefined;
  /** Why a missing field cannot be filled, when `fill` is undefined under a fill policy. */
  readonly fillProblem?: string;
}

/** The target column with everything needed to encode it. */
export interface TargetCoding {
  /** 0-based column position. */
  readonly index: number;
  /** Column name. */
  readonly name: string;
  /** `"value"` or `"class"`. */
  readonly kind: "value" | "class";
  /** Class keys in label order (empty for a value target). */
  readonly classes: readonly string[];
}

const LIST_MAX = 10;

function quoteList(keys: readonly string[]): string {
  const shown = keys.slice(0, LIST_MAX).map((k) => JSON.stringify(k));
  return keys.length > LIST_MAX
    ? `${shown.join(", ")}, … (${keys.length} in all)`
    : shown.join(", ");
}

/**
 * Encodes CSV records into rows of `x` (and `y`), checking every field: row
 * width, numbers, categories, missing values under the policy.
 */
export class RowEncoder {
  /** Number of columns of `x`. */
  readonly width: number;
  /** One name per column of `x` (one-hot columns are `name=category`). */
  readonly featureNames: string[];
  private readonly lookups: Map<string, number>[];
  private readonly classLookup: Map<string, number>;

  /**
   * @param op - public function name for errors
   * @param names - all column names
   * @param hasHeader - whether names come from a header (then errors quote them)
   * @param features - feature codings, in output order
   * @param target - target coding or null
   * @param policy - the missing-value policy
   * @param isMissing - the missing-field test
   * @param input - the name of the argument holding the CSV, for error messages
   */
  constructor(
    private readonly op: string,
    private readonly names: readonly string[],
    private readonly hasHeader: boolean,
    readonly features: readonly FeatureCoding[],
    readonly target: TargetCoding | null,
    private readonly policy: Policy,
    private readonly isMissing: (s: string) => boolean,
    private readonly input = "text",
  ) {
    this.featureNames = [];
    for (const f of features) {
      if (f.kind === "onehot")
        for (const c of f.categories) this.featureNames.push(`${f.name}=${c}`);
      else this.featureNames.push(f.name);
    }
    this.width = this.featureNames.length;
    this.lookups = features.map((f) => new Map(f.categories.map((c, i) => [c, i])));
    this.classLookup = new Map((target?.classes ?? []).map((c, i) => [c, i]));
  }

  /** A `CsvError` for field `col` (0-based) of `row`. */
  fail(row: RawRow, col: number, detail: string): CsvError {
    const name = this.hasHeader && col < this.names.length ? this.names[col] : undefined;
    return new CsvError(this.op, this.input, row.line, col + 1, name, detail);
  }

  /** Throws unless the row has exactly one field per column. */
  checkWidth(row: RawRow): void {
    const n = this.names.length;
    const got = row.fields.length;
    if (got !== n) {
      throw new CsvError(
        this.op,
        this.input,
        row.line,
        Math.min(got, n) + 1,
        undefined,
        `expected ${n} fields, got ${got} (${got < n ? "too few" : "too many"})`,
      );
    }
  }

  /** The number in field `col`, or a `CsvError`. */
  number(row: RawRow, col: number, hint: string): number {
    const s = row.fields[col]!;
    const v = parseNumber(s);
    if (v === undefined)
      throw this.fail(row, col, `expected a number, got ${JSON.stringify(s)}${hint}`);
    return v;
  }

  /** True when the row has a missing field in a used column (after the width check). */
  hasMissing(row: RawRow): boolean {
    for (const f of this.features) if (this.isMissing(row.fields[f.index]!)) return true;
    return this.target !== null && this.isMissing(row.fields[this.target.index]!);
  }

  /**
   * Writes the row's features at row `r` of `x` and its target at `y[r]`.
   * Returns false, writing nothing, when the row is dropped (policy `"drop"`).
   */
  encode(row: RawRow, x: TypedArray, r: number, y: TypedArray | null): boolean {
    this.checkWidth(row);
    if (this.policy.kind === "drop" && this.hasMissing(row)) return false;
    const f = row.fields;
    let o = r * this.width;
    for (let k = 0; k < this.features.length; k++) {
      const spec = this.features[k]!;
      const s = f[spec.index]!;
      const missing = this.isMissing(s);
      if (missing && this.policy.kind !== "fill")
        throw this.fail(
          row,
          spec.index,
          `missing value ${JSON.stringify(s)} (options.missing is "error"; use "drop" or { fill })`,
        );
      if (missing && spec.fill === undefined)
        throw this.fail(
          row,
          spec.index,
          `missing value cannot be filled: ${spec.fillProblem ?? "no fill value"}`,
        );
      if (spec.kind === "number") {
        x[o++] = missing
          ? spec.fill!
          : this.number(
              row,
              spec.index,
              " (list the column in options.categorical to encode text)",
            );
        continue;
      }
      let idx: number;
      if (missing) idx = spec.fill!;
      else {
        const found = this.lookups[k]!.get(canonical(s));
        if (found === undefined)
          throw this.fail(
            row,
            spec.index,
            `unknown category ${JSON.stringify(s.trim())}; expected one of ${quoteList(spec.categories)}`,
          );
        idx = found;
      }
      if (spec.kind === "label") x[o++] = idx;
      else {
        for (let c = 0; c < spec.categories.length; c++) x[o + c] = c === idx ? 1 : 0;
        o += spec.categories.length;
      }
    }
    const t = this.target;
    if (t !== null && y !== null) {
      const s = f[t.index]!;
      if (this.isMissing(s))
        throw this.fail(
          row,
          t.index,
          `missing target value ${JSON.stringify(s)} (targets are never filled; use missing: "drop")`,
        );
      if (t.kind === "value")
        y[r] = this.number(row, t.index, ' (set targetType: "class" for class labels)');
      else {
        const label = this.classLookup.get(canonical(s));
        if (label === undefined)
          throw this.fail(
            row,
            t.index,
            `unknown class ${JSON.stringify(s.trim())}; expected one of ${quoteList(t.classes)}`,
          );
        y[r] = label;
      }
    }
    return true;
  }
}

/**
 * The {@link RowEncoder} of a planned file: its column names and header
 * from `plan`, the missing-value policy and test from the checked settings.
 */
export function encoderFor(
  op: string,
  plan: ColumnPlan,
  s: Settings,
  features: readonly FeatureCoding[],
  target: TargetCoding | null,
  input: string,
): RowEncoder {
  return new RowEncoder(
    op,
    plan.names,
    plan.hasHeader,
    features,
    target,
    s.policy,
    s.isMissing,
    input,
  );
}
