// Issue 12's proof that a training step runs on kernels only. A recording
// backend, registered above every other, serves every kernel through the
// reference and writes down each call; each layer, loss and optimizer is run
// forward, backward and through a step, and must reach the numbers only
// through the kernels of its family. A second test scans the sources of the
// step for element writes outside the backends.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { type Variable, Variable as VariableClass } from "@neurite/autograd";
import {
  Activation,
  BatchNorm,
  Dense,
  Dropout,
  losses,
  type Module,
  Perceptron,
  Sequential,
} from "@neurite/layers";
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  clipGradNorm,
  Nadam,
  type Optimizer,
  RMSprop,
  SGD,
} from "@neurite/optim";
import {
  cpuBackend,
  type Kernels,
  randn,
  registerBackend,
  type Tensor,
  tensor,
  uniform,
  unregisterBackend,
} from "@neurite/tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type KernelName = keyof Kernels;
const KERNEL_NAMES = Object.keys(cpuBackend.kernels) as KernelName[];

/** Kernel calls, as `name` or `name:op` for the kernels keyed by an op name. */
const calls: string[] = [];
let recording = false;
let depth = 0;

beforeAll(() => {
  const kernels: Record<string, (...args: unknown[]) => unknown> = {};
  for (const name of KERNEL_NAMES) {
    const reference = cpuBackend.kernels[name] as (...args: unknown[]) => unknown;
    kernels[name] = (...args: unknown[]) => {
      // Only the calls made by layers, autograd and optim: a reference kernel
      // that composes others (the dense kernels call matmul) is one call.
      if (recording && depth === 0)
        calls.push(typeof args[0] === "string" ? `${name}:${args[0]}` : name);
      depth++;
      try {
        return reference(...args);
      } finally {
        depth--;
      }
    };
  }
  registerBackend({ name: "recording", kernels: kernels as Partial<Kernels> }, { priority: 1e9 });
});

afterAll(() => unregisterBackend("recording"));

/** The kernel calls `fn` makes. */
function record(fn: () => void): string[] {
  calls.length = 0;
  recording = true;
  try {
    fn();
  } finally {
    recording = false;
  }
  return [...calls];
}

/**
 * Forward and backward of a module in training mode, with upstream gradient 1,
 * in the steady state: after a first step, whose backward also allocates each
 * float32 leaf's gradient buffer (`allocState`: in WebAssembly memory where it
 * can), and `zeroGrad()`, after which backward reuses those buffers.
 */
function step(module: Module, input: Tensor | Variable): { forward: string[]; backward: string[] } {
  module.train();
  const first = module.call(input); // builds a layer's parameters on its first call
  const firstBackward = record(() => first.backward(1));
  const leaves = [...module.parameters()];
  if (input instanceof VariableClass && input.requiresGrad) leaves.push(input);
  expect(firstBackward.filter((c) => c === "allocState")).toHaveLength(
    leaves.filter((v) => v.dtype === "float32").length,
  );
  for (const v of leaves) v.zeroGrad();
  let y: Variable | null = null;
  const forward = record(() => {
    y = module.call(input);
  });
  const backward = record(() => y!.backward(1));
  return { forward, backward };
}

const x = randn([6, 4], 1);
/** The same input as a Variable, so that layers without parameters have a gradient to compute. */
const xv = () => new VariableClass(x, { requiresGrad: true });

/** BatchNorm's training forward: the normalization, then the running statistics. */
const BATCHNORM_TRAINING_FORWARD = ["batchNormTraining", "batchNormUpdateStatistics"];
/** Dropout draws its mask in a kernel; its gradient is the mask times the upstream gradient. */
const DROPOUT_FORWARD = ["dropout"];
const DROPOUT_BACKWARD = ["binary:mul"];

/**
 * The kernels a loss may use: its own family and the sum of its values; and
 * `allocState` for the gradient buffer of the prediction (a fresh leaf here).
 */
const LOSS_KERNELS = new Set([
  "elementwiseLoss",
  "elementwiseLossGrad",
  "crossEntropy",
  "crossEntropyGrad",
  "reduce",
  "allocState",
]);

/** Every loss with each of its paths (probabilities, logits, sparse labels, reductions). */
function lossCases(pred: Tensor, oneHot: Tensor, labels: Tensor): [string, () => Variable][] {
  const logits = pred.mul(4).sub(2);
  const p = () => lift(pred);
  const z = () => lift(logits);
  const binaryTarget = oneHot.cast("float32");
  return [
    ["mse", () => losses.mse(p(), binaryTarget)],
    ["sse", () => losses.sse(p(), binaryTarget)],
    ["mae", () => losses.mae(p(), binaryTarget, { reduction: "sum" })],
    ["huber", () => losses.huber(p(), binaryTarget, { delta: 0.2 })],
    ["binaryCrossEntropy", () => losses.binaryCrossEntropy(p(), binaryTarget)],
    [
      "binaryCrossEntropy from logits",
      () => losses.binaryCrossEntropy(z(), binaryTarget, { fromLogits: true }),
    ],
    ["categoricalCrossEntropy", () => losses.categoricalCrossEntropy(p(), binaryTarget)],
    [
      "categoricalCrossEntropy from logits",
      () => losses.categoricalCrossEntropy(z(), binaryTarget, { fromLogits: true }),
    ],
    ["sparseCategoricalCrossEntropy", () => losses.sparseCategoricalCrossEntropy(p(), labels)],
    [
      "sparseCategoricalCrossEntropy from logits",
      () => losses.sparseCategoricalCrossEntropy(z(), labels, { fromLogits: true }),
    ],
    ["softmaxCrossEntropy", () => losses.softmaxCrossEntropy(z(), binaryTarget)],
  ];
}

/** A fresh Variable that requires a gradient. */
function lift(t: Tensor): Variable {
  return new VariableClass(t, { requiresGrad: true });
}

describe("a recording backend sees every layer's step as kernel calls", () => {
  it("Dense with and without an activation", () => {
    // Sigmoid and softmax run after the product as their own op, so that a
    // probability loss can use the logits behind them (Keras's convention).
    for (const [activation, forward, backward] of [
      ["relu", ["denseForward"], ["denseBackward"]],
      ["tanh", ["denseForward"], ["denseBackward"]],
      ["leakyRelu", ["denseForward"], ["denseBackward"]],
      ["linear", ["denseForward"], ["denseBackward"]],
      ["sigmoid", ["denseForward", "unary:sigmoid"], ["unaryGrad:sigmoid", "denseBackward"]],
      ["softmax", ["denseForward", "softmax"], ["softmaxGrad", "denseBackward"]],
    ] as const) {
      const dense = new Dense(3, { inputDim: 4, activation, seed: 1 });
      const seen = step(dense, x);
      expect(seen.forward, activation).toEqual(forward);
      expect(seen.backward, activation).toEqual(backward);
    }
  });

  it("Activation layers: one kernel forward, one backward", () => {
    for (const [name, fwd, bwd] of [
      ["relu", "unary:relu", "unaryGrad:relu"],
      ["sigmoid", "unary:sigmoid", "unaryGrad:sigmoid"],
      ["tanh", "unary:tanh", "unaryGrad:tanh"],
      ["softmax", "softmax", "softmaxGrad"],
    ] as const) {
      const { forward, backward } = step(new Activation(name), xv());
      expect(forward, name).toEqual([fwd]);
      expect(backward, name).toEqual([bwd]);
    }
  });

  it("BatchNorm in training and inference mode", () => {
    const bn = new BatchNorm();
    const training = step(bn, x);
    expect(training.forward).toEqual(BATCHNORM_TRAINING_FORWARD);
    expect(training.backward).toEqual(["batchNormBackward"]);
    bn.zeroGrad();
    bn.eval();
    let y: Variable | null = null;
    expect(record(() => (y = bn.call(x)))).toEqual(["batchNormInference"]);
    expect(record(() => y!.backward(1))).toEqual(["batchNormBackward"]);
  });

  it("Dropout", () => {
    const { forward, backward } = step(new Dropout(0.5, { seed: 3 }), xv());
    expect(forward).toEqual(DROPOUT_FORWARD);
    expect(backward).toEqual(DROPOUT_BACKWARD);
  });

  it("Perceptron predicts and learns through its kernels", () => {
    const p = new Perceptron({ inputs: 2 });
    const xs = tensor([
      [0, 0],
      [1, 1],
    ]);
    const kernelCalls = record(() => p.fit(xs, tensor([0, 1]), { epochs: 1 }));
    expect(new Set(kernelCalls)).toEqual(new Set(["perceptronUpdate"]));
    expect(record(() => p.predict(xs))).toEqual(["perceptronNet", "unary:step"]);
  });
});

describe("every loss is kernel calls", () => {
  const pred = uniform([6, 3], 0.1, 0.9, 5);
  const oneHot = tensor([
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]);
  const labels = tensor([0, 1, 2, 0, 1, 2], [6], "int32");
  const cases: [string, () => Variable][] = lossCases(pred, oneHot, labels);
  for (const [name, loss] of cases) {
    it(name, () => {
      let l: Variable | null = null;
      const forward = record(() => {
        l = loss();
      });
      const backward = record(() => l!.backward());
      expect(forward.length, `${name} forward`).toBeGreaterThan(0);
      expect(backward.length, `${name} backward`).toBeGreaterThan(0);
      for (const c of [...forward, ...backward])
        expect(LOSS_KERNELS.has(c.split(":")[0]!), `${name} calls ${c}`).toBe(true);
    });
  }
});

describe("every optimizer's update is one kernel call per parameter", () => {
  // name, update kernel, state buffers per parameter, constructor
  const makers: [string, string, number, (ps: Variable[]) => Optimizer][] = [
    ["SGD", "sgd", 0, (ps) => new SGD(ps, { lr: 0.1 })],
    ["SGD, Nesterov", "sgd", 1, (ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, nesterov: true })],
    ["Adam", "adam", 2, (ps) => new Adam(ps)],
    ["Adam, AMSGrad, L2", "adam", 3, (ps) => new Adam(ps, { amsgrad: true, weightDecay: 0.01 })],
    ["AdamW", "adam", 2, (ps) => new AdamW(ps)],
    ["Adamax", "adamax", 2, (ps) => new Adamax(ps)],
    ["NAdam", "nadam", 2, (ps) => new Nadam(ps)],
    ["RMSprop, centered", "rmsprop", 3, (ps) => new RMSprop(ps, { centered: true, momentum: 0.9 })],
    ["Adagrad", "adagrad", 1, (ps) => new Adagrad(ps)],
    ["Adadelta", "adadelta", 2, (ps) => new Adadelta(ps)],
  ];
  for (const [name, kernel, buffers, make] of makers) {
    it(name, () => {
      const model = new Sequential([new Dense(3, { inputDim: 4, seed: 2 })]);
      const params = model.parameters();
      const opt = make(params);
      model.call(x).backward(1);
      // The first step also allocates each state buffer (allocState: in WebAssembly memory where it can).
      expect(record(() => opt.step())).toEqual(
        params.flatMap(() => [...Array(buffers).fill("allocState"), kernel]),
      );
      expect(record(() => opt.step())).toEqual(params.map(() => kernel));
    });
  }

  it("clipGradNorm", () => {
    const model = new Sequential([new Dense(3, { inputDim: 4, seed: 2 })]);
    model.call(x).backward(1);
    const clipCalls = record(() => clipGradNorm(model.parameters(), 0.1));
    expect(clipCalls.length).toBeGreaterThan(0);
  });
});

// ---- the static half: no element writes outside the backends ---------------------

const ROOT = join(import.meta.dirname, "..", "..", "..");

/**
 * The sources of a training step. Their element writes (`a[i] = …`, `a[i] += …`)
 * must be in the allow-list below, each with its reason.
 */
const STEP_SOURCES = [
  "packages/layers/src/activations",
  "packages/layers/src/functional",
  "packages/layers/src/losses",
  "packages/layers/src/layers",
  "packages/autograd/src/ops",
  "packages/autograd/src/variable.ts",
  "packages/autograd/src/backward.ts",
  "packages/autograd/src/graph.ts",
  "packages/optim/src/optimizers",
  "packages/optim/src/optimizer.ts",
  "packages/optim/src/clip.ts",
];

const ELEMENT_WRITE =
  /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\[[^\]\n]+\]!?\s*(?:[-+*/]|\*\*)?=(?!=)/;

/**
 * Element writes that stay, each with its reason: they index bookkeeping arrays
 * of the graph or of shapes, never tensor values.
 */
const ALLOWED: [file: string, line: RegExp, why: string][] = [
  [
    "packages/layers/src/activations/definitions.ts",
    /^\s*(xs|g|y|one\.x)\[[01]\] = /,
    "one number staged for fn/derivative's kernel call",
  ],
  [
    "packages/layers/src/losses/common.ts",
    /^\s*d\[0\] = v;/,
    "a rank-0 tensor made from one number",
  ],
  [
    "packages/layers/src/losses/categorical.ts",
    /^\s*out\[i\] = v;/,
    "integer labels checked and converted to int32",
  ],
  [
    "packages/autograd/src/ops/shape.ts",
    /^\s*(inverse\[axis\] = i|idx\[d\] = 0|size\[a\] = 1);/,
    "shape and index bookkeeping",
  ],
  ["packages/autograd/src/backward.ts", /^\s*next\[top\] = i \+ 1;/, "the graph walk's stack"],
  [
    "packages/autograd/src/graph.ts",
    /^\s*out\[2 \* [in]( \+ 1)?\] = (t|value)(\.version)?;/,
    "saved tensors and their versions",
  ],
  [
    "packages/optim/src/optimizer.ts",
    /^\s*out\[i\] = v;/,
    "optimizer state loaded from a JSON array",
  ],
  [
    "packages/optim/src/optimizer.ts",
    /^\s*(state\.)?(buffers|scalars)\[name\] = /,
    "the optimizer's state objects, keyed by buffer name",
  ],
];

/** The `.ts` files under a source path. */
function sourceFiles(path: string): string[] {
  const abs = join(ROOT, path);
  if (!statSync(abs).isDirectory()) return [abs];
  return readdirSync(abs, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(abs, f));
}

describe("no numeric loop over tensor data outside the backends", () => {
  it("the sources of a step write no elements but the allowed bookkeeping", () => {
    const found: string[] = [];
    for (const path of STEP_SOURCES)
      for (const file of sourceFiles(path)) {
        const rel = relative(ROOT, file);
        readFileSync(file, "utf8")
          .split("\n")
          .forEach((text, i) => {
            const code = text.replace(/\/\/.*$/, "");
            if (!ELEMENT_WRITE.test(code) || /^\s*\*/.test(code)) return;
            if (ALLOWED.some(([f, line]) => rel === f && line.test(code))) return;
            found.push(`${rel}:${i + 1}: ${text.trim()}`);
          });
      }
    expect(found).toEqual([]);
  });

  it("the scan finds a write when there is one", () => {
    expect(ELEMENT_WRITE.test("out[i] = x[i]! * 2;")).toBe(true);
    expect(ELEMENT_WRITE.test("w[i * k + o]! += lr * e;")).toBe(true);
    expect(ELEMENT_WRITE.test("if (a[i] === b[i]) return;")).toBe(false);
  });
});
