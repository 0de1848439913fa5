import { ValueError } from "@neurite/tensor";
import { describe } from "../internal/describe.js";
import type { CategoricalEncoding, CsvOptions, TargetType } from "./options.js";
import { canonical } from "./values.js";

/** A feature column before its categories are known. */
export interface FeaturePlan {
  /** 0-based column position. */
  readonly index: number;
  /** Column name (header name, or `column_<index>`). */
  readonly name: string;
  /** `"number"`, or the encoding of a categorical column. */
  readonly kind: "number" | CategoricalEncoding;
  /** Canonical category keys given in the options, or `null` to infer them. */
  readonly categories: string[] | null;
}

/** The target column before its classes are known. */
export interface TargetPlan {
  /** 0-based column position. */
  readonly index: number;
  /** Column name. */
  readonly name: string;
  /** Requested target type. */
  readonly type: TargetType;
  /** Canonical class keys given in the options, or `null`. */
  readonly classes: string[] | null;
}

/** Which columns are used and how, from the options and the column names. */
export interface ColumnPlan {
  /** All column names of the file. */
  readonly names: string[];
  /** Whether names came from a header row. */
  readonly hasHeader: boolean;
  /** Feature columns in output order. */
  readonly features: FeaturePlan[];
  /** The target, or `null`. */
  readonly target: TargetPlan | null;
}

/** Resolves one column reference against the names (0-based result). */
export function resolveColumn(
  op: string,
  arg: string,
  ref: unknown,
  names: readonly string[],
  hasHeader: boolean,
): number {
  if (typeof ref === "number") {
    if (!Number.isInteger(ref) || ref < -names.length || ref >= names.length) {
      throw new ValueError(
        op,
        arg,
        `column index ${ref} is outside the ${names.length} columns (valid: ${-names.length}..${names.length - 1})`,
      );
    }
    return ref < 0 ? ref + names.length : ref;
  }
  if (typeof ref === "string") {
    if (!hasHeader) {
      throw new ValueError(
        op,
        arg,
        `column ${JSON.stringify(ref)} is a name, but the text has no header row; use a 0-based index or set header: true`,
      );
    }
    const first = names.indexOf(ref);
    if (first < 0) {
      throw new ValueError(
        op,
        arg,
        `no column named ${JSON.stringify(ref)}; the columns are ${names.map((n) => JSON.stringify(n)).join(", ")}`,
      );
    }
    if (names.indexOf(ref, first + 1) >= 0)
      throw new ValueError(
        op,
        arg,
        `column name ${JSON.stringify(ref)} occurs more than once; use its index`,
      );
    return first;
  }
  throw new ValueError(op, arg, `expected a column name or index, got ${describe(ref)}`);
}

function categoryList(op: string, arg: string, list: unknown): string[] | null {
  if (list === undefined) return null;
  if (!Array.isArray(list) || list.length === 0)
    throw new ValueError(
      op,
      arg,
      `expected a non-empty array of categories, got ${describe(list)}`,
    );
  const keys = list.map((v, i) => {
    if (typeof v !== "string" && typeof v !== "number")
      throw new ValueError(op, arg, `entry ${i} must be a string or a number, got ${describe(v)}`);
    return canonical(String(v));
  });
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined)
    throw new ValueError(op, arg, `category ${JSON.stringify(dup)} is listed twice`);
  return keys;
}

/** Decides which columns are features and target, and how each is encoded. */
export function planColumns(
  op: string,
  options: CsvOptions,
  names: string[],
  hasHeader: boolean,
): ColumnPlan {
  const targetType = options.targetType ?? "auto";
  if (targetType !== "auto" && targetType !== "class" && targetType !== "value")
    throw new ValueError(
      op,
      "options.targetType",
      `expected "auto", "class" or "value", got ${describe(targetType)}`,
    );
  let target: TargetPlan | null = null;
  if (options.target !== undefined) {
    const index = resolveColumn(op, "options.target", options.target, names, hasHeader);
    const classes = categoryList(op, "options.classes", options.classes);
    if (classes !== null && targetType === "value")
      throw new ValueError(op, "options.classes", 'classes were given but targetType is "value"');
    target = { index, name: names[index]!, type: targetType, classes };
  } else if (options.classes !== undefined || options.targetType !== undefined) {
    throw new ValueError(
      op,
      "options.target",
      "classes or targetType were given, but no target column",
    );
  }
  let featureIdx: number[];
  if (options.features !== undefined) {
    if (!Array.isArray(options.features) || options.features.length === 0)
      throw new ValueError(
        op,
        "options.features",
        `expected a non-empty array of columns, got ${describe(options.features)}`,
      );
    featureIdx = options.features.map((r, i) =>
      resolveColumn(op, `options.features[${i}]`, r, names, hasHeader),
    );
    featureIdx.forEach((c, i) => {
      if (featureIdx.indexOf(c) !== i)
        throw new ValueError(op, "options.features", `column ${names[c]} is listed twice`);
      if (target !== null && c === target.index)
        throw new ValueError(
          op,
          "options.features",
          `column ${names[c]} is the target; it cannot also be a feature`,
        );
    });
  } else {
    featureIdx = names.map((_, i) => i).filter((i) => target === null || i !== target.index);
    if (featureIdx.length === 0)
      throw new ValueError(op, "options.features", "no columns are left for features");
  }
  const defaultEncoding = options.categoricalEncoding ?? "onehot";
  if (defaultEncoding !== "onehot" && defaultEncoding !== "label")
    throw new ValueError(
      op,
      "options.categoricalEncoding",
      `expected "onehot" or "label", got ${describe(defaultEncoding)}`,
    );
  const categorical = new Map<number, { kind: CategoricalEncoding; categories: string[] | null }>();
  if (options.categorical !== undefined) {
    if (!Array.isArray(options.categorical))
      throw new ValueError(
        op,
        "options.categorical",
        `expected an array of columns, got ${describe(options.categorical)}`,
      );
    options.categorical.forEach((entry: unknown, i) => {
      const arg = `options.categorical[${i}]`;
      const spec =
        typeof entry === "object" && entry !== null
          ? (entry as { column?: unknown; encoding?: unknown; categories?: unknown })
          : { column: entry };
      const c = resolveColumn(op, arg, spec.column, names, hasHeader);
      const kind = spec.encoding ?? defaultEncoding;
      if (kind !== "onehot" && kind !== "label")
        throw new ValueError(
          op,
          arg,
          `expected encoding "onehot" or "label", got ${describe(kind)}`,
        );
      if (target !== null && c === target.index)
        throw new ValueError(
          op,
          arg,
          `column ${names[c]} is the target; use targetType "class" (and classes) for a categorical target`,
        );
      if (!featureIdx.includes(c))
        throw new ValueError(op, arg, `column ${names[c]} is not one of the feature columns`);
      if (categorical.has(c))
        throw new ValueError(op, arg, `column ${names[c]} is marked categorical twice`);
      categorical.set(c, {
        kind,
        categories: categoryList(op, `${arg}.categories`, spec.categories),
      });
    });
  }
  const features = featureIdx.map((index): FeaturePlan => {
    const cat = categorical.get(index);
    return cat
      ? { index, name: names[index]!, kind: cat.kind, categories: cat.categories }
      : { index, name: names[index]!, kind: "number", categories: null };
  });
  return { names, hasHeader, features, target };
}
