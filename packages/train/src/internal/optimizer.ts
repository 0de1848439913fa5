import type { Parameter } from "@neurite/autograd";
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  Nadam,
  Optimizer,
  RMSprop,
  SGD,
} from "@neurite/optim";
import { ValueError } from "@neurite/tensor";

/** Optimizer names accepted by `fit`, each built with Keras's default hyperparameters. */
export type OptimizerName =
  | "adam"
  | "sgd"
  | "rmsprop"
  | "adagrad"
  | "adadelta"
  | "adamax"
  | "nadam"
  | "adamw";

/**
 * An optimizer for `fit`: an {@link Optimizer} instance, a name (built over
 * the model's trainable parameters with Keras's defaults), or a function
 * that builds one from those parameters (useful when the model creates its
 * weights on the first call, e.g. `(params) => new Adam(params, { lr: 0.01 })`).
 */
export type OptimizerLike = Optimizer | OptimizerName | ((params: Parameter[]) => Optimizer);

/** Keras's defaults per name (learning rate, and epsilon 1e-7 where Keras uses it). */
const BUILDERS: Record<OptimizerName, (p: Parameter[]) => Optimizer> = {
  adam: (p) => new Adam(p, { lr: 0.001, eps: 1e-7 }),
  sgd: (p) => new SGD(p, { lr: 0.01 }),
  rmsprop: (p) => new RMSprop(p, { lr: 0.001, alpha: 0.9, eps: 1e-7 }),
  adagrad: (p) => new Adagrad(p, { lr: 0.001, initialAccumulatorValue: 0.1, eps: 1e-7 }),
  adadelta: (p) => new Adadelta(p, { lr: 0.001, rho: 0.95, eps: 1e-7 }),
  adamax: (p) => new Adamax(p, { lr: 0.001, eps: 1e-7 }),
  nadam: (p) => new Nadam(p, { lr: 0.001, eps: 1e-7 }),
  adamw: (p) => new AdamW(p, { lr: 0.001, weightDecay: 0.004, eps: 1e-7 }),
};

/** The names {@link OptimizerLike} accepts. */
export const OPTIMIZER_NAMES = Object.keys(BUILDERS) as readonly OptimizerName[];

/**
 * The optimizer of a run. A name or a factory is built over `params` (the
 * model's trainable parameters, known once the model is built); an instance
 * must hold at least one of them.
 * @internal
 */
export function resolveOptimizer(op: string, spec: unknown, params: Parameter[]): Optimizer {
  let opt: unknown = spec;
  if (typeof spec === "string") {
    const key = spec.toLowerCase() as OptimizerName;
    const build = BUILDERS[key];
    if (build === undefined)
      throw new ValueError(
        op,
        "optimizer",
        `unknown optimizer '${spec}'. Known: ${OPTIMIZER_NAMES.join(", ")}, or pass an Optimizer instance`,
      );
    if (params.length === 0)
      throw new ValueError(op, "model", "the model has no trainable parameters to optimize");
    opt = build(params);
  } else if (typeof spec === "function" && !(spec instanceof Optimizer)) {
    opt = (spec as (p: Parameter[]) => Optimizer)(params);
  }
  if (!(opt instanceof Optimizer))
    throw new ValueError(
      op,
      "optimizer",
      `expected an Optimizer (new Adam(model.parameters())), a name such as "adam", or a function building one, got ${opt === null ? "null" : typeof opt}`,
    );
  const held = heldBy(opt);
  if (params.length > 0 && !params.some((p) => held.has(p)))
    throw new ValueError(
      op,
      "optimizer",
      `the optimizer holds none of the model's ${params.length} trainable parameters (was it built for another model, or before the model created its weights? Give the first layer inputDim, or pass optimizer: "adam" or (params) => new Adam(params))`,
    );
  return opt;
}

/**
 * Fails when the dry run created trainable parameters (layers that infer their
 * input size build their weights on the first call) that an optimizer built
 * beforehand does not hold: those layers would silently never train.
 * @internal
 */
export function checkLazyParameters(
  op: string,
  optimizer: Optimizer,
  trainable: readonly Parameter[],
  existedBefore: ReadonlySet<Parameter>,
): void {
  const held = heldBy(optimizer);
  const missed = trainable.filter((p) => !existedBefore.has(p) && !held.has(p));
  if (missed.length === 0) return;
  throw new ValueError(
    op,
    "optimizer",
    `the optimizer was built before the model created ${missed.length} of its ${trainable.length} trainable parameters (layers that infer their input size build their weights on the first call), so they would never be updated; build the model first (e.g. model.build([null, features]) or inputDim on the first layer), or pass optimizer: "adam" or (params) => new Adam(params)`,
  );
}

/** Every parameter in any of the optimizer's groups. */
function heldBy(optimizer: Optimizer): Set<unknown> {
  const held = new Set<unknown>();
  for (const g of optimizer.paramGroups) for (const p of g.params) held.add(p);
  return held;
}
