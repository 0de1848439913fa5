import type { OptimizerKernels } from "../../contract/optimizer.js";
import { OP } from "../layout.js";
import { runUpdate } from "./update.js";

// The other optimizers' updates in WebAssembly for float32 arrays, two float64
// lanes at a time (bit-identical to the reference; see OptimizerKernels).

/** SGD in WebAssembly (see {@link OptimizerKernels.sgd}). */
export const sgd: OptimizerKernels["sgd"] = (p, g, buf, lr, mu, dampening, l2, nesterov, first) =>
  runUpdate(OP.sgd, [p, g, buf], [lr, mu, dampening, l2, nesterov ? 1 : 0, first ? 1 : 0]);

/** Adamax in WebAssembly (see {@link OptimizerKernels.adamax}). */
export const adamax: OptimizerKernels["adamax"] = (p, g, m, u, clr, beta1, beta2, eps, l2) =>
  runUpdate(OP.adamax, [p, g, m, u], [clr, beta1, beta2, eps, l2]);

/** NAdam in WebAssembly (see {@link OptimizerKernels.nadam}). */
export const nadam: OptimizerKernels["nadam"] = (
  p,
  g,
  m,
  v,
  gradCoef,
  momentCoef,
  bc2,
  beta1,
  beta2,
  eps,
  l2,
  decay,
) => runUpdate(OP.nadam, [p, g, m, v], [gradCoef, momentCoef, bc2, beta1, beta2, eps, l2, decay]);

/** RMSprop in WebAssembly (see {@link OptimizerKernels.rmsprop}). */
export const rmsprop: OptimizerKernels["rmsprop"] = (
  p,
  g,
  sq,
  avg,
  buf,
  lr,
  alpha,
  eps,
  l2,
  momentum,
) => runUpdate(OP.rmsprop, [p, g, sq, avg, buf], [lr, alpha, eps, l2, momentum]);

/** Adagrad in WebAssembly (see {@link OptimizerKernels.adagrad}). */
export const adagrad: OptimizerKernels["adagrad"] = (p, g, sum, clr, eps, l2) =>
  runUpdate(OP.adagrad, [p, g, sum], [clr, eps, l2]);

/** Adadelta in WebAssembly (see {@link OptimizerKernels.adadelta}). */
export const adadelta: OptimizerKernels["adadelta"] = (p, g, sq, acc, lr, rho, eps, l2) =>
  runUpdate(OP.adadelta, [p, g, sq, acc], [lr, rho, eps, l2]);
