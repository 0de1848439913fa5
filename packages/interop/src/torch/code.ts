import type { ActivationFunction, Module } from "@neurite/layers";
import { UnsupportedLayerError } from "../errors.js";
import { type TorchModule, torchLayout } from "./layout.js";

const OP = "torchSequentialCode";

function pyFloat(v: number): string {
  const s = String(v);
  return /[.eE]/.test(s) || !Number.isFinite(v) ? s : `${s}.0`;
}

function activationModule(fn: ActivationFunction, path: string): string {
  const c = fn.config;
  switch (fn.name) {
    case "identity":
      return "nn.Identity()";
    case "relu":
      return "nn.ReLU()";
    case "sigmoid":
      return "nn.Sigmoid()";
    case "tanh":
      return "nn.Tanh()";
    case "leakyRelu":
      return `nn.LeakyReLU(negative_slope=${pyFloat(c.alpha!)})`;
    case "elu":
      return `nn.ELU(alpha=${pyFloat(c.alpha!)})`;
    case "selu":
      return "nn.SELU()";
    case "gelu":
      return c.approximate ? 'nn.GELU(approximate="tanh")' : "nn.GELU()";
    case "softplus":
      return "nn.Softplus()";
    case "swish":
      return "nn.SiLU()";
    case "hardSigmoid":
      // PyTorch's Hardsigmoid is relu6(x + 3) / 6, Keras 3's (and Neurite's) definition.
      return "nn.Hardsigmoid()";
    case "softmax":
      return `nn.Softmax(dim=${c.axis ?? -1})`;
    case "logSoftmax":
      return `nn.LogSoftmax(dim=${c.axis ?? -1})`;
    case "step":
    case "sign":
      throw new UnsupportedLayerError(
        OP,
        "model",
        path,
        "Activation",
        `PyTorch has no ${fn.name} module (the state dict still converts: the activation holds no tensors)`,
      );
  }
}

function moduleCode(m: TorchModule, indent: string): string {
  switch (m.kind) {
    case "linear": {
      const [inDim, units] = m.layer.kernel.shape as [number, number];
      return `nn.Linear(${inDim}, ${units}${m.layer.bias ? "" : ", bias=False"})`;
    }
    case "batchnorm": {
      const bn = m.layer;
      // PyTorch's momentum weighs the new batch; Keras's and Neurite's the old average.
      const momentum = Number((1 - bn.momentum).toPrecision(12));
      const affine = bn.scale || bn.center ? "" : ", affine=False";
      return `nn.BatchNorm1d(${bn.features}, eps=${pyFloat(bn.epsilon)}, momentum=${pyFloat(momentum)}${affine})`;
    }
    case "dropout":
      return `nn.Dropout(p=${pyFloat(m.layer.rate)})`;
    case "activation":
      return activationModule(m.fn, m.path);
    case "sequential":
      return sequentialCode(m.modules, `${indent}    `);
  }
}

function sequentialCode(modules: readonly TorchModule[], indent: string): string {
  if (modules.length === 0) return "nn.Sequential()";
  const lines = modules.map((m) => `${indent}    ${moduleCode(m, indent)},`);
  return `nn.Sequential(\n${lines.join("\n")}\n${indent})`;
}

/**
 * The Python source of the `torch.nn.Sequential` that matches `model`
 * module for module, whose `state_dict` has the names and shapes
 * {@link toTorchStateDict} produces: `nn.Linear(in, out)`, then the Dense
 * layer's activation as its own module; `nn.BatchNorm1d` with the layer's
 * epsilon and PyTorch's momentum (`1 − momentum`); `nn.Dropout(p)`.
 *
 * @throws UnsupportedLayerError for `step` and `sign`, which PyTorch has no module for, and for layers it cannot express
 */
export function torchSequentialCode(model: Module): string {
  return sequentialCode(torchLayout(OP, model), "");
}
