import { editDistance, ValueError } from "@neurite/tensor";
import { bool, finite } from "../internal.js";
import { builders, defaults } from "./definitions.js";
import type { ActivationFunction, ActivationName, ActivationOptions } from "./types.js";

/** Every built-in activation, canonical names, in the order the README lists them. */
export const ACTIVATION_NAMES: readonly ActivationName[] = [
  "step",
  "sign",
  "sigmoid",
  "tanh",
  "relu",
  "leakyRelu",
  "identity",
  "softmax",
  "elu",
  "selu",
  "gelu",
  "softplus",
  "swish",
  "hardSigmoid",
  "logSoftmax",
];

/** The eight activation functions of the textbook chapter. */
export const BOOK_ACTIVATIONS: readonly ActivationName[] = ACTIVATION_NAMES.slice(0, 8);

/** Lower-case, separator-free spellings → canonical name; covers camelCase, snake_case and Keras aliases. */
const LOOKUP = new Map<string, ActivationName>([
  ...ACTIVATION_NAMES.map((n) => [key(n), n] as [string, ActivationName]),
  ["linear", "identity"],
  ["silu", "swish"],
  ["threshold", "step"],
]);

function key(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, "");
}

/** The canonical name for any accepted spelling (`leaky_relu`, `LeakyReLU`, `linear`), or undefined. */
export function canonicalActivationName(name: string): ActivationName | undefined {
  return LOOKUP.get(key(name));
}

function suggestion(name: string): string {
  const k = key(name);
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const [alias, canonical] of LOOKUP) {
    const d = editDistance(k, alias);
    if (d < bestD) {
      bestD = d;
      best = canonical;
    }
  }
  return best !== undefined && bestD <= 3 ? ` Did you mean '${best}'?` : "";
}

const cache = new Map<ActivationName, ActivationFunction>();

function validate(op: string, name: ActivationName, options: object): Required<ActivationOptions> {
  const allowed = defaults[name];
  const out = { alpha: 0, threshold: 0, axis: -1, approximate: false, ...allowed };
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined) continue;
    if (!(k in allowed)) {
      const accepted = Object.keys(allowed);
      throw new ValueError(
        op,
        k,
        `${name} takes ${accepted.length ? `only ${accepted.map((a) => `'${a}'`).join(", ")}` : "no options"}, got '${k}'`,
      );
    }
    if (k === "approximate") out.approximate = bool(op, k, v);
    else if (k === "axis") {
      if (!Number.isInteger(v))
        throw new ValueError(op, "axis", `expected an integer axis, got ${String(v)}`);
      out.axis = v as number;
    } else if (k === "alpha") out.alpha = finite(op, k, v);
    else if (k === "threshold") out.threshold = finite(op, k, v);
  }
  return out;
}

/**
 * Looks up an activation by name (camelCase or Keras snake_case, e.g.
 * `"leakyRelu"` or `"leaky_relu"`; `"linear"` is `identity`, `"silu"` is
 * `swish`) with optional parameters, or passes an {@link ActivationFunction}
 * through.
 *
 * @example
 * ```ts
 * const lr = activations.get("leaky_relu", { alpha: 0.1 });
 * lr.fn(-2);          // -0.2
 * lr.derivative(-2);  // 0.1
 * lr.apply(x);        // a Variable
 * ```
 * @throws ValueError for an unknown name (with a suggestion) or an option the activation does not take
 */
export function getActivation(
  identifier: ActivationName | string | ActivationFunction,
  options?: ActivationOptions,
): ActivationFunction {
  const op = "activations.get";
  if (typeof identifier === "object" && identifier !== null && "apply" in identifier) {
    if (options !== undefined && Object.keys(options).length > 0)
      throw new ValueError(op, "options", "options can only be given together with a name");
    return identifier;
  }
  if (typeof identifier !== "string")
    throw new ValueError(
      op,
      "name",
      `expected an activation name or an ActivationFunction, got ${identifier === null ? "null" : typeof identifier}`,
    );
  const name = canonicalActivationName(identifier);
  if (name === undefined)
    throw new ValueError(
      op,
      "name",
      `unknown activation '${identifier}'.${suggestion(identifier)} Known: ${ACTIVATION_NAMES.join(", ")}`,
    );
  const hasOptions = options !== undefined && Object.values(options).some((v) => v !== undefined);
  if (!hasOptions) {
    let a = cache.get(name);
    if (!a) {
      a = builders[name](validate(op, name, {}));
      cache.set(name, a);
    }
    return a;
  }
  if (typeof options !== "object" || options === null)
    throw new ValueError(op, "options", "expected an object of options");
  return builders[name](validate(op, name, options));
}
