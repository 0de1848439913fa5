import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadWine, StandardScaler } from "@neurite/datasets";
import { saveOnnx } from "@neurite/interop/node";
import { Activation, BatchNorm, Dense, Sequential } from "@neurite/layers";
import { oneHot } from "@neurite/tensor";
import { fit, predict } from "@neurite/train";
import * as ort from "onnxruntime-web";

// The book's wine network, trained for a few epochs.
const wine = loadWine();
const x = new StandardScaler().fitTransform(wine.x);
const y = oneHot(wine.y, 3).cast("float32");
const model = new Sequential([
  new Dense(20, { inputDim: 13, seed: 1 }),
  new BatchNorm({ momentum: 0.9 }),
  new Activation("relu"),
  new Dense(3, { activation: "softmax", seed: 2 }),
]);
fit(model, x, y, { loss: "categoricalCrossEntropy", epochs: 5, batchSize: 5, verbose: 0 });

// Export it, then run the file with ONNX Runtime (onnxruntime-node works the same way).
const path = await saveOnnx(model, join(mkdtempSync(join(tmpdir(), "wine-")), "wine.onnx"));
ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(path);
const input = new ort.Tensor("float32", x.data as Float32Array, x.shape.slice());
const { output } = await session.run({ input });

const ours = predict(model, x).data;
const theirs = output!.data as Float32Array;
const largest = Math.max(...Array.from(ours, (v, i) => Math.abs(v - theirs[i]!)));
console.log(`ONNX Runtime and Neurite differ by at most ${largest.toExponential(1)}`); // ~1e-7
