import * as T from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  enableGrad,
  isGradEnabled,
  noGrad,
  Parameter,
  record,
  toVariable,
  unbroadcast,
  Variable,
  variable,
} from "../src/index.js";
import { f64 } from "./helpers.js";

const leaf = (values: number[] | number[][]) => new Variable(f64(values), { requiresGrad: true });

/** Every Variable the graph below `root` was built from, found before backward frees it. */
function graphOf(root: Variable): Variable[] {
  const seen = new Set<Variable>();
  const todo = [root];
  while (todo.length > 0) {
    const v = todo.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    if (v.node) todo.push(...v.node.inputs);
  }
  return [...seen];
}

describe("backward", () => {
  it("from a scalar seeds 1; with an explicit gradient for non-scalars", () => {
    const x = leaf([1, 2, 3]);
    x.mul(x).sum().backward();
    expect(x.grad!.toArray()).toEqual([2, 4, 6]);
    const y = leaf([1, 2, 3]);
    y.mul(2).backward(f64([1, 10, 100]));
    expect(y.grad!.toArray()).toEqual([2, 20, 200]);
    const z = leaf([1, 2]);
    z.square().backward(0.5); // a number fills the output's shape
    expect(z.grad!.toArray()).toEqual([1, 2]);
  });

  it("a one-element non-scalar output needs no gradient; a leaf can be the root", () => {
    const x = leaf([[3]]);
    x.square().backward();
    expect(x.grad!.toArray()).toEqual([[6]]);
    const y = new Variable(T.scalar(2, "float64"), { requiresGrad: true });
    y.backward();
    expect(y.grad!.item()).toBe(1);
  });

  it("accumulates across backward calls until zeroGrad", () => {
    const x = leaf([1, 2]);
    x.mul(3).sum().backward();
    const first = x.grad!;
    x.square().sum().backward();
    expect(x.grad!.toArray()).toEqual([5, 7]);
    expect(first.toArray()).toEqual([3, 3]); // the earlier tensor is replaced, not written into
    x.zeroGrad();
    expect(x.grad).toBeNull();
    x.mul(3).sum().backward();
    expect(x.grad!.toArray()).toEqual([3, 3]);
  });

  it("fan-out: a Variable used several times gets the sum of its gradients", () => {
    const x = leaf([1, 2, 3]);
    const y = x.mul(x).add(x.exp()).add(x); // x² + eˣ + x
    y.sum().backward();
    const g = x.grad!.toArray(1);
    [1, 2, 3].forEach((v, i) => {
      expect(g[i]).toBeCloseTo(2 * v + Math.exp(v) + 1, 12);
    });
    // A diamond: two paths from x to the output through a shared intermediate.
    const a = leaf([2]);
    const h = a.square();
    h.mul(h).add(h).sum().backward(); // a⁴ + a²
    expect(a.grad!.toArray()).toEqual([4 * 8 + 2 * 2]);
  });

  it("retainGraph keeps the graph for a second backward; the next call frees it", () => {
    const x = leaf([1, 2]);
    const y = x.square().sum();
    y.backward(undefined, { retainGraph: true });
    y.backward(undefined, { retainGraph: true });
    expect(x.grad!.toArray()).toEqual([4, 8]);
    y.backward();
    expect(x.grad!.toArray()).toEqual([6, 12]);
    expect(() => y.backward()).toThrow(/already freed/);
  });

  it("rules use the values recorded in the forward pass, even if a value is replaced later", () => {
    const x = leaf([1, 2]);
    const w = new Parameter(f64([3, 4]));
    const y = x.mul(w).matmul(w).add(w.sum());
    y.backward(undefined, { retainGraph: true });
    const first = x.grad!.toArray();
    w.value = f64([30, 40]); // e.g. an optimizer step between two walks of a retained graph
    x.zeroGrad();
    y.backward();
    expect(x.grad!.toArray()).toEqual(first);
    expect(first).toEqual([9, 16]);
  });

  it("retainGrad keeps an intermediate's gradient; others do not get one", () => {
    const x = leaf([1, 2]);
    const h = x.mul(3).retainGrad();
    const k = h.square();
    k.sum().backward();
    expect(h.grad!.toArray()).toEqual([6, 12]);
    expect(k.grad).toBeNull();
    expect(x.grad!.toArray()).toEqual([18, 36]);
  });

  it("detach stops gradients and shares the value", () => {
    const x = leaf([1, 2]);
    const d = x.mul(2).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.isLeaf).toBe(true);
    const y = x.mul(d).sum(); // d is a constant here
    y.backward();
    expect(x.grad!.toArray()).toEqual([2, 4]);
    expect(x.detach().value).toBe(x.value);
  });

  it("inputs that do not require gradients get none and are not walked", () => {
    const w = leaf([1, 2]);
    const c = new Variable(f64([3, 4]));
    w.mul(c).add(c.exp()).sum().backward();
    expect(c.grad).toBeNull();
    expect(w.grad!.toArray()).toEqual([3, 4]);
  });

  it("a frozen parameter (requiresGrad = false) gets no gradient", () => {
    const w = new Parameter(f64([1, 2]));
    const b = new Parameter(f64([1]));
    w.requiresGrad = false;
    w.mul(b).sum().backward();
    expect(w.grad).toBeNull();
    expect(b.grad!.toArray()).toEqual([3]);
  });

  it("gradients are never shared between Variables or with the seed", () => {
    const a = leaf([1, 2]);
    const b = leaf([3, 4]);
    const seed = f64([1, 1]);
    a.add(b).backward(seed);
    expect(a.grad).not.toBe(b.grad);
    expect(a.grad!.data).not.toBe(b.grad!.data);
    expect(a.grad!.data).not.toBe(seed.data);
    a.grad!.data[0] = 100; // e.g. an in-place gradient clip
    expect(b.grad!.toArray()).toEqual([1, 1]);
    expect(seed.toArray()).toEqual([1, 1]);
  });

  it("handles deep graphs without overflowing the stack", () => {
    const x = leaf([1]);
    let y = x;
    for (let i = 0; i < 20_000; i++) y = y.add(1);
    y.sum().backward();
    expect(x.grad!.toArray()).toEqual([1]);
  });

  it("frees the graph after backward: closures and inputs released (node.backward === null)", () => {
    const x = leaf([
      [1, 2],
      [3, 4],
    ]);
    const w = leaf([[1], [2]]);
    const loss = x
      .matmul(w)
      .tanh()
      .sub(f64([[1], [0]]))
      .square()
      .mean();
    const nodes = graphOf(loss).filter((v) => v.node !== null);
    expect(nodes.length).toBe(5);
    loss.backward();
    for (const v of nodes) {
      expect(v.node!.backward).toBeNull();
      expect(v.node!.inputs).toEqual([]);
    }
    // Leaves keep their gradients; nothing needs disposing.
    expect(x.grad).not.toBeNull();
    expect(w.grad).not.toBeNull();
  });

  it("frees the nodes a custom rule sent no gradient into", () => {
    const x = leaf([1, 2]);
    const h = x.exp();
    const y = record("blockGrad", h.value.clone(), [h], () => [null]);
    y.sum().backward();
    expect(h.node!.backward).toBeNull();
    expect(x.grad).toBeNull();
  });
});

describe("noGrad and enableGrad", () => {
  it("noGrad records nothing: results have requiresGrad false and no node", () => {
    const x = leaf([1, 2]);
    const y = noGrad(() => x.mul(2).exp().sum());
    expect(y.requiresGrad).toBe(false);
    expect(y.node).toBeNull();
    expect(y.isLeaf).toBe(true);
    expect(y.item()).toBeCloseTo(Math.exp(2) + Math.exp(4), 10);
    expect(() => y.backward()).toThrow(/does not require gradients/);
  });

  it("restores the previous mode on return and on throw; enableGrad nests inside", () => {
    expect(isGradEnabled()).toBe(true);
    const x = leaf([1]);
    noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      const y = enableGrad(() => x.mul(2));
      expect(y.requiresGrad).toBe(true);
      expect(isGradEnabled()).toBe(false);
    });
    expect(() =>
      noGrad(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(isGradEnabled()).toBe(true);
    expect(noGrad(() => 42)).toBe(42);
  });

  it("backward still works inside noGrad (rules run on tensors)", () => {
    const x = leaf([1, 2]);
    const y = x.square().sum();
    noGrad(() => y.backward());
    expect(x.grad!.toArray()).toEqual([2, 4]);
  });
});

describe("record: custom ops with hand-written gradients", () => {
  it("builds a differentiable op from a forward value and a rule", () => {
    const cube = (v: Variable) =>
      record("cube", v.value.pow(3), [v], (g) => [g.mul(v.value.square().mul(3))]);
    const x = leaf([1, 2]);
    cube(x).sum().backward();
    expect(x.grad!.toArray()).toEqual([3, 12]);
    const y = cube(new Variable(f64([2])));
    expect(y.requiresGrad).toBe(false);
    expect(y.node).toBeNull();
  });

  it("an int32 result never requires a gradient", () => {
    const x = leaf([1, 5, 2]);
    const idx = record("argmax", x.value.argmax(), [x], () => [null]);
    expect(idx.dtype).toBe("int32");
    expect(idx.requiresGrad).toBe(false);
  });
});

describe("Variable basics", () => {
  it("exposes shape, dtype, size, rank, name and a readable string", () => {
    const v = variable([[1, 2, 3]], { requiresGrad: true, name: "w" });
    expect(v.shape).toEqual([1, 3]);
    expect(v.dtype).toBe("float32");
    expect(v.size).toBe(3);
    expect(v.rank).toBe(2);
    expect(v.name).toBe("w");
    expect(v.isLeaf).toBe(true);
    expect(v.toString()).toContain("requiresGrad=true");
    expect(new Parameter(T.zeros([2]), "b").requiresGrad).toBe(true);
    expect(new Parameter(T.zeros([2]), "b").name).toBe("b");
    expect(variable(T.ones([2])).requiresGrad).toBe(false);
  });

  it("toVariable passes Variables through and wraps tensors and numbers as constants", () => {
    const v = variable([1]);
    expect(toVariable(v)).toBe(v);
    expect(toVariable(T.ones([2])).requiresGrad).toBe(false);
    expect(toVariable(3, "float64").dtype).toBe("float64");
    expect(toVariable(3).item()).toBe(3);
  });

  it("unbroadcast sums over leading and size-1 axes", () => {
    const g = T.ones([2, 3, 4]);
    expect(unbroadcast(g, [3, 1]).toArray()).toEqual([[8], [8], [8]]);
    expect(unbroadcast(g, []).item()).toBe(24);
    expect(unbroadcast(g, [2, 3, 4])).toBe(g);
  });
});
