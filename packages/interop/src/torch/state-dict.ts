import {
  type BatchNorm,
  type Dense,
  decodeSafetensors,
  encodeSafetensors,
  type Module,
  type StateDict,
  StateDictError,
  type StateDictProblem,
} from "@neurite/layers";
import { full, Tensor, ValueError } from "@neurite/tensor";
import { flatten, type TorchModule, torchLayout } from "./layout.js";

/** PyTorch tensors by their `state_dict` names, as Neurite tensors (`num_batches_tracked` as int32). */
export type TorchStateDict = Record<string, Tensor>;

/** The `state_dict` names and shapes of one Linear or BatchNorm1d module. */
interface Entry {
  key: string;
  shape: number[];
  /** Reads the value from the Neurite layer, in PyTorch's layout. */
  read(): Tensor;
  /** The Neurite state-dict key and value for a PyTorch tensor, or null when Neurite has no slot. */
  write(t: Tensor): [string, Tensor] | null;
  /** For slots Neurite does not have: the values that make the PyTorch module behave as Neurite's. */
  neutral?: number;
}

function linearEntries(m: TorchModule & { kind: "linear" }): Entry[] {
  const d: Dense = m.layer;
  const [inDim, units] = d.kernel.shape as [number, number];
  const entries: Entry[] = [
    {
      key: `${m.index}.weight`,
      shape: [units, inDim],
      // PyTorch's Linear stores [out, in]; Neurite's Dense [in, out].
      read: () => d.kernel.value.transpose(),
      write: (t) => [`${m.path}.kernel`, t.transpose()],
    },
  ];
  if (d.bias)
    entries.push({
      key: `${m.index}.bias`,
      shape: [units],
      read: () => d.bias!.value.clone(),
      write: (t) => [`${m.path}.bias`, t],
    });
  return entries;
}

function batchNormEntries(m: TorchModule & { kind: "batchnorm" }): Entry[] {
  const bn: BatchNorm = m.layer;
  const f = bn.features!;
  const dtype = bn.movingMean.dtype;
  const entries: Entry[] = [];
  // BatchNorm1d(affine=True) has both weight and bias; Neurite may have one without the other.
  if (bn.scale || bn.center) {
    entries.push({
      key: `${m.index}.weight`,
      shape: [f],
      read: () => (bn.gamma ? bn.gamma.value.clone() : full([f], 1, dtype)),
      write: (t) => (bn.scale ? [`${m.path}.gamma`, t] : null),
      neutral: bn.scale ? undefined : 1,
    });
    entries.push({
      key: `${m.index}.bias`,
      shape: [f],
      read: () => (bn.beta ? bn.beta.value.clone() : full([f], 0, dtype)),
      write: (t) => (bn.center ? [`${m.path}.beta`, t] : null),
      neutral: bn.center ? undefined : 0,
    });
  }
  entries.push(
    {
      key: `${m.index}.running_mean`,
      shape: [f],
      read: () => bn.movingMean.clone(),
      write: (t) => [`${m.path}.movingMean`, t],
    },
    {
      // Copied unchanged: both libraries divide by sqrt(running variance + eps) at inference.
      key: `${m.index}.running_var`,
      shape: [f],
      read: () => bn.movingVariance.clone(),
      write: (t) => [`${m.path}.movingVariance`, t],
    },
    {
      // Neurite does not count batches; PyTorch reads the count only when momentum=None.
      key: `${m.index}.num_batches_tracked`,
      shape: [],
      read: () => new Tensor(new Int32Array([0]), []),
      write: () => null,
    },
  );
  return entries;
}

function entriesOf(op: string, model: Module): Entry[] {
  const entries: Entry[] = [];
  for (const m of flatten(torchLayout(op, model))) {
    if ((m.kind === "linear" || m.kind === "batchnorm") && !m.layer.built)
      throw new ValueError(
        op,
        "model",
        `layer '${m.path}' (${m.layer.className}) is not built: call the model once or give inputDim`,
      );
    if (m.kind === "linear") entries.push(...linearEntries(m));
    else if (m.kind === "batchnorm") entries.push(...batchNormEntries(m));
  }
  return entries;
}

/**
 * The model's weights under the names and in the layouts of the equivalent
 * `torch.nn.Sequential` (see {@link torchSequentialCode}): `N.weight` of a
 * Linear transposed to `[out, in]`, `N.bias`, and BatchNorm1d's `weight`,
 * `bias`, `running_mean`, `running_var` and `num_batches_tracked` (int32 here;
 * {@link toTorchSafetensors} writes it as int64). Activations and Dropout take
 * an index each but hold no tensors. The tensors are copies.
 *
 * @throws UnsupportedLayerError for a layer PyTorch's built-in modules cannot express
 * @throws ValueError for a model that is not a built Sequential
 */
export function toTorchStateDict(model: Module): TorchStateDict {
  const out: TorchStateDict = {};
  for (const e of entriesOf("toTorchStateDict", model)) out[e.key] = e.read();
  return out;
}

/**
 * {@link toTorchStateDict} as safetensors bytes, with `num_batches_tracked`
 * as I64, so that in Python
 * `module.load_state_dict(safetensors.torch.load_file(path))` works.
 */
export function toTorchSafetensors(model: Module): Uint8Array {
  const dict = toTorchStateDict(model);
  const counters = Object.keys(dict).filter((k) => k.endsWith(".num_batches_tracked"));
  return encodeSafetensors(dict, { format: "pt" }, { int64: counters });
}

/**
 * Loads PyTorch weights into `model` in place and returns it: a state dict
 * of the equivalent `nn.Sequential` (names and layouts as
 * {@link toTorchStateDict} writes them), given as tensors or as safetensors
 * bytes. Every key and shape is checked first, and nothing is loaded when
 * anything is wrong; float tensors are converted to the model's dtype (as
 * PyTorch's `load_state_dict` does). A weight or bias for a BatchNorm side
 * Neurite's layer lacks (`center` / `scale` false) must be all zeros / ones.
 *
 * @throws StateDictError listing every missing, unexpected or mis-shaped tensor, by its PyTorch name
 * @throws FormatError for unreadable safetensors bytes
 */
export function fromTorchStateDict<M extends Module>(
  model: M,
  tensors: TorchStateDict | Uint8Array | ArrayBuffer,
): M {
  const op = "fromTorchStateDict";
  const dict =
    tensors instanceof Uint8Array || tensors instanceof ArrayBuffer
      ? decodeSafetensors(tensors).tensors
      : tensors;
  if (typeof dict !== "object" || dict === null || Array.isArray(dict))
    throw new ValueError(
      op,
      "tensors",
      "expected an object of name → Tensor, or safetensors bytes",
    );
  const problems: StateDictProblem[] = [];
  const known = new Set<string>();
  const state: StateDict = {};
  for (const e of entriesOf(op, model)) {
    known.add(e.key);
    const t = dict[e.key];
    if (!Object.hasOwn(dict, e.key) || t === undefined) {
      problems.push({
        kind: "missing",
        key: e.key,
        detail: "the model has it, the state dict does not",
      });
      continue;
    }
    if (!(t instanceof Tensor)) {
      problems.push({ kind: "type", key: e.key, detail: `expected a Tensor, got ${typeof t}` });
      continue;
    }
    if (t.shape.length !== e.shape.length || t.shape.some((d, i) => d !== e.shape[i])) {
      problems.push({
        kind: "shape",
        key: e.key,
        detail: `expected shape [${e.shape.join(",")}], got [${t.shape.join(",")}]`,
      });
      continue;
    }
    if (e.neutral !== undefined && t.data.some((v) => v !== e.neutral)) {
      problems.push({
        kind: "shape",
        key: e.key,
        detail: `the Neurite layer has no ${e.neutral === 1 ? "scale (scale: false)" : "shift (center: false)"}, so every value must be ${e.neutral}`,
      });
      continue;
    }
    const target = e.write(t);
    if (target) state[target[0]] = target[1];
  }
  for (const key of Object.keys(dict))
    if (!known.has(key))
      problems.push({
        kind: "unexpected",
        key,
        detail: "the state dict has it, the model does not",
      });
  if (problems.length > 0) throw new StateDictError(op, problems);
  const dtypes = model.stateDict();
  for (const [k, v] of Object.entries(state)) {
    const want = dtypes[k]!.dtype;
    if (v.dtype !== want) state[k] = v.cast(want);
  }
  model.loadStateDict(state, { strict: false });
  return model;
}
