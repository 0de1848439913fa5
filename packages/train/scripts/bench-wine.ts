/**
 * Times the book's wine network (Dense(20) → BatchNorm → ReLU → Dense(3) →
 * softmax, Adam, batch 5, 30 epochs = 810 steps) through `fit`, cold and
 * warm, against the same steps written by hand, to show the loop's own
 * overhead. Not a test: run it with
 *   node --conditions=@neurite/source --import tsx scripts/bench-wine.ts
 */
import { DataLoader } from "@neurite/datasets";
import { getLoss } from "@neurite/layers";
import { Adam } from "@neurite/optim";
import { fit } from "../src/index.js";
import { wineData, wineModel } from "../test/helpers.js";

const data = wineData();
const steps = 810;

function viaFit(validation: boolean): number {
  const model = wineModel();
  const t0 = performance.now();
  fit(model, data.xTrain, data.yTrain, {
    loss: "categoricalCrossEntropy",
    optimizer: "adam",
    metrics: ["accuracy"],
    epochs: 30,
    batchSize: 5,
    validationData: validation ? [data.xTest, data.yTest] : undefined,
    verbose: 0,
  });
  return performance.now() - t0;
}

function byHand(): number {
  const model = wineModel();
  const opt = new Adam(model.parameters(), { lr: 0.001, eps: 1e-7 });
  const loss = getLoss("categoricalCrossEntropy");
  const loader = new DataLoader(data.xTrain, data.yTrain, {
    batchSize: 5,
    shuffle: true,
    reuseBuffers: true,
  });
  const params = model.parameters();
  const t0 = performance.now();
  for (let e = 0; e < 30; e++)
    for (const b of loader) {
      for (const p of params) p.grad = null;
      const l = loss.call(model.call(b.x), b.y);
      l.backward();
      opt.step();
    }
  return performance.now() - t0;
}

const cold = viaFit(true);
console.log(`cold fit (first in process, with validation and accuracy): ${cold.toFixed(1)} ms`);
const rounds = Number(process.argv[2] ?? 20);
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const a: number[] = [];
const b: number[] = [];
const c: number[] = [];
const fitOnly = process.argv.includes("fit-only");
for (let i = 0; i < rounds; i++) {
  a.push(viaFit(true));
  if (fitOnly) continue;
  b.push(viaFit(false));
  c.push(byHand());
}
const us = (ms: number) => ((ms * 1000) / steps).toFixed(1);
console.log(`warm fit with validation: ${med(a).toFixed(1)} ms (${us(med(a))} µs/step)`);
if (fitOnly) process.exit(0);
console.log(`warm fit, no validation:  ${med(b).toFixed(1)} ms (${us(med(b))} µs/step)`);
console.log(`same steps by hand:       ${med(c).toFixed(1)} ms (${us(med(c))} µs/step)`);
