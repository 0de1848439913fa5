import type { Variable } from "@neurite/autograd";
import { checkOptions, optionNames, type Tensor, ValueError } from "@neurite/tensor";
import { getActivation } from "../activations/registry.js";
import type {
  ActivationFunction,
  ActivationName,
  ActivationOptions,
} from "../activations/types.js";
import { Module, type SymbolicShape } from "../module.js";
import { activationToJSON, layerInput, type ResolvedActivation } from "./shared.js";

/** Options of {@link Activation}: the activation's own parameters plus a name. */
export interface ActivationLayerOptions extends ActivationOptions {
  /** A name for `summary()`. */
  name?: string;
}

const ACTIVATION_LAYER_OPTIONS = optionNames<ActivationLayerOptions>({
  name: true,
  alpha: true,
  threshold: true,
  axis: true,
  approximate: true,
});

/**
 * Applies an activation function as a layer, e.g. the book's
 * `Dense(20) → BatchNorm → Activation("relu")`. Has no parameters.
 *
 * @example
 * ```ts
 * new Activation("relu");
 * new Activation("leaky_relu", { alpha: 0.1 });
 * new Activation("softmax", { axis: -1 });
 * ```
 */
export class Activation extends Module {
  /** The activation applied. */
  readonly activation: ActivationFunction | ((x: Variable) => Variable);

  /**
   * @param activation - a name (camelCase or snake_case), an ActivationFunction, or a function of a Variable
   * @param options - the activation's parameters (alpha, threshold, axis, approximate) and a layer name
   * @throws ValueError for an unknown name or an option the activation does not take
   */
  constructor(
    activation: ActivationName | (string & {}) | ActivationFunction | ((x: Variable) => Variable),
    options: ActivationLayerOptions = {},
  ) {
    super();
    checkOptions("Activation", options, ACTIVATION_LAYER_OPTIONS);
    const { name, ...params } = options;
    if (typeof activation === "function") {
      if (Object.values(params).some((v) => v !== undefined))
        throw new ValueError(
          "Activation",
          "options",
          "options can only be given with an activation name",
        );
      this.activation = activation;
    } else this.activation = getActivation(activation, params);
    this.name = name;
  }

  /** An activation keeps its input's shape, whatever it is. */
  override get preservesShape(): boolean {
    return true;
  }

  override get className(): string {
    return "Activation";
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape.slice();
  }

  /** Applies the activation. */
  forward(x: Variable | Tensor): Variable {
    const v = layerInput("Activation", x);
    const a = this.activation;
    return typeof a === "function" ? a(v) : a.apply(v);
  }

  override getConfig(): Record<string, unknown> {
    const a = this.activation;
    const resolved: ResolvedActivation =
      typeof a === "function" ? { kind: "custom", fn: a } : { kind: "builtin", fn: a };
    const json = activationToJSON("Activation", resolved)!;
    return { activation: json.name, ...json.config, name: this.name ?? null };
  }
}
