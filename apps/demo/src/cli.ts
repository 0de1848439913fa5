import { trainXor } from "./xor.js";

// A minimal demo until the full example runner lands: train XOR and show the loss falling.
const t0 = performance.now();
console.log(
  "Neurite demo: a 2-4-1 network learns XOR (tanh hidden layer, sigmoid output, MSE, gradient descent)\n",
);
const result = trainXor({
  onLog: (epoch, loss) =>
    console.log(`epoch ${String(epoch).padStart(5)}  loss ${loss.toFixed(6)}`),
});
console.log("\ninput  target  output");
const inputs = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
for (const [i, o] of result.outputs.entries()) {
  console.log(`${inputs[i]!.join(",")}    ${[0, 1, 1, 0][i]}       ${o.toFixed(4)}`);
}
console.log(
  `\naccuracy ${(result.accuracy * 100).toFixed(0)}%  (${((performance.now() - t0) / 1000).toFixed(2)} s)`,
);
