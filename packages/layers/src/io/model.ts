import { checkOptions, optionNames, ValueError } from "@neurite/tensor";
import { FormatError, StateDictError } from "../errors.js";
import { Sequential } from "../layers/sequential.js";
import { type ModelJSON, modelFromJSON, modelToJSON } from "./model-json.js";
import { checkArchitectureAgainstTensors } from "./model-plan.js";
import { decodeSafetensors, encodeSafetensors, type SafetensorsContents } from "./safetensors.js";

/** Metadata key under which the architecture JSON is embedded in the weights file. */
export const ARCHITECTURE_KEY = "neurite.architecture";

/** A model in memory: its architecture and its weights as safetensors bytes. */
export interface SavedModel {
  /** The architecture (also embedded in the weights' metadata). */
  architecture: ModelJSON;
  /** Every parameter and persistent buffer, safetensors-encoded. */
  weights: Uint8Array;
}

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** Extra string metadata for the safetensors header (`format` and `neurite.*` keys are reserved). */
  metadata?: Record<string, string>;
}

const SAVE_MODEL_OPTIONS = optionNames<SaveModelOptions>({ metadata: true });

/** What {@link loadModel} reads. */
export interface LoadModelSource {
  /** The architecture; when omitted, the one embedded in the weights is used. */
  architecture?: ModelJSON | string;
  /** The safetensors bytes. */
  weights: Uint8Array | ArrayBuffer;
}

/**
 * Serializes a Sequential model, in any runtime: the architecture as JSON
 * data and the weights (parameters and BatchNorm running statistics, in their
 * own dtypes) in the safetensors format, with the architecture embedded in
 * the header's `__metadata__` so the weights alone are enough to load.
 *
 * @throws ValueError when the model is not built (its weights do not exist yet)
 */
export function saveModel(model: Sequential, options: SaveModelOptions = {}): SavedModel {
  checkOptions("saveModel", options, SAVE_MODEL_OPTIONS);
  if (!(model instanceof Sequential))
    throw new ValueError("saveModel", "model", "expected a Sequential model");
  if (!model.built)
    throw new ValueError(
      "saveModel",
      "model",
      "the model is not built yet, so it has no weights: call it once, give the first layer inputDim, or call summary(inputShape)",
    );
  const architecture = modelToJSON(model);
  const weights = encodeSafetensors(model.stateDict(), {
    ...options.metadata,
    format: "neurite",
    [ARCHITECTURE_KEY]: JSON.stringify(architecture),
  });
  return { architecture, weights };
}

/**
 * Rebuilds a model saved by {@link saveModel}. Its predictions are
 * bit-identical to the saved model's (same weights, same dtype, same ops).
 * The model starts in training mode, like any new module; call `eval()` or
 * use `predict` for inference.
 *
 * The architecture is checked against the tensors in the file (names, shapes,
 * dtypes) before the model is built, so a damaged or hostile file never makes
 * the reader allocate more than the file holds.
 *
 * @throws FormatError for corrupt weights (see `decodeSafetensors`), a missing
 *   or malformed architecture, or weights that do not match the architecture
 *   (kind `architecture`, listing every mismatched name, shape and dtype)
 */
export function loadModel(source: LoadModelSource): Sequential {
  if (typeof source !== "object" || source === null)
    throw new ValueError("loadModel", "source", "expected { weights, architecture? }");
  return modelFromContents(decodeSafetensors(source.weights), source.architecture);
}

/** @internal {@link loadModel} after decoding: `architecture` wins over the embedded one. */
export function modelFromContents(
  contents: SafetensorsContents,
  architecture: ModelJSON | string | undefined = contents.metadata[ARCHITECTURE_KEY],
): Sequential {
  const { tensors } = contents;
  if (architecture === undefined)
    throw new FormatError(
      "loadModel",
      "architecture",
      "no architecture was given and the weights have none embedded; pass { architecture, weights }",
    );
  let json: unknown = architecture;
  if (typeof architecture === "string") {
    try {
      json = JSON.parse(architecture);
    } catch {
      json = architecture; // modelFromJSON names the syntax error
    }
  }
  if (typeof json === "object") checkArchitectureAgainstTensors(json, tensors);
  const model = modelFromJSON(json as ModelJSON | string);
  if (!model.built)
    throw new FormatError(
      "loadModel",
      "architecture",
      "the architecture does not record every layer's input size, so the weights cannot be placed",
    );
  try {
    model.loadStateDict(tensors);
  } catch (e) {
    if (e instanceof StateDictError)
      throw new FormatError(
        "loadModel",
        "architecture",
        `the weights do not match the architecture: ${e.message}`,
        {
          cause: e,
        },
      );
    throw e;
  }
  return model;
}
