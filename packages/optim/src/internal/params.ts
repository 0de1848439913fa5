import { Variable } from "@neurite/autograd";
import { ValueError } from "@neurite/tensor";
import { describe, paramLabel } from "./describe.js";

/** One parameter group as the user wrote it: its parameters and its own options. */
export interface RawGroup {
  readonly params: Variable[];
  readonly overrides: Record<string, unknown>;
}

function isIterable(x: unknown): x is Iterable<unknown> {
  return (
    x !== null &&
    typeof x === "object" &&
    typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

function isGroupSpec(x: unknown): x is { params: unknown } {
  return x !== null && typeof x === "object" && !(x instanceof Variable) && "params" in x;
}

/**
 * Reads the list of parameters of one group, checking that each is an
 * autograd Variable that requires gradients and appears only once.
 * `seen` maps every parameter already placed to its group, across groups.
 */
export function readParams(
  op: string,
  list: unknown,
  group: number | undefined,
  seen: Map<Variable, number>,
): Variable[] {
  const inGroup = group === undefined ? "" : ` in parameter group ${group}`;
  if (!isIterable(list)) {
    throw new ValueError(
      op,
      "params",
      `expected an array of Variables${inGroup}, got ${describe(list)}${list instanceof Variable ? "; wrap a single parameter in an array: [p]" : ""}`,
    );
  }
  const params = Array.from(list);
  if (params.length === 0) {
    throw new ValueError(
      op,
      "params",
      `got an empty parameter list${inGroup}: nothing to optimize`,
    );
  }
  const g = group ?? 0;
  params.forEach((p, i) => {
    if (!(p instanceof Variable)) {
      const hint = describe(p).startsWith("a Tensor") ? "; wrap it as new Parameter(tensor)" : "";
      throw new ValueError(
        op,
        "params",
        `element ${i}${inGroup} is ${describe(p)}, not an autograd Variable${hint}`,
      );
    }
    if (!p.requiresGrad) {
      throw new ValueError(
        op,
        "params",
        `${paramLabel(i, p.name, group)} does not require gradients; create it as a Parameter or with { requiresGrad: true }`,
      );
    }
    const other = seen.get(p);
    if (other !== undefined) {
      throw new ValueError(
        op,
        "params",
        other === g
          ? `${paramLabel(i, p.name, group)} appears twice in the same group`
          : `${paramLabel(i, p.name, group)} is already in parameter group ${other}; a parameter may belong to one group only`,
      );
    }
    seen.set(p, g);
  });
  return params as Variable[];
}

/** Reads one parameter group given as `{ params, ...options }`. */
export function readGroup(
  op: string,
  spec: unknown,
  group: number,
  seen: Map<Variable, number>,
): RawGroup {
  if (!isGroupSpec(spec)) {
    throw new ValueError(
      op,
      "params",
      `parameter group ${group} must be an object { params: Variable[], ...options }, got ${describe(spec)}`,
    );
  }
  const { params, ...overrides } = spec as { params: unknown } & Record<string, unknown>;
  return { params: readParams(op, params, group, seen), overrides };
}

/**
 * Reads what an optimizer's constructor accepts: a list of Variables (one
 * group) or a list of parameter groups `{ params, ...options }`.
 */
export function readParamGroups(op: string, input: unknown): RawGroup[] {
  if (!isIterable(input)) {
    throw new ValueError(
      op,
      "params",
      `expected an array of Variables or of parameter groups { params, ...options }, got ${describe(input)}${input instanceof Variable ? "; wrap a single parameter in an array: [p]" : ""}`,
    );
  }
  const items = Array.from(input);
  if (items.length === 0) {
    throw new ValueError(op, "params", "got an empty parameter list: nothing to optimize");
  }
  const seen = new Map<Variable, number>();
  if (isGroupSpec(items[0])) return items.map((spec, i) => readGroup(op, spec, i, seen));
  return [{ params: readParams(op, items, undefined, seen), overrides: {} }];
}
