/**
 * `--export DIR`: writes the trained model of `wine` or `boston` as Neurite's
 * own file (safetensors, loadable with `loadModelFromFile`) and as ONNX, and
 * says how to run the ONNX file.
 */
import { join, resolve } from "node:path";
import { saveOnnx } from "@neurite/interop/node";
import type { Sequential } from "@neurite/layers";
import { saveModelToFile } from "@neurite/layers/node";

/** The examples whose trained model `--export` writes. */
export const EXPORTABLE: readonly string[] = ["wine", "boston"];

/** What {@link exportModel} wrote, and the lines that explain it. */
export interface ExportedModel {
  /** `DIR/<example>.safetensors`: Neurite's format, architecture included. */
  safetensors: string;
  /** `DIR/<example>.onnx`: the same model for ONNX Runtime and other ONNX tools. */
  onnx: string;
  /** Where the files are and how to run the ONNX file. */
  lines: string[];
}

/** Writes `model` (the trained network of `example`) to `dir` in both formats. */
export async function exportModel(
  example: string,
  model: Sequential,
  dir: string,
  scaled: boolean,
): Promise<ExportedModel> {
  const safetensors = resolve(join(dir, `${example}.safetensors`));
  const onnx = resolve(join(dir, `${example}.onnx`));
  await saveModelToFile(model, safetensors);
  await saveOnnx(model, onnx);
  const features = model.expectedInputShape?.[0] ?? 13;
  const lines = [
    "",
    "Exported the trained model:",
    `  ${safetensors}`,
    `      Neurite's format: loadModelFromFile(path) from @neurite/layers/node gives the model back`,
    `  ${onnx}`,
    `      ONNX (opset 17): input "input" float32 [batch, ${features}], output "output"; the batch size is free`,
    `The model expects ${scaled ? "the features standardized with the training split's mean and deviation (--scale)" : "the raw features, as it was trained on them"}.`,
    "Run the ONNX file with ONNX Runtime, e.g. in Python (pip install onnxruntime numpy):",
    `  python3 -c "import numpy as np, onnxruntime as ort; s = ort.InferenceSession('${onnx}'); print(s.run(None, {'input': np.zeros((2, ${features}), np.float32)})[0])"`,
    "or in JavaScript with onnxruntime-node or onnxruntime-web (InferenceSession.create(path)).",
  ];
  return { safetensors, onnx, lines };
}
