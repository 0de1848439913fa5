import { noGrad, Parameter, Variable } from "@neurite/autograd";
import { Rng, randn, tensor, zeros } from "@neurite/tensor";

// The four XOR inputs and their targets.
const x = new Variable(
  tensor([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ]),
);
const target = tensor([[0], [1], [1], [0]]);

// (1) Initialize the weights: small random values from a seeded generator, biases at 0.
const rng = new Rng(42);
const w1 = new Parameter(randn([2, 4], rng), "w1");
const b1 = new Parameter(zeros([4]), "b1");
const w2 = new Parameter(randn([4, 1], rng), "w2");
const b2 = new Parameter(zeros([1]), "b2");
const parameters = [w1, b1, w2, b2];

const learningRate = 0.5;
for (let epoch = 1; epoch <= 1000; epoch++) {
  // (2) Forward pass: a tanh hidden layer, then a sigmoid output layer.
  const hidden = x.matmul(w1).add(b1).tanh();
  const output = hidden.matmul(w2).add(b2).sigmoid();

  // (3) Cost: the sum of squared errors.
  const cost = output.sub(target).square().sum();

  // (4) Backward pass: ∂cost/∂w for every parameter, layer by layer from the
  //     output back to the input. It fills each parameter's .grad and frees the graph.
  cost.backward();

  // (5) Update: w ← w − learningRate · ∂cost/∂w, then clear the gradient
  //     (gradients add up across backward calls until cleared).
  for (const p of parameters) {
    p.value = p.value.sub(p.grad!.mul(learningRate));
    p.zeroGrad();
  }

  if (epoch % 250 === 0) console.log(`epoch ${epoch}: cost ${cost.item().toFixed(4)}`);
}

// Predict with the trained weights. Nothing is recorded inside noGrad.
const output = noGrad(() => x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid());
console.log(output.value.gt(0.5).toArray()); // [[0], [1], [1], [0]]
