import { DTypeError, Tensor, ValueError } from "@neurite/tensor";
import { describe } from "../internal/describe.js";

/** A fitted {@link LabelEncoder} as plain JSON. */
export interface LabelEncoderJSON<T extends string | number = string | number> {
  /** Always `"LabelEncoder"`. */
  readonly type: "LabelEncoder";
  /** The classes; label `i` is `classes[i]`. */
  readonly classes: T[];
}

function valuesOf<T>(op: string, values: unknown): T[] {
  if (Array.isArray(values)) return values as T[];
  if (values instanceof Tensor) {
    if (values.rank !== 1)
      throw new DTypeError(op, "values", `expected a 1-D tensor, got rank ${values.rank}`);
    return Array.from(values.data) as T[];
  }
  throw new DTypeError(
    op,
    "values",
    `expected an array of strings or numbers, or a 1-D tensor, got ${describe(values)}`,
  );
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Encodes class names (strings or numbers) as int32 labels 0..k−1, in sorted
 * order of the names (numbers numerically, strings by code unit), like
 * scikit-learn's `LabelEncoder`. Unknown names are an error, never a silent −1.
 *
 * @example
 * ```ts
 * const enc = new LabelEncoder<string>().fit(["red", "green", "red"]);
 * enc.classes;                      // ["green", "red"]
 * enc.transform(["red"]).toArray(); // [1]
 * enc.inverseTransform([0]);        // ["green"]
 * ```
 */
export class LabelEncoder<T extends string | number = string | number> {
  private list: T[] | null = null;
  private index = new Map<T, number>();

  /** Whether {@link fit} has been called (or it was restored from JSON). */
  get fitted(): boolean {
    return this.list !== null;
  }

  /** The classes in label order (a copy), or `null` before fitting. */
  get classes(): T[] | null {
    return this.list === null ? null : [...this.list];
  }

  /** Number of classes, or `null` before fitting. */
  get numClasses(): number | null {
    return this.list?.length ?? null;
  }

  /**
   * Learns the classes: the distinct values, sorted.
   * @param values - class names (all strings or all numbers), or a 1-D tensor
   * @throws ValueError for an empty list, mixed types or NaN
   */
  fit(values: readonly T[] | Tensor): this {
    const op = "LabelEncoder.fit";
    const list = valuesOf<T>(op, values);
    if (list.length === 0)
      throw new ValueError(op, "values", "expected at least one value, got none");
    const kind = typeof list[0];
    list.forEach((v, i) => {
      if ((typeof v !== "string" && typeof v !== "number") || typeof v !== kind || Number.isNaN(v))
        throw new ValueError(
          op,
          "values",
          `expected all strings or all numbers (not NaN), got ${describe(v)} at position ${i} after a ${kind}`,
        );
    });
    this.setClasses([...new Set(list)].sort(compare));
    return this;
  }

  private setClasses(classes: T[]): void {
    this.list = classes;
    this.index = new Map(classes.map((c, i) => [c, i]));
  }

  /**
   * The label of each value, as an int32 tensor `[n]`.
   * @throws ValueError before fitting or for a value not seen by {@link fit}
   */
  transform(values: readonly T[] | Tensor): Tensor {
    const op = "LabelEncoder.transform";
    const classes = this.fittedClasses(op);
    const list = valuesOf<T>(op, values);
    const out = new Int32Array(list.length);
    list.forEach((v, i) => {
      const label = this.index.get(v);
      if (label === undefined)
        throw new ValueError(
          op,
          "values",
          `unknown class ${describe(v)} at position ${i}; the encoder knows ${classes
            .slice(0, 10)
            .map((c) => describe(c))
            .join(", ")}${classes.length > 10 ? ", …" : ""}`,
        );
      out[i] = label;
    });
    return new Tensor(out, [list.length]);
  }

  /** {@link fit} then {@link transform} on the same values. */
  fitTransform(values: readonly T[] | Tensor): Tensor {
    return this.fit(values).transform(values);
  }

  /**
   * The class of each label.
   * @param labels - int32 tensor or integers in `[0, numClasses)`
   * @throws ValueError before fitting or for a label out of range
   */
  inverseTransform(labels: Tensor | readonly number[]): T[] {
    const op = "LabelEncoder.inverseTransform";
    const classes = this.fittedClasses(op);
    let list: ArrayLike<number>;
    if (labels instanceof Tensor) {
      if (labels.dtype !== "int32")
        throw new DTypeError(op, "labels", `expected int32 labels, got ${labels.dtype}`);
      list = labels.data;
    } else if (Array.isArray(labels)) list = labels;
    else
      throw new DTypeError(
        op,
        "labels",
        `expected an int32 tensor or an array, got ${describe(labels)}`,
      );
    return Array.from(list, (l, i) => {
      if (!Number.isInteger(l) || l < 0 || l >= classes.length)
        throw new ValueError(
          op,
          "labels",
          `label ${describe(l)} at position ${i} is outside [0, ${classes.length})`,
        );
      return classes[l]!;
    });
  }

  /** The classes as plain JSON. @throws ValueError before fitting */
  toJSON(): LabelEncoderJSON<T> {
    return { type: "LabelEncoder", classes: [...this.fittedClasses("LabelEncoder.toJSON")] };
  }

  /**
   * Restores an encoder from {@link toJSON}'s output (an object or its JSON text).
   * @throws ValueError for anything else
   */
  static fromJSON<T extends string | number = string | number>(
    json: LabelEncoderJSON<T> | string,
  ): LabelEncoder<T> {
    const op = "LabelEncoder.fromJSON";
    let o: unknown = json;
    if (typeof json === "string") {
      try {
        o = JSON.parse(json);
      } catch (e) {
        throw new ValueError(op, "json", `not valid JSON: ${(e as Error).message}`);
      }
    }
    const classes = (o as { classes?: unknown } | null)?.classes;
    if ((o as { type?: unknown } | null)?.type !== "LabelEncoder" || !Array.isArray(classes))
      throw new ValueError(
        op,
        "json",
        `expected { type: "LabelEncoder", classes: [...] }, got ${describe(o)}`,
      );
    const enc = new LabelEncoder<T>();
    enc.fit(classes as T[]);
    if (enc.list!.length !== classes.length || enc.list!.some((c, i) => c !== classes[i]))
      throw new ValueError(op, "json", "expected distinct classes in sorted order");
    return enc;
  }

  private fittedClasses(op: string): T[] {
    if (this.list === null)
      throw new ValueError(op, "values", "the encoder is not fitted; call fit() first");
    return this.list;
  }
}
