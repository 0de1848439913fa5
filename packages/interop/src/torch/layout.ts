import {
  Activation,
  type ActivationFunction,
  BatchNorm,
  Dense,
  Dropout,
  type Module,
  Sequential,
} from "@neurite/layers";
import { ValueError } from "@neurite/tensor";
import { UnsupportedLayerError } from "../errors.js";

/** One module of the equivalent `torch.nn.Sequential`, at its dotted index. */
export type TorchModule =
  | { kind: "linear"; index: string; layer: Dense; path: string }
  | { kind: "batchnorm"; index: string; layer: BatchNorm; path: string }
  | { kind: "activation"; index: string; fn: ActivationFunction; path: string }
  | { kind: "dropout"; index: string; layer: Dropout; path: string }
  | { kind: "sequential"; index: string; modules: TorchModule[]; path: string };

/**
 * The `nn.Sequential` a PyTorch user writes for `model`: Dense becomes
 * `Linear` followed by its activation as a module of its own (so Neurite's
 * `Dense(20, relu)` takes two indices), BatchNorm becomes `BatchNorm1d`,
 * Activation and Dropout one module each, a nested Sequential a nested one.
 * A Dense without activation (identity) takes one index.
 */
export function torchLayout(op: string, model: Module): TorchModule[] {
  if (!(model instanceof Sequential))
    throw new ValueError(op, "model", `expected a Sequential, got ${describe(model)}`);
  return layoutOf(op, model, "", "");
}

function describe(m: unknown): string {
  if (m === null || m === undefined) return String(m);
  if (typeof m !== "object") return typeof m;
  return (m as { className?: string }).className ?? "an object";
}

function layoutOf(op: string, seq: Sequential, prefix: string, pathPrefix: string): TorchModule[] {
  const out: TorchModule[] = [];
  let next = 0;
  const index = () => `${prefix}${next++}`;
  seq.layers.forEach((layer, i) => {
    const path = `${pathPrefix}${i}`;
    if (layer instanceof Sequential) {
      const idx = index();
      out.push({
        kind: "sequential",
        index: idx,
        path,
        modules: layoutOf(op, layer, `${idx}.`, `${path}.`),
      });
    } else if (layer instanceof Dense) {
      out.push({ kind: "linear", index: index(), layer, path });
      const a = layer.activation;
      if (a?.kind === "custom")
        throw new UnsupportedLayerError(
          op,
          "model",
          path,
          "Dense",
          "a custom activation function has no PyTorch module; use a built-in activation name",
        );
      if (a) out.push({ kind: "activation", index: index(), fn: a.fn, path });
    } else if (layer instanceof BatchNorm) {
      out.push({ kind: "batchnorm", index: index(), layer, path });
    } else if (layer instanceof Dropout) {
      out.push({ kind: "dropout", index: index(), layer, path });
    } else if (layer instanceof Activation) {
      if (typeof layer.activation === "function")
        throw new UnsupportedLayerError(
          op,
          "model",
          path,
          "Activation",
          "a custom activation function has no PyTorch module; use a built-in activation name",
        );
      out.push({ kind: "activation", index: index(), fn: layer.activation, path });
    } else {
      throw new UnsupportedLayerError(
        op,
        "model",
        path,
        layer.className,
        "PyTorch conversion supports Sequential, Dense, BatchNorm, Dropout and Activation layers",
      );
    }
  });
  return out;
}

/** Every module of a layout, nested ones included, in order. */
export function flatten(layout: readonly TorchModule[]): TorchModule[] {
  return layout.flatMap((m) => (m.kind === "sequential" ? flatten(m.modules) : [m]));
}
