import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { TfjsModelArtifacts } from "../src/index.js";

/** The artifacts TensorFlow.js hands a save handler. */
export async function artifactsOf(model: tf.LayersModel): Promise<TfjsModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  return saved as TfjsModelArtifacts;
}

/**
 * Writes `model.json` and its weight shards as tfjs-node's `file://` handler
 * does (topology, format, generatedBy and a weightsManifest listing the
 * shards), split into `shards` files.
 * tfjs-node is a native add-on that cannot be installed here, so the same
 * two kinds of files are written from a save handler.
 */
export async function saveLikeFileHandler(
  model: tf.LayersModel,
  dir: string,
  shards: number,
): Promise<void> {
  const artifacts = (await artifactsOf(model)) as tf.io.ModelArtifacts;
  const bytes = new Uint8Array(artifacts.weightData as ArrayBuffer);
  const size = Math.ceil(bytes.length / shards / 4) * 4;
  const paths: string[] = [];
  for (let i = 0; i < shards; i++) {
    const path = `group1-shard${i + 1}of${shards}.bin`;
    writeFileSync(join(dir, path), bytes.subarray(i * size, (i + 1) * size));
    paths.push(path);
  }
  const json = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths, weights: artifacts.weightSpecs }],
  };
  writeFileSync(join(dir, "model.json"), JSON.stringify(json));
}

/** TensorFlow.js's prediction as plain numbers. */
export function tfPredict(model: tf.LayersModel, x: Float32Array, shape: number[]): Float32Array {
  return tf.tidy(
    () => (model.predict(tf.tensor(x, shape)) as tf.Tensor).dataSync() as Float32Array,
  );
}
