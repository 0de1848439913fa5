import { noGrad, Parameter, Variable } from "@neurite/autograd";
import { Rng, randn, tensor, zeros } from "@neurite/tensor";

/** Options of {@link trainXor}. */
export interface XorOptions {
  /** Full-batch gradient-descent steps (default 2000). */
  epochs?: number;
  /** Hidden units (default 4). */
  hidden?: number;
  /** Learning rate (default 0.5). */
  learningRate?: number;
  /** Seed of the weight initialization (default 0). */
  seed?: number;
  /** Called with the loss every `logEvery` epochs and at the last one. */
  onLog?: (epoch: number, loss: number) => void;
  /** How often to log (default every 200 epochs). */
  logEvery?: number;
}

/** What {@link trainXor} returns. */
export interface XorResult {
  /** Mean squared error after each epoch's update. */
  losses: number[];
  /** Network outputs for the four XOR inputs after training. */
  outputs: number[];
  /** Fraction of the four inputs classified correctly (threshold 0.5). */
  accuracy: number;
}

/** The four XOR inputs and their targets. */
export const XOR_X = tensor([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);
/** XOR targets. */
export const XOR_Y = tensor([[0], [1], [1], [0]]);

/**
 * Trains a 2-layer network (tanh hidden layer, sigmoid output) on XOR by full-batch
 * gradient descent, following the book's five steps: initialize, forward, cost,
 * backward, update.
 */
export function trainXor(options: XorOptions = {}): XorResult {
  const { epochs = 2000, hidden = 4, learningRate = 0.5, seed = 0, logEvery = 200 } = options;
  // (1) initialize the weights (scaled normal), biases at zero
  const rng = new Rng(seed);
  const w1 = new Parameter(randn([2, hidden], rng).mul(1 / Math.sqrt(2)), "w1");
  const b1 = new Parameter(zeros([hidden]), "b1");
  const w2 = new Parameter(randn([hidden, 1], rng).mul(1 / Math.sqrt(hidden)), "w2");
  const b2 = new Parameter(zeros([1]), "b2");
  const params = [w1, b1, w2, b2];
  const x = new Variable(XOR_X);
  const forward = () => x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();

  const losses: number[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    // (2) forward pass, (3) cost: mean squared error
    const loss = forward().sub(XOR_Y).square().mean();
    // (4) backward pass: gradients of the cost for every parameter
    loss.backward();
    // (5) update: w ← w − lr · ∂cost/∂w, in place
    for (const p of params) {
      const w = p.value.data;
      const g = p.grad!.data;
      for (let i = 0; i < w.length; i++) w[i]! -= learningRate * g[i]!;
      p.zeroGrad();
    }
    const value = loss.item();
    losses.push(value);
    if (options.onLog && (epoch % logEvery === 0 || epoch === 1 || epoch === epochs))
      options.onLog(epoch, value);
  }
  const outputs = Array.from(noGrad(forward).value.data);
  const correct = outputs.filter((o, i) => (o > 0.5 ? 1 : 0) === XOR_Y.data[i]).length;
  return { losses, outputs, accuracy: correct / outputs.length };
}
