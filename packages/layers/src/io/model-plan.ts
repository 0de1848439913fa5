import type { DType, Tensor } from "@neurite/tensor";
import { FormatError } from "../errors.js";
import { fmt } from "../internal.js";

/** The shape and dtype of one tensor an architecture will create. */
interface PlannedTensor {
  shape: number[];
  dtype: DType | undefined;
}

/** Why an architecture cannot be planned: a layer type whose weights only its own code knows. */
class Unplannable {
  constructor(readonly className: string) {}
}

const op = "loadModel";

function bad(where: string, detail: string): never {
  throw new FormatError(op, "architecture", `${where}: ${detail}`);
}

function record(json: unknown, where: string): Record<string, unknown> {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    bad(where, "expected an object");
  return json as Record<string, unknown>;
}

/** A positive integer field, or undefined when absent; anything else is damage. */
function size(c: Record<string, unknown>, key: string, where: string): number | undefined {
  const v = c[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number") bad(where, `config.${key} must be a number, got ${JSON.stringify(v)}`);
  if (!Number.isSafeInteger(v) || v <= 0)
    bad(where, `config.${key} must be a positive integer, got ${JSON.stringify(v)}`);
  return v;
}

function dtypeOf(c: Record<string, unknown>, where: string): DType | undefined {
  const v = c.dtype;
  if (v === undefined || v === null) return undefined;
  if (v !== "float32" && v !== "float64")
    bad(where, `config.dtype must be "float32" or "float64", got ${JSON.stringify(v)}`);
  return v;
}

/** A layer's own input size, which must agree with what the layer before gives. */
function fits(
  declared: number | undefined,
  incoming: Incoming,
  where: string,
  what: string,
): number | undefined {
  const got = incoming.dim;
  if (declared !== undefined && got !== undefined && declared !== got)
    throw new FormatError(
      op,
      "architecture",
      incoming.fromInputShape
        ? `the layers do not fit inputShape: ${where} expects ${declared} ${what}, inputShape gives ${got}`
        : `${where}: expects ${declared} ${what}, but the layers before give ${got}`,
    );
  incoming.fromInputShape = false;
  return declared ?? got;
}

/** The last dimension flowing into the next layer, and whether it is still the declared inputShape's. */
interface Incoming {
  dim: number | undefined;
  fromInputShape: boolean;
}

/**
 * Walks a Sequential's layers as `buildThrough` would, without building
 * anything: each layer's parameters and buffers with their shapes, named as
 * in the state dict. `inDim` is the incoming last dimension (undefined while
 * unknown: such layers stay unbuilt and allocate nothing).
 */
function planLayers(
  layers: unknown,
  prefix: string,
  where: string,
  flow: Incoming,
  out: Map<string, PlannedTensor>,
): void {
  if (!Array.isArray(layers)) bad(where, "config.layers must be an array");
  layers.forEach((l, i) => {
    const at = `${where} → layer ${i}`;
    const layer = record(l, at);
    const className = layer.className;
    const c = record(layer.config ?? {}, at);
    const name = `${prefix}${i}.`;
    const dtype = dtypeOf(c, at);
    switch (className) {
      case "Dense": {
        const units =
          size(c, "units", `${at} (Dense)`) ?? bad(`${at} (Dense)`, "config.units is missing");
        const inputs = fits(size(c, "inputDim", `${at} (Dense)`), flow, `${at} (Dense)`, "inputs");
        if (inputs !== undefined) {
          out.set(`${name}kernel`, { shape: [inputs, units], dtype });
          if (c.useBias !== false) out.set(`${name}bias`, { shape: [units], dtype });
        }
        flow.dim = units;
        break;
      }
      case "BatchNorm": {
        const f = fits(
          size(c, "features", `${at} (BatchNorm)`),
          flow,
          `${at} (BatchNorm)`,
          "features",
        );
        if (f !== undefined) {
          if (c.scale !== false) out.set(`${name}gamma`, { shape: [f], dtype });
          if (c.center !== false) out.set(`${name}beta`, { shape: [f], dtype });
          out.set(`${name}movingMean`, { shape: [f], dtype });
          out.set(`${name}movingVariance`, { shape: [f], dtype });
        }
        flow.dim = f;
        break;
      }
      case "Dropout":
      case "Activation":
        break;
      case "Sequential":
        planLayers(c.layers, name, `${at} (Sequential)`, flow, out);
        break;
      default:
        throw new Unplannable(String(className));
    }
  });
}

/**
 * Checks an architecture against the tensors of a weights file before the
 * model is built, so that a small file cannot make the reader allocate
 * weights the file does not hold (an architecture declaring an 8000×8000
 * Dense next to a few bytes of data fails here, not after 256 MB). Every
 * tensor that the built-in layers would create must be in the file with the
 * same shape (and dtype, where the architecture fixes it), and the file may
 * hold no other tensor. Architectures with custom layers (`registerLayer`)
 * cannot be planned and are checked after building, as before.
 *
 * @throws FormatError (kind `architecture`) listing every mismatch
 */
export function checkArchitectureAgainstTensors(
  json: unknown,
  tensors: Record<string, Tensor>,
): void {
  const d = record(json, "model");
  // modelFromJSON reports a malformed or foreign header without building anything.
  if (d.format !== "neurite.model" || d.formatVersion !== 1 || !Array.isArray(d.layers)) return;
  const shape = d.inputShape;
  let inDim: number | undefined;
  if (Array.isArray(shape) && shape.length > 0) {
    const last = shape[shape.length - 1];
    if (typeof last === "number" && Number.isSafeInteger(last) && last > 0) inDim = last;
  }
  const planned = new Map<string, PlannedTensor>();
  try {
    planLayers(d.layers, "", "model", { dim: inDim, fromInputShape: inDim !== undefined }, planned);
  } catch (e) {
    if (e instanceof Unplannable) return;
    throw e;
  }
  const problems: string[] = [];
  for (const [name, p] of planned) {
    const t = tensors[name];
    if (t === undefined) problems.push(`missing '${name}' (shape ${fmt(p.shape)})`);
    else if (t.shape.length !== p.shape.length || t.shape.some((v, i) => v !== p.shape[i]))
      problems.push(`'${name}': expected shape ${fmt(p.shape)}, got ${fmt(t.shape)}`);
    else if (p.dtype !== undefined && t.dtype !== p.dtype)
      problems.push(`'${name}': expected ${p.dtype}, got ${t.dtype}`);
  }
  for (const name of Object.keys(tensors))
    if (!planned.has(name)) problems.push(`unexpected '${name}' (no layer has it)`);
  if (problems.length > 0)
    throw new FormatError(
      op,
      "architecture",
      `the weights do not match the architecture (checked before building it):\n  - ${problems.join("\n  - ")}`,
    );
}
