import { NeuriteError } from "@neurite/tensor";

/** What went wrong with one entry of a state dict. */
export type StateDictProblemKind = "missing" | "unexpected" | "shape" | "dtype" | "type";

/** One mismatch found by {@link Module.loadStateDict}. */
export interface StateDictProblem {
  /** `missing`: the model has the key, the dict does not; `unexpected`: the reverse. */
  readonly kind: StateDictProblemKind;
  /** The dotted name, e.g. `0.kernel`. */
  readonly key: string;
  /** A sentence describing the mismatch, e.g. `expected shape [13,20], got [13,10]`. */
  readonly detail: string;
}

/**
 * A state dict that does not fit a model. Every problem is listed (not only
 * the first), and nothing is loaded when any is found.
 */
export class StateDictError extends NeuriteError {
  /** Every mismatch, in the model's key order followed by unexpected keys. */
  readonly problems: readonly StateDictProblem[];

  /**
   * @param op - the operation that failed, e.g. `loadStateDict`
   * @param problems - the mismatches found
   * @param hint - an optional sentence appended to the message
   */
  constructor(op: string, problems: readonly StateDictProblem[], hint = "") {
    const lines = problems.map((p) => `  - ${p.kind} '${p.key}': ${p.detail}`);
    super(
      op,
      "stateDict",
      `${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${lines.join("\n")}${hint ? `\n${hint}` : ""}`,
    );
    this.problems = problems;
  }
}

/** Which part of a saved model was unreadable. */
export type FormatErrorKind =
  | "truncated"
  | "header-length"
  | "header-json"
  | "header"
  | "offsets"
  | "dtype"
  | "size"
  | "architecture"
  | "incomplete";

/**
 * A saved model or weights file that cannot be read: truncated, a corrupt
 * safetensors header, offsets outside the data, an unknown dtype, a size that
 * does not match the shape, an architecture that does not match the weights,
 * or (kind `incomplete`) a set of files that does not match its manifest: an
 * interrupted save, or a file changed or lost since.
 */
export class FormatError extends NeuriteError {
  /** The kind of damage, for programs that want to react to it. */
  readonly kind: FormatErrorKind;

  /**
   * @param op - the reader that failed, e.g. `decodeSafetensors`
   * @param kind - the kind of damage
   * @param detail - what was expected and what was found
   * @param options - `cause`: the underlying error, if any
   */
  constructor(op: string, kind: FormatErrorKind, detail: string, options?: { cause?: unknown }) {
    super(op, "", detail);
    this.kind = kind;
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
