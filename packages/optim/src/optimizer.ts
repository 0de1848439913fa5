import type { Variable } from "@neurite/autograd";
import { allocateState, brand, DTypeError, ShapeError, Tensor, ValueError } from "@neurite/tensor";
import { describe, fmtShape, paramLabel } from "./internal/describe.js";
import { type FloatArray, isFloatArray } from "./internal/float.js";
import {
  copyOptions,
  type OptionSpec,
  resolveOptions,
  validateOptions,
} from "./internal/options.js";
import { readGroup, readParamGroups } from "./internal/params.js";
import type {
  OptimizerStateDict,
  OptionValue,
  SavedBuffer,
  SavedParamGroup,
  SavedParamState,
} from "./state-dict.js";

export type { FloatArray } from "./internal/float.js";

/** The option every optimizer has: the learning rate that schedulers set. */
export interface OptimizerOptions {
  /** Learning rate (step size), `>= 0`. */
  lr: number;
}

/**
 * A parameter group: parameters that share one set of options. After
 * construction every option is present; change them freely between steps
 * (schedulers set `lr`): they are checked again at each step.
 */
export type ParamGroup<O extends OptimizerOptions = OptimizerOptions> = O & {
  /** The group's parameters. */
  params: Variable[];
};

/** A parameter group as given to a constructor: its parameters and any options to override. */
export type ParamGroupInput<O extends OptimizerOptions = OptimizerOptions> = Partial<O> & {
  /** The group's parameters: Variables that require gradients. */
  params: Iterable<Variable>;
};

/** What an optimizer optimizes: a list of Variables, or a list of parameter groups. */
export type ParamsInput<O extends OptimizerOptions = OptimizerOptions> =
  | Iterable<Variable>
  | Iterable<ParamGroupInput<O>>;

/**
 * The state an optimizer keeps for one parameter. Buffers are created on the
 * parameter's first update, in the parameter's dtype, and reused by every
 * later step (a step allocates no new buffers).
 */
export interface ParamState {
  /** How many updates this parameter has received (steps where its grad was null do not count). */
  step: number;
  /** Arrays shaped like the parameter (flat, row-major), e.g. Adam's `expAvg`. */
  readonly buffers: Record<string, FloatArray>;
  /** Numbers kept per parameter, e.g. Nadam's `muProduct`. */
  readonly scalars: Record<string, number>;
}

/** The names of the state an optimizer keeps for a group with given options. */
export interface StateLayout {
  /** Buffers that exist once a parameter has been updated. */
  readonly required: readonly string[];
  /** Buffers that may exist (created only when an option asks for them). */
  readonly optional?: readonly string[];
  /** Per-parameter numbers that exist once a parameter has been updated. */
  readonly scalars?: readonly string[];
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === "object" && !Array.isArray(x);

let readLiveState: (opt: Optimizer, p: Variable) => ParamState | undefined;

/**
 * The live state of `p` in `opt`, not a copy: for this package's own tests
 * (buffers that stay the same objects, state resident in WebAssembly memory).
 * Not exported from the package entry.
 */
export function liveStateOf(opt: Optimizer, p: Variable): ParamState | undefined {
  return readLiveState(opt, p);
}

/**
 * Base class of every optimizer. An optimizer holds parameter groups (each
 * with its own options) and per-parameter state, and updates the parameters
 * in place from their `.grad`:
 *
 * ```ts
 * const opt = new Adam([w, b]);
 * for (let i = 0; i < 100; i++) {
 *   const loss = x.matmul(w).add(b).sub(y).square().mean();
 *   loss.backward();
 *   opt.step();      // w.value.data and b.value.data change in place
 *   opt.zeroGrad();  // grads back to null before the next backward
 * }
 * ```
 *
 * Subclasses give their option rules and defaults (an {@link OptionSpec}),
 * the names of their state ({@link Optimizer.layout}) and one update loop
 * over typed arrays ({@link Optimizer.update}); the base class does the
 * groups, checks, state bookkeeping and state dicts.
 */
export abstract class Optimizer<O extends OptimizerOptions = OptimizerOptions> {
  static {
    // instanceof holds across copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_Optimizer)
    brand(this, "Optimizer");
  }

  /** The optimizer's name, used in error messages and state dicts, e.g. `"Adam"`. */
  readonly name: string;
  /** The options used for any group that does not set its own. */
  readonly defaults: Readonly<O>;
  /** The parameter groups, in order. Options may be changed between steps. */
  readonly paramGroups: ParamGroup<O>[];
  readonly #spec: OptionSpec<O>;
  readonly #state = new Map<Variable, ParamState>();

  /**
   * @param name - the optimizer's name for messages and state dicts
   * @param spec - option rules and defaults
   * @param params - Variables, or parameter groups `{ params, ...options }`
   * @param options - options for every group (a group's own options win)
   */
  protected constructor(
    name: string,
    spec: OptionSpec<O>,
    params: ParamsInput<O>,
    options: Partial<O> | undefined,
  ) {
    this.name = name;
    this.#spec = spec;
    if (options !== undefined && !isObject(options)) {
      throw new ValueError(
        name,
        "options",
        `expected an object of options, got ${describe(options)}`,
      );
    }
    this.defaults = Object.freeze(
      resolveOptions(name, spec, spec.defaults, options ?? {}, undefined),
    );
    this.paramGroups = readParamGroups(name, params).map(
      (raw, i) =>
        ({
          params: raw.params,
          ...resolveOptions(name, spec, this.defaults, raw.overrides, i),
        }) as ParamGroup<O>,
    );
  }

  /**
   * The update rule for one parameter: changes `param` in place from `grad`
   * (same length; float32 or float64 whatever `param`'s dtype), keeping
   * whatever it needs in `state`. The built-in optimizers compute the step's
   * scalars here and hand the elementwise work to one backend kernel. `state.step` has
   * already been incremented (it is 1 on the first update).
   */
  protected abstract update(
    param: FloatArray,
    grad: FloatArray,
    state: ParamState,
    group: ParamGroup<O>,
  ): void;

  /** The names of the state kept for a group with these options (used to check loaded state). */
  protected abstract layout(group: O): StateLayout;

  /**
   * The state buffer `name` of a parameter, created on first use (filled with
   * `fill`, in the parameter's dtype) and returned as is afterwards.
   */
  protected buffer(state: ParamState, name: string, param: FloatArray, fill = 0): FloatArray {
    let b = state.buffers[name];
    if (b === undefined) {
      b = allocateState(param, fill);
      state.buffers[name] = b;
    } else if (b.length !== param.length) {
      throw new ShapeError(
        this.name,
        "params",
        `a parameter has ${param.length} elements but its state buffer '${name}' has ${b.length}: its value was replaced by one of another size`,
      );
    }
    return b;
  }

  /**
   * Updates every parameter that has a gradient, in place on
   * `p.value.data`. Parameters whose `.grad` is null are skipped (their step
   * count does not advance). The gradient is only read, never changed; it may
   * be float32 or float64 whatever the parameter's dtype.
   * @throws ValueError if an option was set to an invalid value since the last step
   * @throws ShapeError if a gradient's shape differs from its parameter's
   */
  step(): void {
    const groups = this.paramGroups;
    for (let gi = 0; gi < groups.length; gi++) {
      const group = groups[gi]!;
      validateOptions(this.name, this.#spec, group, gi);
      const params = group.params;
      for (let pi = 0; pi < params.length; pi++) {
        const p = params[pi]!;
        const grad = typeof p.peekGrad === "function" ? p.peekGrad() : p.grad;
        if (grad === null || grad === undefined) continue;
        const value = p.value;
        if (!(grad instanceof Tensor)) {
          throw new ValueError(
            this.name,
            "grad",
            `${paramLabel(pi, p.name, gi)} has a .grad that is not a Tensor: ${describe(grad)}`,
          );
        }
        if (!sameShape(grad.shape, value.shape)) {
          throw new ShapeError(
            this.name,
            "grad",
            `${paramLabel(pi, p.name, gi)} has shape ${fmtShape(value.shape)} but its gradient has shape ${fmtShape(grad.shape)}`,
          );
        }
        const data = value.data;
        if (!isFloatArray(data)) {
          throw new DTypeError(
            this.name,
            "params",
            `${paramLabel(pi, p.name, gi)} has dtype ${value.dtype}; only float32 and float64 parameters can be optimized`,
          );
        }
        let state = this.#state.get(p);
        if (state === undefined) {
          state = { step: 0, buffers: {}, scalars: {} };
          this.#state.set(p, state);
        }
        state.step += 1;
        // Gradients are float; an integer one (set by hand) is widened for the kernels.
        const g = isFloatArray(grad.data) ? grad.data : Float64Array.from(grad.data);
        this.update(data, g, state, group);
        // Graphs recorded before this step now refuse backward() (see Tensor.version).
        value.markModified();
      }
    }
  }

  /** Sets the `.grad` of every parameter to null (as PyTorch's `zero_grad()` does by default). */
  zeroGrad(): void {
    for (const group of this.paramGroups) for (const p of group.params) p.grad = null;
  }

  /**
   * Adds a group of parameters, e.g. layers unfrozen during fine-tuning.
   * Options it does not set come from {@link Optimizer.defaults}.
   * @throws ValueError if a parameter is already in a group, or an option is invalid
   */
  addParamGroup(group: ParamGroupInput<O>): void {
    const seen = new Map<Variable, number>();
    this.paramGroups.forEach((g, gi) => {
      for (const p of g.params) seen.set(p, gi);
    });
    const index = this.paramGroups.length;
    const raw = readGroup(this.name, group, index, seen);
    this.paramGroups.push({
      params: raw.params,
      ...resolveOptions(this.name, this.#spec, this.defaults, raw.overrides, index),
    } as ParamGroup<O>);
  }

  /**
   * The state of parameter `p` (its step count, buffers and numbers), or
   * undefined before its first update. The result is a copy: later steps do
   * not change it, and changing it does not change the optimizer (use
   * {@link Optimizer.loadStateDict} for that).
   *
   * A copy because large float32 state lives in the WebAssembly backend's
   * memory, where a block is reused once the optimizer is gone: a view of it
   * (or a `subarray` of one) kept by a user would then show another array's
   * numbers. A copy can never go stale.
   */
  stateOf(p: Variable): Readonly<ParamState> | undefined {
    const s = this.#state.get(p);
    if (s === undefined) return undefined;
    const buffers = Object.fromEntries(Object.entries(s.buffers).map(([n, b]) => [n, b.slice()]));
    return { step: s.step, buffers, scalars: { ...s.scalars } };
  }

  static {
    readLiveState = (opt, p) => opt.#state.get(p);
  }

  /**
   * Everything needed to resume training exactly: each group's options and
   * each parameter's state, as plain JSON data (see {@link OptimizerStateDict}).
   * The result is a copy; later steps do not change it.
   */
  stateDict(): OptimizerStateDict {
    const paramGroups: SavedParamGroup[] = [];
    const state: (SavedParamState | null)[] = [];
    for (const group of this.paramGroups) {
      const ids: number[] = [];
      for (const p of group.params) {
        ids.push(state.length);
        const s = this.#state.get(p);
        state.push(s === undefined ? null : saveState(s, p.value.shape));
      }
      paramGroups.push({
        options: copyOptions(this.#spec, group) as Record<string, OptionValue>,
        params: ids,
      });
    }
    return { format: "neurite-optim", version: 1, optimizer: this.name, paramGroups, state };
  }

  /**
   * Restores options and state saved by {@link Optimizer.stateDict} of the
   * same kind of optimizer over parameters of the same shapes, given in the
   * same order and grouping. Everything is checked before anything changes,
   * so a failed load leaves the optimizer as it was.
   * @throws ValueError if the optimizer kind, number of groups or parameters, option values, or buffer names differ
   * @throws ShapeError if a saved buffer's shape differs from its parameter's
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    const op = `${this.name}.loadStateDict`;
    const sd = stateDict as unknown;
    if (!isObject(sd) || sd.format !== "neurite-optim") {
      throw new ValueError(
        op,
        "stateDict",
        `expected an object returned by stateDict(), got ${describe(sd)}`,
      );
    }
    if (sd.version !== 1) {
      throw new ValueError(
        op,
        "version",
        `unsupported state format version ${describe(sd.version)}`,
      );
    }
    if (sd.optimizer !== this.name) {
      throw new ValueError(
        op,
        "optimizer",
        `the state was saved by ${typeof sd.optimizer === "string" ? JSON.stringify(sd.optimizer) : describe(sd.optimizer)} and cannot be loaded into ${this.name}`,
      );
    }
    const groups = sd.paramGroups;
    if (!Array.isArray(groups) || groups.length !== this.paramGroups.length) {
      throw new ValueError(
        op,
        "paramGroups",
        `the state has ${Array.isArray(groups) ? groups.length : describe(groups)} parameter groups, this optimizer has ${this.paramGroups.length}`,
      );
    }
    const total = this.paramGroups.reduce((n, g) => n + g.params.length, 0);
    const saved = sd.state;
    if (!Array.isArray(saved) || saved.length !== total) {
      throw new ValueError(
        op,
        "state",
        `the state has ${Array.isArray(saved) ? saved.length : describe(saved)} parameters, this optimizer has ${total}`,
      );
    }
    const options: O[] = [];
    const next = new Map<Variable, ParamState>();
    const used = new Set<number>();
    this.paramGroups.forEach((group, gi) => {
      const g = groups[gi] as unknown;
      if (!isObject(g) || !Array.isArray(g.params) || !isObject(g.options)) {
        throw new ValueError(
          op,
          "paramGroups",
          `group ${gi} must be { options, params }, got ${describe(g)}`,
        );
      }
      const ids = g.params as unknown[];
      if (ids.length !== group.params.length) {
        throw new ValueError(
          op,
          "paramGroups",
          `group ${gi} has ${ids.length} parameters in the state, ${group.params.length} in this optimizer`,
        );
      }
      const o = resolveOptions(op, this.#spec, group, g.options, gi);
      options.push(o);
      const layout = this.layout(o);
      group.params.forEach((p, k) => {
        const id = ids[k];
        if (
          typeof id !== "number" ||
          !Number.isInteger(id) ||
          id < 0 ||
          id >= total ||
          used.has(id)
        ) {
          throw new ValueError(
            op,
            "paramGroups",
            `group ${gi} lists parameter id ${describe(id)}; expected distinct integers in [0, ${total})`,
          );
        }
        used.add(id);
        const entry = saved[id] as unknown;
        if (entry === null) return;
        next.set(p, loadState(op, entry, p, layout, paramLabel(k, p.name, gi)));
      });
    });
    this.paramGroups.forEach((group, gi) => {
      Object.assign(group, options[gi]);
    });
    this.#state.clear();
    for (const [p, s] of next) this.#state.set(p, s);
  }
}

function saveState(s: ParamState, shape: readonly number[]): SavedParamState {
  const buffers: Record<string, SavedBuffer> = {};
  for (const [name, b] of Object.entries(s.buffers)) {
    buffers[name] = {
      dtype: b instanceof Float32Array ? "float32" : "float64",
      shape: shape.slice(),
      data: Array.from(b),
    };
  }
  return { step: s.step, buffers, scalars: { ...s.scalars } };
}

function loadState(
  op: string,
  entry: unknown,
  p: Variable,
  layout: StateLayout,
  label: string,
): ParamState {
  if (!isObject(entry)) {
    throw new ValueError(
      op,
      "state",
      `${label}: expected { step, buffers, scalars } or null, got ${describe(entry)}`,
    );
  }
  const { step, buffers, scalars = {} } = entry;
  if (typeof step !== "number" || !Number.isInteger(step) || step < 0) {
    throw new ValueError(
      op,
      "state",
      `${label}: step must be an integer >= 0, got ${describe(step)}`,
    );
  }
  if (!isObject(buffers) || !isObject(scalars)) {
    throw new ValueError(op, "state", `${label}: buffers and scalars must be objects`);
  }
  const data = p.value.data;
  if (!isFloatArray(data)) {
    throw new DTypeError(
      op,
      "params",
      `${label} has dtype ${p.value.dtype}; expected float32 or float64`,
    );
  }
  const known = [...layout.required, ...(layout.optional ?? [])];
  const state: ParamState = { step, buffers: {}, scalars: {} };
  for (const [name, b] of Object.entries(buffers)) {
    if (!known.includes(name)) {
      throw new ValueError(
        op,
        "state",
        `${label}: unknown state buffer '${name}' (expected ${known.join(", ")})`,
      );
    }
    state.buffers[name] = loadBuffer(op, b, p, data, `${label}: buffer '${name}'`);
  }
  const knownScalars = layout.scalars ?? [];
  for (const [name, v] of Object.entries(scalars)) {
    if (!knownScalars.includes(name)) {
      throw new ValueError(op, "state", `${label}: unknown state value '${name}'`);
    }
    if (typeof v !== "number") {
      throw new ValueError(
        op,
        "state",
        `${label}: state value '${name}' must be a number, got ${describe(v)}`,
      );
    }
    state.scalars[name] = v;
  }
  if (step > 0) {
    for (const name of layout.required) {
      if (!(name in state.buffers))
        throw new ValueError(op, "state", `${label}: missing state buffer '${name}'`);
    }
    for (const name of knownScalars) {
      if (!(name in state.scalars))
        throw new ValueError(op, "state", `${label}: missing state value '${name}'`);
    }
  }
  return state;
}

function loadBuffer(
  op: string,
  b: unknown,
  p: Variable,
  like: FloatArray,
  label: string,
): FloatArray {
  if (!isObject(b))
    throw new ValueError(
      op,
      "state",
      `${label} must be { dtype, shape, data }, got ${describe(b)}`,
    );
  const { shape, data } = b;
  if (!Array.isArray(shape) || !sameShape(shape, p.value.shape)) {
    throw new ShapeError(
      op,
      "state",
      `${label} has shape ${Array.isArray(shape) ? fmtShape(shape) : describe(shape)} but the parameter has shape ${fmtShape(p.value.shape)}`,
    );
  }
  if (!(Array.isArray(data) || ArrayBuffer.isView(data))) {
    throw new ValueError(
      op,
      "state",
      `${label}: data must be an array of numbers, got ${describe(data)}`,
    );
  }
  const values = data as ArrayLike<unknown>;
  if (values.length !== like.length) {
    throw new ShapeError(
      op,
      "state",
      `${label} has ${values.length} values, the parameter has ${like.length}`,
    );
  }
  const out = allocateState(like, 0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number") {
      throw new ValueError(
        op,
        "state",
        `${label} holds ${describe(v)} at index ${i}; expected numbers (JSON stores NaN and Infinity as null)`,
      );
    }
    out[i] = v;
  }
  return out;
}
