import { checkOptions, ValueError } from "@neurite/tensor";
import { describe } from "./describe.js";

/** Checks one option value: returns null when it is valid, else what was expected. */
export type Rule = (value: unknown) => string | null;

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A finite number `>= 0` (learning rates, weight decay, momentum). */
export const nonNegative: Rule = (v) => (isNum(v) && v >= 0 ? null : "a finite number >= 0");

/** A finite number `> 0` (eps). */
export const positive: Rule = (v) => (isNum(v) && v > 0 ? null : "a finite number > 0");

/** A number in `[0, 1]` (dampening, RMSprop's alpha, Adadelta's rho). */
export const unitInterval: Rule = (v) =>
  isNum(v) && v >= 0 && v <= 1 ? null : "a number in [0, 1]";

/** A pair `[beta1, beta2]`, each in `[0, 1)`. */
export const betaPair: Rule = (v) =>
  Array.isArray(v) && v.length === 2 && v.every((b) => isNum(b) && b >= 0 && b < 1)
    ? null
    : "a pair [beta1, beta2] with each beta in [0, 1)";

/** `true` or `false`. */
export const bool: Rule = (v) => (typeof v === "boolean" ? null : "true or false");

/** One of the given strings. */
export function oneOf(...choices: readonly string[]): Rule {
  const text = choices.map((c) => JSON.stringify(c)).join(" or ");
  return (v) => (typeof v === "string" && choices.includes(v) ? null : text);
}

/** How an optimizer's options are checked and what they default to. */
export interface OptionSpec<O> {
  /** The value of every option when neither the optimizer nor a group sets it. */
  readonly defaults: Readonly<O>;
  /** One rule per option; an option without a rule does not exist. */
  readonly rules: { readonly [K in keyof O]: Rule };
  /** Checks that involve several options; returns `[option, message]` when they conflict. */
  cross?(o: O): readonly [string, string] | null;
}

function where(group: number | undefined): string {
  return group === undefined ? "" : ` (parameter group ${group})`;
}

/**
 * Checks every option of `o` against `spec`, throwing a ValueError that names
 * the optimizer, the option and the value. Runs at construction and at each
 * step, so options changed by hand or by a scheduler are checked too.
 */
export function validateOptions<O>(
  op: string,
  spec: OptionSpec<O>,
  o: O,
  group: number | undefined,
): void {
  const rules = spec.rules as Record<string, Rule>;
  const values = o as Record<string, unknown>;
  for (const key in rules) {
    const v = values[key];
    const expected = rules[key]!(v);
    if (expected !== null) {
      throw new ValueError(op, key, `expected ${expected}, got ${describe(v)}${where(group)}`);
    }
  }
  const conflict = spec.cross?.(o);
  if (conflict) throw new ValueError(op, conflict[0], `${conflict[1]}${where(group)}`);
}

/** Copies an option value so that groups never share a mutable array. */
function copyValue(v: unknown): unknown {
  return Array.isArray(v) ? v.slice() : v;
}

/**
 * Merges `overrides` over `base` (copying arrays), rejecting keys that are
 * not options of this optimizer (a typo such as `learningRate` would
 * otherwise be ignored silently), then validates the result.
 */
export function resolveOptions<O>(
  op: string,
  spec: OptionSpec<O>,
  base: Readonly<O>,
  overrides: object,
  group: number | undefined,
): O {
  const rules = spec.rules as Record<string, Rule>;
  const out: Record<string, unknown> = {};
  for (const key in rules) out[key] = copyValue((base as Record<string, unknown>)[key]);
  checkOptions(
    op,
    overrides,
    Object.keys(rules),
    group === undefined ? "options" : `paramGroups[${group}]`,
  );
  for (const [key, v] of Object.entries(overrides)) if (v !== undefined) out[key] = copyValue(v);
  const resolved = out as O;
  validateOptions(op, spec, resolved, group);
  return resolved;
}

/** A copy of the options of a group (without its parameters), for a state dict. */
export function copyOptions<O>(spec: OptionSpec<O>, o: O): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in spec.rules) out[key] = copyValue((o as Record<string, unknown>)[key]);
  return out;
}
