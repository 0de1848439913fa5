import { full, shapesEqual, type Tensor, tensor } from "@neurite/tensor";
import { AutogradError } from "./errors.js";
import type { Variable } from "./variable.js";

function fmt(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

function seedGradient(root: Variable, gradient: Tensor | number | undefined): Tensor {
  if (gradient === undefined) {
    if (root.size !== 1) {
      throw new AutogradError(
        "backward",
        "gradient",
        `backward() without a gradient needs a scalar output, got shape ${fmt(root.shape)}; reduce it first (.sum() or .mean()) or pass a gradient of that shape`,
      );
    }
    return full(root.shape, 1, root.dtype);
  }
  const g = typeof gradient === "number" ? full(root.shape, gradient, root.dtype) : gradient;
  if (!shapesEqual(g.shape, root.shape)) {
    throw new AutogradError(
      "backward",
      "gradient",
      `gradient shape ${fmt(g.shape)} differs from the output shape ${fmt(root.shape)}`,
    );
  }
  if (g.dtype !== root.dtype) {
    throw new AutogradError(
      "backward",
      "gradient",
      `gradient dtype ${g.dtype} differs from the output dtype ${root.dtype}`,
    );
  }
  return g;
}

/** Orders the graph below `root` so every Variable comes after all its consumers (reverse topological). */
function topologicalOrder(root: Variable): Variable[] {
  const order: Variable[] = [];
  const visited = new Set<Variable>();
  // Iterative DFS so deep graphs (long training unrolls) never overflow the stack.
  const stack: [Variable, number][] = [[root, 0]];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [v, i] = top;
    const inputs = v.node?.inputs ?? [];
    if (i < inputs.length) {
      top[1] = i + 1;
      const child = inputs[i]!;
      if (child.requiresGrad && !visited.has(child)) {
        visited.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(v);
    }
  }
  return order.reverse();
}

/** The backward pass: seeds `root`, walks the graph in reverse order, accumulates, frees. */
export function runBackward(
  root: Variable,
  gradient: Tensor | number | undefined,
  retainGraph: boolean,
): void {
  if (!root.requiresGrad) {
    throw new AutogradError(
      "backward",
      "",
      "this Variable does not require gradients: none of its inputs was created with requiresGrad: true (or it was computed inside noGrad)",
    );
  }
  const seed = seedGradient(root, gradient);
  const order = topologicalOrder(root);
  const grads = new Map<Variable, Tensor>([[root, seed]]);
  for (const v of order) {
    const g = grads.get(v);
    if (g === undefined) continue;
    grads.delete(v);
    const node = v.node;
    if (node === null) {
      v.accumulateGrad(g);
      continue;
    }
    if (v.retainsGrad) v.accumulateGrad(g);
    if (node.backward === null) {
      throw new AutogradError(
        "backward",
        "",
        `the graph through '${node.op}' was already freed by an earlier backward(); pass { retainGraph: true } to the first call to walk it twice`,
      );
    }
    const inputGrads = node.backward(g);
    for (let i = 0; i < node.inputs.length; i++) {
      const input = node.inputs[i]!;
      const ig = inputGrads[i];
      if (!input.requiresGrad || ig === null || ig === undefined) continue;
      if (!shapesEqual(ig.shape, input.shape)) {
        throw new AutogradError(
          "backward",
          node.op,
          `gradient rule returned shape ${fmt(ig.shape)} for an input of shape ${fmt(input.shape)}`,
        );
      }
      const prev = grads.get(input);
      grads.set(input, prev === undefined ? ig : prev.add(ig));
    }
    if (!retainGraph) {
      node.backward = null;
      node.inputs = [];
    }
  }
}

/** @internal A scalar tensor helper for rules. */
export const one = (dtype: Tensor["dtype"]): Tensor => tensor(1, undefined, dtype);
