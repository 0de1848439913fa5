import { full, setScratchStorage, shapesEqual, Tensor, type TypedArray } from "@neurite/tensor";
import { AutogradError, describe } from "./errors.js";
import type { GraphNode } from "./graph.js";
import type { Variable } from "./variable.js";

function fmt(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

function seedGradient(root: Variable, gradient: unknown): Tensor {
  if (gradient === undefined) {
    if (root.size !== 1) {
      throw new AutogradError(
        "backward",
        "gradient",
        `backward() without a gradient needs a scalar output, got shape ${fmt(root.shape)}; reduce it first (.sum() or .mean()) or pass a gradient of shape ${fmt(root.shape)}`,
      );
    }
    return full(root.shape, 1, root.dtype);
  }
  if (typeof gradient === "number") return full(root.shape, gradient, root.dtype);
  if (!(gradient instanceof Tensor)) {
    throw new AutogradError(
      "backward",
      "gradient",
      `expected a Tensor or a number, got ${describe(gradient)}${describe(gradient) === "a Variable" ? " (pass its .value)" : ""}`,
    );
  }
  if (!shapesEqual(gradient.shape, root.shape)) {
    throw new AutogradError(
      "backward",
      "gradient",
      `gradient shape ${fmt(gradient.shape)} differs from the output shape ${fmt(root.shape)}`,
    );
  }
  if (gradient.dtype !== root.dtype) {
    throw new AutogradError(
      "backward",
      "gradient",
      `gradient dtype ${gradient.dtype} differs from the output dtype ${root.dtype}`,
    );
  }
  return gradient;
}

/** What a leaf has as inputs, and a freed node as inputs and saved tensors. */
const NOTHING: readonly never[] = Object.freeze([]);
/** Numbers the backward passes, so a Variable's `visitMark` says whether this pass has seen it. */
let passes = 0;

/**
 * Orders the graph below `root` so that every Variable comes after the
 * Variables it was computed from (its consumers last): walk it from the end.
 * Only Variables that require gradients are visited. A pass number stamped on
 * each Variable replaces a Set of visited ones (the walk runs on every step).
 */
function topologicalOrder(root: Variable): Variable[] {
  const mark = ++passes;
  const order: Variable[] = [];
  // Iterative DFS so deep graphs (long unrolled loops) never overflow the stack.
  const nodes: Variable[] = [root];
  const next: number[] = [0];
  root.visitMark = mark;
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const v = nodes[top]!;
    const inputs = v.node === null ? NOTHING : v.node.inputs;
    const i = next[top]!;
    if (i < inputs.length) {
      next[top] = i + 1;
      const child = inputs[i]!;
      if (child.requiresGrad && child.visitMark !== mark) {
        child.visitMark = mark;
        nodes.push(child);
        next.push(0);
      }
    } else {
      nodes.pop();
      next.pop();
      order.push(v);
    }
  }
  return order;
}

function checkRuleOutput(node: NonNullable<Variable["node"]>, i: number, ig: unknown): Tensor {
  const input = node.inputs[i]!;
  if (!(ig instanceof Tensor)) {
    throw new AutogradError(
      `${node.op} (backward)`,
      `inputs[${i}]`,
      `the gradient rule returned ${describe(ig)} instead of a Tensor or null`,
    );
  }
  if (!shapesEqual(ig.shape, input.shape) || ig.dtype !== input.dtype) {
    throw new AutogradError(
      `${node.op} (backward)`,
      `inputs[${i}]`,
      `the gradient rule returned shape ${fmt(ig.shape)} ${ig.dtype} for an input of shape ${fmt(input.shape)} ${input.dtype}`,
    );
  }
  return ig;
}

/** Names the tensor of `node` that changed since the forward pass, as PyTorch's error does. */
function modifiedError(node: GraphNode, out: Variable, i: number): AutogradError {
  const t = node.saved[i] as Tensor;
  const j = node.inputs.findIndex((x) => x.value === t);
  const input = j >= 0 ? node.inputs[j]! : null;
  const what = input
    ? `its input ${j}${input.name ? ` '${input.name}'` : ""} (shape ${fmt(t.shape)} ${t.dtype})`
    : t === out.value
      ? `its output (shape ${fmt(t.shape)} ${t.dtype})`
      : `a tensor it saved (shape ${fmt(t.shape)} ${t.dtype})`;
  return new AutogradError(
    "backward",
    "",
    `one of the tensors needed to compute the gradient of '${node.op}' was modified in place after the forward pass: ${what} is at version ${t.version}, it was ${node.saved[i + 1]} when '${node.op}' ran. An optimizer step, loadStateDict() or markModified() changed it; run the forward pass again after changing the values (or call backward() before optimizer.step()).`,
  );
}

/**
 * The backward pass: seeds `root`, walks the graph in reverse topological
 * order, sums the gradients of Variables used more than once, adds the result
 * into the leaves' `.grad`, and frees every node it walked through unless
 * `retainGraph`.
 *
 * @param only - when given, only these Variables receive `.grad` (used by the
 *   functional API so captured parameters are left untouched)
 */
export function runBackward(
  root: Variable,
  gradient: unknown,
  retainGraph: boolean,
  only?: ReadonlySet<Variable>,
): void {
  if (!root.requiresGrad) {
    throw new AutogradError(
      "backward",
      "",
      `this Variable (shape ${fmt(root.shape)}) does not require gradients: no input it was computed from has requiresGrad: true, or it was computed inside noGrad()`,
    );
  }
  const seed = seedGradient(root, gradient);
  const order = topologicalOrder(root);
  // Refuse a freed graph before running any rule, so a failed call leaves no
  // half-accumulated gradients behind.
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    const node = v.node;
    if (node === null) continue;
    if (node.backward === null) {
      throw new AutogradError(
        "backward",
        "",
        `the graph through '${node.op}' (output shape ${fmt(v.shape)}) was already freed by an earlier backward(); pass { retainGraph: true } to the first call to walk it again`,
      );
    }
    const saved = node.saved;
    for (let i = 0; i < saved.length; i += 2)
      if ((saved[i] as Tensor).version !== saved[i + 1]) throw modifiedError(node, v, i);
  }
  root.pendingGrad = seed;
  // What the rules allocate is consumed here or copied into .grad, so it may share slabs.
  const was = setScratchStorage(true);
  const outer = running;
  running = { pass: root.visitMark, only };
  try {
    for (let k = order.length - 1; k >= 0; k--) {
      const v = order[k]!;
      const g = v.pendingGrad;
      const node = v.node;
      if (g !== null) {
        v.pendingGrad = null;
        if ((node === null || v.retainsGrad) && (only === undefined || only.has(v))) {
          // What reaches .grad gets a buffer of its own.
          setScratchStorage(false);
          v.accumulateGrad(g);
          setScratchStorage(true);
        }
        if (node !== null) addInputGrads(node, node.backward!(g));
      }
      if (node !== null && !retainGraph) {
        node.backward = null;
        node.inputs = NOTHING;
        node.saved = NOTHING;
      }
    }
  } finally {
    running = outer;
    setScratchStorage(was);
    // A rule that threw leaves gradients behind: drop them so they are not kept alive.
    for (let k = 0; k < order.length; k++) order[k]!.pendingGrad = null;
  }
}

/** The backward pass whose rules are running: its number and the leaves it accumulates into (all when undefined). */
let running: { pass: number; only: ReadonlySet<Variable> | undefined } | null = null;

/**
 * For gradient rules: storage to write the whole gradient of `input` into,
 * which then becomes `input.grad` without a copy, or null (allocate as
 * usual). It is the buffer of the leaf's previous gradient, recycled after
 * `zeroGrad()` (or `.grad = null`) because nobody else ever held it; so it
 * is offered only during a backward pass that accumulates into `input`,
 * before any other gradient of `input` is pending in it, once per pass, and
 * when it has `size` elements. Its old contents are garbage: the rule must
 * write every element. The fused dense op writes its weight and bias
 * gradients here, which saves a 2 MiB allocation and copy per step of a
 * 784-512-256-10 MLP.
 *
 * @param input - an input of the rule's operation
 * @param size - the number of elements the rule will write
 */
export function gradBufferFor(input: Variable, size: number): TypedArray | null {
  const r = running;
  if (r === null || !input.requiresGrad || (r.only !== undefined && !r.only.has(input))) {
    return null;
  }
  return input.lendGradBuffer(r.pass, size);
}

/** Checks what a rule returned and adds each gradient into its input's pending one. */
function addInputGrads(node: GraphNode, inputGrads: unknown): void {
  const inputs = node.inputs;
  if (!Array.isArray(inputGrads)) {
    throw new AutogradError(
      `${node.op} (backward)`,
      "",
      `the gradient rule must return an array with one entry per input (${inputs.length}), got ${describe(inputGrads)}`,
    );
  }
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    const raw = inputGrads[i];
    if (!input.requiresGrad || raw === null || raw === undefined) continue;
    const ig = checkRuleOutput(node, i, raw);
    const prev = input.pendingGrad;
    input.pendingGrad = prev === null ? ig : prev.add(ig);
  }
}
