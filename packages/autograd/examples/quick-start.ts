import { grad, Variable } from "@neurite/autograd";
import { tensor } from "@neurite/tensor";

// A loss of two parameters: L = Σ (w·x + b − y)².
const x = tensor([1, 2, 3]);
const y = tensor([2, 4, 6]);
const w = new Variable(tensor([1, 1, 1]), { requiresGrad: true });
const b = new Variable(tensor([0.5]), { requiresGrad: true });

const loss = w.mul(x).add(b).sub(y).square().sum();
loss.backward(); // fills w.grad and b.grad: ∂L/∂w = 2(w·x + b − y)·x, ∂L/∂b = Σ 2(w·x + b − y)

console.log(loss.item()); // 8.75
console.log(w.grad!.toArray()); // [-1, -6, -15]
console.log(b.grad!.toArray()); // [-9]

// The same gradient, as a function of tensors (nothing to clear afterwards).
const dLdw = grad((w: Variable) => w.mul(x).add(0.5).sub(y).square().sum());
console.log(dLdw(tensor([1, 1, 1]))[0]!.toArray()); // [-1, -6, -15]
