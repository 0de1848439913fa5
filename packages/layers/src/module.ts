import { noGrad, Parameter, type Variable } from "@neurite/autograd";
import {
  brand,
  checkOptions,
  type DType,
  DTypeError,
  isFloat,
  optionNames,
  shapesEqual,
  Tensor,
  ValueError,
  zeros,
} from "@neurite/tensor";
import { StateDictError, type StateDictProblem } from "./errors.js";
import { floatDType, fmt } from "./internal.js";

/** A shape whose batch (or any other) dimension may be unknown (`null`), as in Keras's `(None, 20)`. */
export type SymbolicShape = readonly (number | null)[];

/** Named tensors: parameters and persistent buffers under dotted names (`0.kernel`, `1.movingMean`). */
export type StateDict = Record<string, Tensor>;

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /**
   * When true (default), a key the model has but the dict lacks, or the
   * reverse, is an error. Shape and dtype mismatches are errors either way.
   */
  strict?: boolean;
}

const LOAD_STATE_DICT_OPTIONS = optionNames<LoadStateDictOptions>({ strict: true });

/** Parameter counts as Keras's summary reports them. */
export interface ParameterCount {
  /** trainable + nonTrainable. */
  total: number;
  /** Elements of parameters that require gradients. */
  trainable: number;
  /** Elements of frozen parameters and persistent buffers (e.g. BatchNorm's moving statistics). */
  nonTrainable: number;
}

interface BufferSlot {
  value: Tensor;
  persistent: boolean;
}

function checkName(op: string, name: string): void {
  // "__proto__" would become an object's prototype, not a key, in a state dict.
  if (typeof name !== "string" || name.length === 0 || name.includes(".") || name === "__proto__")
    throw new ValueError(
      op,
      "name",
      `expected a non-empty name without dots (and not "__proto__"), got '${String(name)}'`,
    );
}

/**
 * The base of every layer and model: it owns parameters (trainable
 * {@link Parameter}s), buffers (state such as BatchNorm's running statistics)
 * and child modules, and gives them stable dotted names.
 *
 * Subclasses register what they own in their constructor or in
 * {@link Module.build} (for layers that infer their input size on the first
 * call) and implement {@link Module.forward}.
 *
 * New modules start in training mode, as in PyTorch; `eval()` switches the
 * whole tree to inference (BatchNorm uses its running statistics, Dropout
 * passes values through).
 *
 * @example
 * ```ts
 * class TwoLayer extends Module {
 *   hidden = this.registerModule("hidden", new Dense(8, { activation: "relu" }));
 *   out = this.registerModule("out", new Dense(1));
 *   forward(x: Variable | Tensor) { return this.out.call(this.hidden.call(x)); }
 * }
 * ```
 */
export abstract class Module {
  static {
    // instanceof holds across copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_Module)
    brand(this, "Module");
  }

  /** True in training mode (the default), false after {@link Module.eval}. */
  training = true;
  /** An optional name, shown by `summary()`. */
  name: string | undefined;
  /**
   * The float dtype of this module's parameters; undefined until known (a
   * lazily built layer adopts its first input's dtype unless one was given).
   */
  dtype: DType | undefined;

  private readonly _parameters = new Map<string, Parameter>();
  private readonly _buffers = new Map<string, BufferSlot>();
  private readonly _children = new Map<string, Module>();

  /** The type name shown by `summary()` and stored in saved architectures. */
  get className(): string {
    return this.constructor.name;
  }

  /** False while a lazily built layer has not created its parameters yet. */
  get built(): boolean {
    for (const m of this._children.values()) if (!m.built) return false;
    return true;
  }

  /**
   * The shape of one input sample (without the batch dimension) when the
   * module knows it, e.g. `[13]` for `Dense(20, { inputDim: 13 })`.
   */
  get expectedInputShape(): number[] | undefined {
    return undefined;
  }

  /**
   * True for layers whose output always has their input's shape and that
   * accept any input size (Dropout, Activation), so a {@link Sequential} can
   * look past them to a later layer's declared input size.
   */
  get preservesShape(): boolean {
    return false;
  }

  /**
   * The computation. Takes a Variable or a Tensor (a constant) and returns a
   * Variable. Built-in layers create their parameters here on the first call.
   */
  abstract forward(x: Variable | Tensor): Variable;

  /** Runs {@link Module.forward} (Keras's name for it). */
  call(x: Variable | Tensor): Variable {
    return this.forward(x);
  }

  /**
   * Creates the parameters for an input of `inputShape` (batch dimension
   * included, possibly `null`). A no-op for modules that need no input size.
   */
  build(_inputShape: SymbolicShape): void {}

  /**
   * The output shape for an input of `inputShape`. Built-in layers compute it
   * from their configuration; the default runs the module once on zeros
   * (unknown dimensions taken as 1) in eval mode without recording gradients.
   */
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const concrete = inputShape.map((d) => d ?? 1);
    const y = this.withMode(false, () =>
      noGrad(() => this.call(zeros(concrete, this.dtype ?? "float32"))),
    );
    return y.shape.map((d, i) => (inputShape[i] === null && d === 1 ? null : d));
  }

  /** The constructor options needed to rebuild this module (see `saveModel`). */
  getConfig(): Record<string, unknown> {
    return {};
  }

  /** Runs `fn` with the whole tree in training (`true`) or eval mode, then restores each module's own flag. */
  withMode<T>(training: boolean, fn: () => T): T {
    const saved = this.modules().map((m) => [m, m.training] as const);
    this.train(training);
    try {
      return fn();
    } finally {
      for (const [m, t] of saved) m.training = t;
    }
  }

  // ---- registration ----

  /** Registers a trainable parameter under `name` and returns it. */
  protected registerParameter(name: string, value: Tensor | Parameter): Parameter {
    checkName("registerParameter", name);
    this.checkFree(name);
    const p = value instanceof Parameter ? value : new Parameter(value, name);
    if (!isFloat(p.value.dtype))
      throw new DTypeError(
        "registerParameter",
        name,
        `parameters must be float, got ${p.value.dtype}`,
      );
    this._parameters.set(name, p);
    return p;
  }

  /**
   * Registers a buffer: state that is not trained by gradients. Persistent
   * buffers (default) are saved in the state dict and counted as
   * non-trainable parameters.
   */
  protected registerBuffer(
    name: string,
    value: Tensor,
    options: { persistent?: boolean } = {},
  ): void {
    checkOptions("registerBuffer", options, ["persistent"]);
    checkName("registerBuffer", name);
    this.checkFree(name);
    if (!(value instanceof Tensor))
      throw new DTypeError("registerBuffer", name, "expected a Tensor");
    this._buffers.set(name, { value, persistent: options.persistent ?? true });
  }

  /** Registers a child module under `name` (its parameters become `name.…`) and returns it. */
  protected registerModule<M extends Module>(name: string, module: M): M {
    checkName("registerModule", name);
    this.checkFree(name);
    if (!(module instanceof Module))
      throw new ValueError("registerModule", name, "expected a Module");
    this._children.set(name, module);
    return module;
  }

  /** The current tensor of buffer `name`. */
  protected getBuffer(name: string): Tensor {
    const slot = this._buffers.get(name);
    if (!slot) throw new ValueError("getBuffer", "name", `no buffer named '${name}'`);
    return slot.value;
  }

  /** Replaces the tensor of buffer `name`. */
  protected setBuffer(name: string, value: Tensor): void {
    const slot = this._buffers.get(name);
    if (!slot) throw new ValueError("setBuffer", "name", `no buffer named '${name}'`);
    slot.value = value;
  }

  /** The parameter registered directly on this module under `name`, if any. */
  protected getParameter(name: string): Parameter | undefined {
    return this._parameters.get(name);
  }

  private checkFree(name: string): void {
    if (this._parameters.has(name) || this._buffers.has(name) || this._children.has(name))
      throw new ValueError("Module", "name", `'${name}' is already registered on this module`);
  }

  // ---- traversal ----

  /** Direct children with their names, in registration order. */
  namedChildren(): [string, Module][] {
    return [...this._children.entries()];
  }

  /** Direct children, in registration order. */
  children(): Module[] {
    return [...this._children.values()];
  }

  /** This module and all descendants with dotted names (`""` for this one), depth first. */
  namedModules(prefix = ""): [string, Module][] {
    const out: [string, Module][] = [];
    const seen = new Set<Module>();
    const visit = (m: Module, name: string) => {
      if (seen.has(m)) return;
      seen.add(m);
      out.push([name, m]);
      for (const [k, c] of m._children) visit(c, name ? `${name}.${k}` : k);
    };
    visit(this, prefix);
    return out;
  }

  /** This module and all descendants. */
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Every parameter with its dotted name (`0.kernel`), each once even if shared. */
  namedParameters(): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    const seen = new Set<Parameter>();
    for (const [prefix, m] of this.namedModules()) {
      for (const [k, p] of m._parameters) {
        if (seen.has(p)) continue;
        seen.add(p);
        out.push([prefix ? `${prefix}.${k}` : k, p]);
      }
    }
    return out;
  }

  /** Every parameter (trainable or frozen), each once: what an optimizer takes. */
  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Every buffer with its dotted name (`1.movingMean`). */
  namedBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [prefix, m] of this.namedModules())
      for (const [k, b] of m._buffers) out.push([prefix ? `${prefix}.${k}` : k, b.value]);
    return out;
  }

  /** Dotted name → accessor of every tensor in the state dict, in order: per module, parameters then persistent buffers. */
  private stateSlots(): [string, () => Tensor][] {
    const out: [string, () => Tensor][] = [];
    for (const [prefix, m] of this.namedModules()) {
      const full = (k: string) => (prefix ? `${prefix}.${k}` : k);
      for (const [k, p] of m._parameters) out.push([full(k), () => p.value]);
      for (const [k, b] of m._buffers) if (b.persistent) out.push([full(k), () => b.value]);
    }
    return out;
  }

  // ---- state ----

  /**
   * A snapshot of every parameter and persistent buffer under its dotted
   * name. The tensors are copies: training afterwards does not change them,
   * so a state dict can be kept as a checkpoint.
   */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [k, get] of this.stateSlots()) out[k] = get().clone();
    return out;
  }

  /**
   * Copies the values of `state` into this module's parameters and buffers
   * (in place: Parameter objects held by an optimizer stay valid). Every key,
   * shape and dtype is checked first; if anything is wrong, nothing is loaded
   * and a {@link StateDictError} lists every problem.
   */
  loadStateDict(state: StateDict, options: LoadStateDictOptions = {}): void {
    checkOptions("loadStateDict", options, LOAD_STATE_DICT_OPTIONS);
    const strict = options.strict ?? true;
    if (typeof state !== "object" || state === null || Array.isArray(state))
      throw new ValueError("loadStateDict", "state", "expected an object of name → Tensor");
    const problems: StateDictProblem[] = [];
    const slots = this.stateSlots();
    const known = new Set<string>();
    const copies: [Tensor, Tensor][] = [];
    for (const [key, get] of slots) {
      known.add(key);
      if (!Object.hasOwn(state, key)) {
        if (strict)
          problems.push({
            kind: "missing",
            key,
            detail: "the model has it, the state dict does not",
          });
        continue;
      }
      const src = state[key];
      const dst = get();
      if (!(src instanceof Tensor)) {
        problems.push({
          kind: "type",
          key,
          detail: `expected a Tensor, got ${src === null ? "null" : typeof src}`,
        });
      } else if (!shapesEqual(src.shape, dst.shape)) {
        problems.push({
          kind: "shape",
          key,
          detail: `expected shape ${fmt(dst.shape)}, got ${fmt(src.shape)}`,
        });
      } else if (src.dtype !== dst.dtype) {
        problems.push({
          kind: "dtype",
          key,
          detail: `expected ${dst.dtype}, got ${src.dtype} (convert the model with .to("${src.dtype}") or cast the tensor)`,
        });
      } else copies.push([src, dst]);
    }
    if (strict)
      for (const key of Object.keys(state))
        if (!known.has(key))
          problems.push({
            kind: "unexpected",
            key,
            detail: "the state dict has it, the model does not",
          });
    if (problems.length > 0) {
      const unbuilt = this.namedModules().filter(([, m]) => !m.built && m.children().length === 0);
      const hint = unbuilt.length
        ? `Not built yet (layers create their weights on the first call): ${unbuilt
            .map(([n, m]) => `'${n || "(root)"}' (${m.className})`)
            .join(", ")}. Call the model once, give the first layer inputDim, or call build().`
        : "";
      throw new StateDictError("loadStateDict", problems, hint);
    }
    for (const [src, dst] of copies) {
      dst.data.set(src.data);
      dst.markModified();
    }
  }

  // ---- modes, gradients, dtype ----

  /** Sets training mode (`true`, default) or eval mode on this module and every descendant. */
  train(mode = true): this {
    if (typeof mode !== "boolean")
      throw new ValueError("train", "mode", `expected true or false, got ${String(mode)}`);
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Eval mode on this module and every descendant: `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradient of every parameter (sets `.grad` to null). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Stops gradients to every parameter (they count as non-trainable). */
  freeze(): this {
    for (const p of this.parameters()) p.requiresGrad = false;
    return this;
  }

  /** Lets gradients reach every parameter again. */
  unfreeze(): this {
    for (const p of this.parameters()) p.requiresGrad = true;
    return this;
  }

  /**
   * Converts every parameter and float buffer to `dtype` (float32 or
   * float64), in place: the Parameter objects stay the same, their values and
   * gradients are replaced. Layers built later use it too.
   */
  to(dtype: DType): this {
    floatDType("Module.to", "dtype", dtype);
    for (const m of this.modules()) {
      for (const p of m._parameters.values()) {
        if (p.value.dtype !== dtype) {
          p.value = p.value.cast(dtype);
          p.grad = null;
        }
      }
      for (const b of m._buffers.values())
        if (isFloat(b.value.dtype) && b.value.dtype !== dtype) b.value = b.value.cast(dtype);
      m.dtype = dtype;
    }
    return this;
  }

  /** Total, trainable and non-trainable element counts (shared parameters once). */
  countParameters(): ParameterCount {
    let trainable = 0;
    let nonTrainable = 0;
    for (const p of this.parameters()) {
      if (p.requiresGrad) trainable += p.size;
      else nonTrainable += p.size;
    }
    for (const m of this.modules())
      for (const b of m._buffers.values()) if (b.persistent) nonTrainable += b.value.size;
    return { total: trainable + nonTrainable, trainable, nonTrainable };
  }
}
