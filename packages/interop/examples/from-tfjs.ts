import { fromTfjs } from "@neurite/interop";
import { tensor } from "@neurite/tensor";
import { predict } from "@neurite/train";
import * as tf from "@tensorflow/tfjs";

// A model built (and possibly trained) in TensorFlow.js ...
const keras = tf.sequential();
keras.add(tf.layers.dense({ units: 8, inputShape: [4], activation: "relu" }));
keras.add(tf.layers.batchNormalization());
keras.add(tf.layers.dropout({ rate: 0.3 }));
keras.add(tf.layers.dense({ units: 2, activation: "softmax" }));

// ... saved through a save handler: the handler receives TensorFlow.js's ModelArtifacts.
let model: ReturnType<typeof fromTfjs> | undefined;
await keras.save(
  tf.io.withSaveHandler(async (artifacts) => {
    model = fromTfjs(artifacts);
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }),
);

// ... continues its life in Neurite, computing the same numbers.
const x = [[0.5, -1, 2, 0.1]];
const theirs = (keras.predict(tf.tensor(x)) as tf.Tensor).dataSync();
const ours = predict(model!, tensor(x)).data;
console.log(model!.layers.map((l) => l.className)); // [ 'Dense', 'BatchNorm', 'Dropout', 'Dense' ]
console.log(Math.abs(ours[0]! - theirs[0]!) < 1e-6); // true
