import type { Variable } from "@neurite/autograd";
import type { DType } from "@neurite/tensor";
import { describe, it } from "vitest";
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  Nadam,
  type Optimizer,
  RMSprop,
  SGD,
} from "../src/index.js";
import { expectClose, F32, F64, makeParam, quadGrad, quadLoss, values, W0 } from "./helpers.js";
import {
  adadeltaRef,
  adagradRef,
  adamaxRef,
  adamKerasRef,
  adamTorchRef,
  nadamRef,
  type Reference,
  rmspropRef,
  sgdRef,
} from "./reference.js";

interface Case {
  name: string;
  make: (params: Variable[]) => Optimizer;
  ref: () => Reference;
}

const cases: Case[] = [
  { name: "SGD", make: (p) => new SGD(p, { lr: 0.05 }), ref: () => sgdRef({ lr: 0.05 }) },
  {
    name: "SGD weight decay",
    make: (p) => new SGD(p, { lr: 0.05, weightDecay: 0.1 }),
    ref: () => sgdRef({ lr: 0.05, weightDecay: 0.1 }),
  },
  {
    name: "SGD momentum",
    make: (p) => new SGD(p, { lr: 0.05, momentum: 0.9 }),
    ref: () => sgdRef({ lr: 0.05, momentum: 0.9 }),
  },
  {
    name: "SGD momentum dampening weight decay",
    make: (p) => new SGD(p, { lr: 0.05, momentum: 0.8, dampening: 0.3, weightDecay: 0.05 }),
    ref: () => sgdRef({ lr: 0.05, momentum: 0.8, dampening: 0.3, weightDecay: 0.05 }),
  },
  {
    name: "SGD nesterov weight decay",
    make: (p) => new SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 }),
    ref: () => sgdRef({ lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 }),
  },
  {
    name: "Adam Keras defaults (lr 0.1)",
    make: (p) => new Adam(p, { lr: 0.1 }),
    ref: () => adamKerasRef({ lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }),
  },
  {
    name: "Adam Keras amsgrad",
    make: (p) => new Adam(p, { lr: 0.1, betas: [0.9, 0.5], amsgrad: true }),
    ref: () => adamKerasRef({ lr: 0.1, beta1: 0.9, beta2: 0.5, epsilon: 1e-7, amsgrad: true }),
  },
  {
    name: "Adam Keras large eps",
    make: (p) => new Adam(p, { lr: 0.1, eps: 0.5 }),
    ref: () => adamKerasRef({ lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 0.5 }),
  },
  {
    name: "Adam PyTorch weight decay",
    make: (p) => new Adam(p, { lr: 0.1, eps: 1e-8, epsStyle: "pytorch", weightDecay: 0.1 }),
    ref: () => adamTorchRef({ lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.1 }),
  },
  {
    name: "Adam PyTorch amsgrad large eps",
    make: (p) =>
      new Adam(p, { lr: 0.1, betas: [0.8, 0.5], eps: 0.3, epsStyle: "pytorch", amsgrad: true }),
    ref: () => adamTorchRef({ lr: 0.1, betas: [0.8, 0.5], eps: 0.3, amsgrad: true }),
  },
  {
    name: "AdamW Keras (decoupled decay)",
    make: (p) => new AdamW(p, { lr: 0.1, weightDecay: 0.2 }),
    ref: () => adamKerasRef({ lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.2 }),
  },
  {
    name: "AdamW PyTorch amsgrad",
    make: (p) =>
      new AdamW(p, {
        lr: 0.1,
        betas: [0.9, 0.5],
        eps: 1e-8,
        epsStyle: "pytorch",
        amsgrad: true,
        weightDecay: 0.2,
      }),
    ref: () =>
      adamTorchRef({
        lr: 0.1,
        betas: [0.9, 0.5],
        eps: 1e-8,
        weightDecay: 0.2,
        decoupled: true,
        amsgrad: true,
      }),
  },
  {
    name: "RMSprop",
    make: (p) => new RMSprop(p),
    ref: () => rmspropRef({ lr: 0.01, alpha: 0.99, eps: 1e-8 }),
  },
  {
    name: "RMSprop momentum weight decay",
    make: (p) => new RMSprop(p, { lr: 0.01, momentum: 0.5, weightDecay: 0.1 }),
    ref: () => rmspropRef({ lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0.5, weightDecay: 0.1 }),
  },
  {
    name: "RMSprop centered",
    make: (p) => new RMSprop(p, { lr: 0.01, alpha: 0.9, centered: true }),
    ref: () => rmspropRef({ lr: 0.01, alpha: 0.9, eps: 1e-8, centered: true }),
  },
  {
    name: "RMSprop centered momentum",
    make: (p) => new RMSprop(p, { lr: 0.01, alpha: 0.9, centered: true, momentum: 0.9 }),
    ref: () => rmspropRef({ lr: 0.01, alpha: 0.9, eps: 1e-8, centered: true, momentum: 0.9 }),
  },
  {
    name: "Adagrad",
    make: (p) => new Adagrad(p, { lr: 0.1 }),
    ref: () => adagradRef({ lr: 0.1, eps: 1e-10 }),
  },
  {
    name: "Adagrad lrDecay accumulator weight decay",
    make: (p) =>
      new Adagrad(p, { lr: 0.1, lrDecay: 0.1, initialAccumulatorValue: 0.1, weightDecay: 0.1 }),
    ref: () =>
      adagradRef({
        lr: 0.1,
        lrDecay: 0.1,
        initialAccumulatorValue: 0.1,
        weightDecay: 0.1,
        eps: 1e-10,
      }),
  },
  {
    name: "Adadelta",
    make: (p) => new Adadelta(p),
    ref: () => adadeltaRef({ lr: 1, rho: 0.9, eps: 1e-6 }),
  },
  {
    name: "Adadelta rho eps weight decay",
    make: (p) => new Adadelta(p, { lr: 0.5, rho: 0.5, eps: 1e-3, weightDecay: 0.1 }),
    ref: () => adadeltaRef({ lr: 0.5, rho: 0.5, eps: 1e-3, weightDecay: 0.1 }),
  },
  {
    name: "Adamax",
    make: (p) => new Adamax(p, { lr: 0.1 }),
    ref: () => adamaxRef({ lr: 0.1, betas: [0.9, 0.999], eps: 1e-8 }),
  },
  {
    name: "Adamax weight decay",
    make: (p) => new Adamax(p, { lr: 0.1, betas: [0.8, 0.9], weightDecay: 0.1 }),
    ref: () => adamaxRef({ lr: 0.1, betas: [0.8, 0.9], eps: 1e-8, weightDecay: 0.1 }),
  },
  {
    name: "Nadam",
    make: (p) => new Nadam(p, { lr: 0.1 }),
    ref: () => nadamRef({ lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, momentumDecay: 0.004 }),
  },
  {
    name: "Nadam weight decay",
    make: (p) => new Nadam(p, { lr: 0.1, weightDecay: 0.1, momentumDecay: 0.1 }),
    ref: () =>
      nadamRef({ lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.1, momentumDecay: 0.1 }),
  },
  {
    name: "Nadam decoupled weight decay",
    make: (p) => new Nadam(p, { lr: 0.1, weightDecay: 0.1, decoupledWeightDecay: true }),
    ref: () =>
      nadamRef({
        lr: 0.1,
        betas: [0.9, 0.999],
        eps: 1e-8,
        weightDecay: 0.1,
        momentumDecay: 0.004,
        decoupledWeightDecay: true,
      }),
  },
];

const STEPS = 6;

function runAgainstReference(c: Case, dtype: DType, tol: { rtol: number; atol: number }): void {
  const w = makeParam(dtype);
  const opt = c.make([w]);
  const ref = c.ref();
  let expected = W0.slice();
  for (let step = 1; step <= STEPS; step++) {
    quadLoss(w).backward();
    opt.step();
    opt.zeroGrad();
    expected = ref.step(expected, quadGrad(expected));
    expectClose(values(w.value), expected, tol.rtol, tol.atol, `${c.name} ${dtype} step ${step}`);
  }
}

describe("trajectories on f(w) = Σ c·(w − t)² match the float64 references", () => {
  for (const c of cases) {
    it(`${c.name} (float32 parameters)`, () => runAgainstReference(c, "float32", F32));
    it(`${c.name} (float64 parameters)`, () => runAgainstReference(c, "float64", F64));
  }
});
