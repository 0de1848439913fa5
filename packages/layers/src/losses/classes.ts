import type { Variable } from "@neurite/autograd";
import { brand, checkOptions, optionNames, type Tensor, ValueError } from "@neurite/tensor";
import { asVariable } from "../internal.js";
import { binaryCrossEntropy, CROSS_ENTROPY_OPTIONS, type CrossEntropyOptions } from "./binary.js";
import { categoricalCrossEntropy, sparseCategoricalCrossEntropy } from "./categorical.js";
import {
  checkEpsilon,
  checkReduction,
  REDUCTION_OPTIONS,
  type Reduction,
  type ReductionOptions,
} from "./common.js";
import { HUBER_OPTIONS, type HuberOptions, huber, mae, mse, sse } from "./regression.js";

type In = Variable | Tensor;

/** Canonical names of the built-in losses. */
export type LossName =
  | "sse"
  | "mse"
  | "mae"
  | "huber"
  | "binaryCrossEntropy"
  | "categoricalCrossEntropy"
  | "sparseCategoricalCrossEntropy";

/** A loss as a plain function: `(yPred, yTrue) → scalar Variable`. */
export type LossFunction = (yPred: Variable, yTrue: Variable | Tensor) => Variable;

/** Every option some loss takes, so that a misspelling gets a suggestion in `losses.get`. */
const LOSS_OPTIONS = optionNames<LossOptions>({
  reduction: true,
  fromLogits: true,
  epsilon: true,
  delta: true,
});

/**
 * A loss object: configured once (reduction, fromLogits, ...), then called
 * as `loss.call(yPred, yTrue)`. Arguments are prediction first, target
 * second, as in PyTorch.
 */
export abstract class Loss {
  static {
    // instanceof holds across copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_Loss)
    brand(this, "Loss");
  }

  /** The canonical name (`"mse"`), or `"custom"`. */
  abstract readonly name: LossName | "custom";
  /** How values are combined. */
  readonly reduction: Reduction;

  /**
   * @param options - `reduction` (default `mean`; `sum` for sse)
   * @param fallback - the reduction when `options` sets none
   * @param known - every option the subclass takes (unknown keys throw)
   */
  constructor(
    options: ReductionOptions = {},
    fallback: Reduction = "mean",
    known: readonly string[] = REDUCTION_OPTIONS,
  ) {
    checkOptions(new.target.name, options, known);
    this.reduction = checkReduction("Loss", options.reduction, fallback);
  }

  /** The loss of predictions `yPred` against targets `yTrue`. */
  abstract call(yPred: In, yTrue: In): Variable;

  /** The options needed to rebuild this loss with `losses.get(name, config)`. */
  getConfig(): Record<string, unknown> {
    return { reduction: this.reduction };
  }
}

/** {@link sse} as an object (default reduction `sum`). */
export class SumSquaredError extends Loss {
  /** Always `"sse"`. */
  readonly name = "sse";
  /** @param options - `reduction` (default `sum`) */
  constructor(options: ReductionOptions = {}) {
    super(options, "sum");
  }
  /** The loss of `yPred` against `yTrue` (prediction first). */
  call(yPred: In, yTrue: In): Variable {
    return sse(yPred, yTrue, { reduction: this.reduction });
  }
}

/** {@link mse} as an object. */
export class MeanSquaredError extends Loss {
  /** Always `"mse"`. */
  readonly name = "mse";
  /** The loss of `yPred` against `yTrue` (prediction first). */
  call(yPred: In, yTrue: In): Variable {
    return mse(yPred, yTrue, { reduction: this.reduction });
  }
}

/** {@link mae} as an object. */
export class MeanAbsoluteError extends Loss {
  /** Always `"mae"`. */
  readonly name = "mae";
  /** The loss of `yPred` against `yTrue` (prediction first). */
  call(yPred: In, yTrue: In): Variable {
    return mae(yPred, yTrue, { reduction: this.reduction });
  }
}

/** {@link huber} as an object. */
export class Huber extends Loss {
  /** Always `"huber"`. */
  readonly name = "huber";
  /** The quadratic/linear switch point. */
  readonly delta: number;
  /** @param options - `delta` (default 1) and `reduction` */
  constructor(options: HuberOptions = {}) {
    super(options, "mean", HUBER_OPTIONS);
    const delta = options.delta ?? 1;
    if (typeof delta !== "number" || !(delta > 0) || !Number.isFinite(delta))
      throw new ValueError("Huber", "delta", `expected a positive number, got ${String(delta)}`);
    this.delta = delta;
  }
  /** The loss of `yPred` against `yTrue` (prediction first). */
  call(yPred: In, yTrue: In): Variable {
    return huber(yPred, yTrue, { reduction: this.reduction, delta: this.delta });
  }
  override getConfig(): Record<string, unknown> {
    return { reduction: this.reduction, delta: this.delta };
  }
}

abstract class CrossEntropyLoss extends Loss {
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** Probability clamp. */
  readonly epsilon: number;
  constructor(options: CrossEntropyOptions = {}) {
    super(options, "mean", CROSS_ENTROPY_OPTIONS);
    if (options.fromLogits !== undefined && typeof options.fromLogits !== "boolean")
      throw new ValueError(
        "Loss",
        "fromLogits",
        `expected true or false, got ${String(options.fromLogits)}`,
      );
    this.fromLogits = options.fromLogits ?? false;
    this.epsilon = checkEpsilon("Loss", options.epsilon);
  }
  protected opts(): CrossEntropyOptions {
    return { reduction: this.reduction, fromLogits: this.fromLogits, epsilon: this.epsilon };
  }
  override getConfig(): Record<string, unknown> {
    return this.opts() as Record<string, unknown>;
  }
}

/** {@link binaryCrossEntropy} as an object. */
export class BinaryCrossEntropy extends CrossEntropyLoss {
  /** Always `"binaryCrossEntropy"`. */
  readonly name = "binaryCrossEntropy";
  /** The loss of `yPred` against `yTrue` (prediction first). */
  call(yPred: In, yTrue: In): Variable {
    return binaryCrossEntropy(yPred, yTrue, this.opts());
  }
}

/** {@link categoricalCrossEntropy} as an object (the book's classification loss). */
export class CategoricalCrossEntropy extends CrossEntropyLoss {
  /** Always `"categoricalCrossEntropy"`. */
  readonly name = "categoricalCrossEntropy";
  /** The loss of `yPred` against `yTrue` (prediction first). */
  call(yPred: In, yTrue: In): Variable {
    return categoricalCrossEntropy(yPred, yTrue, this.opts());
  }
}

/** {@link sparseCategoricalCrossEntropy} as an object. */
export class SparseCategoricalCrossEntropy extends CrossEntropyLoss {
  /** Always `"sparseCategoricalCrossEntropy"`. */
  readonly name = "sparseCategoricalCrossEntropy";
  /** The loss of `yPred` against `yTrue` (prediction first). */
  call(yPred: In, yTrue: In): Variable {
    return sparseCategoricalCrossEntropy(yPred, yTrue, this.opts());
  }
}

class FunctionLoss extends Loss {
  /** Always `"custom"`. */
  readonly name = "custom";
  constructor(private readonly fn: LossFunction) {
    super();
  }
  /** Calls the wrapped function. */
  call(yPred: In, yTrue: In): Variable {
    return this.fn(asVariable("Loss", "yPred", yPred), yTrue);
  }
}

/** Options accepted by `losses.get`: the union of every loss's options. */
export type LossOptions = CrossEntropyOptions & HuberOptions;

const FACTORIES: Record<LossName, (o: LossOptions) => Loss> = {
  sse: (o) => new SumSquaredError(o),
  mse: (o) => new MeanSquaredError(o),
  mae: (o) => new MeanAbsoluteError(o),
  huber: (o) => new Huber(o),
  binaryCrossEntropy: (o) => new BinaryCrossEntropy(o),
  categoricalCrossEntropy: (o) => new CategoricalCrossEntropy(o),
  sparseCategoricalCrossEntropy: (o) => new SparseCategoricalCrossEntropy(o),
};

/** Every built-in loss name. */
export const LOSS_NAMES = Object.keys(FACTORIES) as readonly LossName[];

const LOOKUP = new Map<string, LossName>([
  ...LOSS_NAMES.map((n) => [n.toLowerCase(), n] as [string, LossName]),
  ["sumsquarederror", "sse"],
  ["meansquarederror", "mse"],
  ["meanabsoluteerror", "mae"],
  ["huberloss", "huber"],
  ["bce", "binaryCrossEntropy"],
  ["cce", "categoricalCrossEntropy"],
]);

/**
 * A loss object by name (camelCase, or Keras's `mean_squared_error`,
 * `categorical_crossentropy`, ...) with options; a Loss passes through and a
 * function is wrapped. This is how a training loop accepts `loss: "mse"`.
 * @throws ValueError for an unknown name
 */
export function getLoss(
  identifier: LossName | (string & {}) | Loss | LossFunction,
  options: LossOptions = {},
): Loss {
  if (identifier instanceof Loss) return identifier;
  if (typeof identifier === "function") return new FunctionLoss(identifier);
  if (typeof identifier !== "string")
    throw new ValueError(
      "losses.get",
      "name",
      `expected a loss name, Loss or function, got ${typeof identifier}`,
    );
  const name = LOOKUP.get(identifier.toLowerCase().replace(/[_\-\s]/g, ""));
  if (name === undefined)
    throw new ValueError(
      "losses.get",
      "name",
      `unknown loss '${identifier}'. Known: ${LOSS_NAMES.join(", ")}`,
    );
  const allowed: Record<LossName, string[]> = {
    sse: ["reduction"],
    mse: ["reduction"],
    mae: ["reduction"],
    huber: ["reduction", "delta"],
    binaryCrossEntropy: ["reduction", "fromLogits", "epsilon"],
    categoricalCrossEntropy: ["reduction", "fromLogits", "epsilon"],
    sparseCategoricalCrossEntropy: ["reduction", "fromLogits", "epsilon"],
  };
  checkOptions("losses.get", options, LOSS_OPTIONS);
  for (const [k, v] of Object.entries(options))
    if (v !== undefined && !allowed[name].includes(k))
      throw new ValueError(
        "losses.get",
        k,
        `${name} takes only ${allowed[name].join(", ")}, got '${k}'`,
      );
  return FACTORIES[name](options);
}
