import * as T from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  AutogradError,
  add,
  concat,
  elu,
  exp,
  grad,
  gradCheck,
  leakyRelu,
  logSoftmax,
  record,
  relu,
  sigmoid,
  sign,
  softmax,
  softplus,
  stack,
  step,
  tanh,
  unbroadcast,
  Variable,
  valueAndGrad,
  where,
} from "../src/index.js";

type ErrorClass = new (...args: never[]) => T.NeuriteError;

/** Asserts `fn` throws a NeuriteError of class `cls` whose message contains every fragment. */
function expectError(fn: () => unknown, cls: ErrorClass, ...fragments: string[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected a throw").toBeInstanceOf(cls);
  expect(caught).toBeInstanceOf(T.NeuriteError);
  const message = (caught as Error).message;
  for (const f of fragments) expect(message).toContain(f);
}

const v = (shape: number[], dtype: T.DType = "float32", requiresGrad = false) =>
  new Variable(T.zeros(shape, dtype), { requiresGrad });

describe("bad input throws a NeuriteError naming the op, the argument and the shapes or values", () => {
  it("shape mismatch in a broadcasting op", () => {
    expectError(() => v([2, 3]).add(v([4])), T.ShapeError, "add", "[2,3]", "[4]");
    expectError(() => v([2, 3]).mul(T.zeros([3, 2])), T.ShapeError, "mul", "[2,3]", "[3,2]");
  });

  it("shape mismatch in matmul, with the shapes as given (vectors included)", () => {
    expectError(() => v([5, 13]).matmul(v([12, 20])), T.ShapeError, "matmul", "[5,13]", "[12,20]");
    expectError(() => v([5]).matmul(v([4, 3])), T.ShapeError, "matmul", "[5]", "[4,3]");
    expectError(() => v([]).matmul(v([4, 3])), T.ShapeError, "matmul", "'a'", "[]");
  });

  it("shape mismatches in shape ops", () => {
    expectError(() => v([2, 3]).reshape([4]), T.ShapeError, "reshape", "[2,3]", "[4]");
    expectError(() => v([2, 3]).broadcastTo([3, 3]), T.ShapeError, "broadcastTo", "[2,3]");
    expectError(() => v([2, 3]).slice([0, 2], [1, 2]), T.ShapeError, "slice", "[2,3]");
    expectError(() => v([2, 3]).squeeze(0), T.ShapeError, "squeeze", "[2,3]");
    expectError(() => concat([v([2, 2]), v([3, 3])], 1), T.ShapeError, "concat", "[3,3]");
    expectError(() => stack([v([2]), v([3])]), T.ShapeError, "stack", "[3]", "[2]");
    expectError(() => concat(3 as never), T.ShapeError, "concat", "tensors");
  });

  it("bad axes and indices", () => {
    expectError(() => v([2, 3]).sum(2), T.AxisError, "sum", "axis 2", "rank 2");
    expectError(() => v([2, 3]).variance(-3), T.AxisError, "variance", "axis -3");
    expectError(() => v([2, 3]).softmax(2), T.AxisError, "softmax", "axis 2");
    expectError(() => v([2, 3]).transpose([0, 0]), T.AxisError, "transpose", "perm");
    expectError(() => v([2, 3]).gather([5]), T.ValueError, "gather", "index 5", "size 2");
  });

  it("wrong dtypes: float-only ops on int32", () => {
    const ints = new Variable(T.tensor([1, 2], undefined, "int32"));
    expectError(() => ints.exp(), T.DTypeError, "exp", "int32");
    expectError(() => ints.softmax(), T.DTypeError, "softmax", "int32", "[2]");
    expectError(() => ints.logSoftmax(), T.DTypeError, "logSoftmax", "int32");
    expectError(() => ints.div(ints), T.DTypeError, "div", "int32");
  });

  it("requiresGrad on int32", () => {
    const ints = T.tensor([1, 2], undefined, "int32");
    expectError(
      () => new Variable(ints, { requiresGrad: true }),
      T.DTypeError,
      "Variable",
      "requiresGrad",
      "int32",
    );
    const leaf = new Variable(ints);
    expectError(
      () => {
        leaf.requiresGrad = true;
      },
      T.DTypeError,
      "requiresGrad",
      "int32",
    );
    expectError(() => grad((x) => x.sum())(ints), T.DTypeError, "grad", "inputs[0]", "int32");
  });

  it("an op on Variables of different dtypes", () => {
    const f32 = v([2]);
    const f64 = v([2], "float64");
    expectError(() => f32.add(f64), T.DTypeError, "add", "float32", "float64");
    expectError(() => f32.maximum(f64), T.DTypeError, "maximum", "float32", "float64");
    expectError(() => v([2, 2]).matmul(v([2, 2], "float64")), T.DTypeError, "matmul", "float64");
    expectError(() => where(T.ones([2]), f32, f64), T.DTypeError, "where", "float64");
    expectError(() => concat([f32, f64]), T.DTypeError, "concat", "tensors[1]", "float64");
    expectError(() => stack([f32, T.zeros([2], "float64")]), T.DTypeError, "stack", "float64");
  });

  it("backward on a non-scalar without a gradient", () => {
    const y = v([2, 3], "float32", true).mul(2);
    expectError(() => y.backward(), AutogradError, "backward", "gradient", "[2,3]");
  });

  it("a gradient of the wrong shape, dtype or kind", () => {
    const y = v([2, 3], "float32", true).mul(2);
    expectError(() => y.backward(T.zeros([3, 2])), AutogradError, "backward", "[3,2]", "[2,3]");
    expectError(
      () => y.backward(T.zeros([2, 3], "float64")),
      AutogradError,
      "backward",
      "float64",
      "float32",
    );
    expectError(() => y.backward(v([2, 3]) as never), AutogradError, "backward", "a Variable");
  });

  it("backward twice through a freed graph, without accumulating anything the second time", () => {
    const x = v([2], "float32", true);
    const h = x.mul(3);
    const y = h.sum();
    y.backward();
    expectError(
      () => y.backward(),
      AutogradError,
      "backward",
      "'sum'",
      "already freed",
      "retainGraph",
    );
    // A new output built on the freed intermediate names the freed op.
    expectError(() => h.mean().backward(), AutogradError, "'mul'", "already freed");
    expect(x.grad!.toArray()).toEqual([3, 3]);
  });

  it("backward on a Variable that does not require gradients", () => {
    expectError(() => v([1]).mul(2).backward(), AutogradError, "backward", "does not require");
    expectError(() => v([1]).retainGrad(), AutogradError, "retainGrad", "[1]");
  });

  it("changing requiresGrad on a non-leaf", () => {
    const y = v([1], "float32", true).mul(2);
    expectError(
      () => {
        y.requiresGrad = false;
      },
      AutogradError,
      "requiresGrad",
      "'mul'",
      "detach",
    );
  });

  it("not a tensor where one is expected", () => {
    expectError(() => new Variable([1, 2] as never), T.DTypeError, "Variable", "array of length 2");
    expectError(() => where([1] as never, v([1]), v([1])), T.DTypeError, "where", "condition");
  });

  it("an operand that is not a Variable, Tensor or number names the op and the argument", () => {
    expectError(() => add("x" as never, v([2])), T.DTypeError, "add", "'a'", "string");
    expectError(() => v([2]).mul(null as never), T.DTypeError, "mul", "'b'", "null");
    expectError(() => exp({} as never), T.DTypeError, "exp", "'x'");
    expectError(() => v([2]).matmul([1, 2] as never), T.DTypeError, "matmul", "'b'", "array");
    expectError(() => concat([v([2]), "x" as never]), T.DTypeError, "concat", "tensors[1]");
  });

  it("a hand-assigned .grad of the wrong shape is not silently broadcast", () => {
    const x = v([3], "float32", true);
    x.grad = T.zeros([3, 1]);
    expectError(() => x.mul(2).sum().backward(), AutogradError, "[3,1]", "[3]", "zeroGrad");
  });

  it("unbroadcast to a shape that does not broadcast", () => {
    expectError(
      () => unbroadcast(T.ones([2, 3]), [4]),
      T.ShapeError,
      "unbroadcast",
      "[4]",
      "[2,3]",
    );
    expectError(() => unbroadcast(T.ones([3]), [2, 3]), T.ShapeError, "unbroadcast", "[2,3]");
  });

  it("custom rules returning the wrong thing (record)", () => {
    const x = v([2], "float32", true);
    const bad = (rule: (g: T.Tensor) => never) => record("myOp", x.value, [x], rule).sum();
    expectError(
      () => bad((g) => [g.sum()] as never).backward(),
      AutogradError,
      "myOp",
      "inputs[0]",
      "[]",
      "[2]",
    );
    expectError(
      () => bad((g) => [g.cast("float64")] as never).backward(),
      AutogradError,
      "myOp",
      "float64",
      "float32",
    );
    expectError(() => bad((g) => g as never).backward(), AutogradError, "myOp", "array");
    expectError(() => bad(() => ["x"] as never).backward(), AutogradError, "myOp", "string");
    expectError(
      () => record("myOp", x.value, [x.value as never], (g) => [g]),
      AutogradError,
      "myOp",
      "inputs[0]",
      "Tensor",
    );
    expectError(() => record("myOp", x.value, [x], 3 as never), AutogradError, "myOp", "backward");
    expectError(
      () => record("myOp", [1] as never, [x], (g) => [g]),
      AutogradError,
      "myOp",
      "value",
    );
  });

  it("grad, valueAndGrad and gradCheck with a bad function or inputs", () => {
    const x = T.tensor([1, 2], undefined, "float64");
    expectError(() => grad((a) => a.mul(2))(x), AutogradError, "grad", "f", "[2]");
    expectError(
      () => valueAndGrad((a) => a.value as never)(x),
      AutogradError,
      "valueAndGrad",
      "Tensor",
    );
    expectError(() => grad(3 as never), T.ValueError, "grad", "f");
    expectError(() => grad((a) => a.sum())([1, 2] as never), T.DTypeError, "grad", "inputs[0]");
    expectError(() => gradCheck((a) => a.sum(), []), T.ValueError, "gradCheck", "inputs");
    expectError(
      () => gradCheck((a) => a.sum(), [[1] as never]),
      T.DTypeError,
      "gradCheck",
      "inputs[0]",
    );
    expectError(() => gradCheck((a) => a.sum(), [x], { eps: 0 }), T.ValueError, "gradCheck", "eps");
    expectError(
      () => gradCheck((a) => a.sum(), [x], { atol: -1 }),
      T.ValueError,
      "gradCheck",
      "-1",
    );
    expectError(
      () => gradCheck((a) => a.value as never, [x]),
      AutogradError,
      "gradCheck",
      "Tensor",
    );
    expectError(
      () => gradCheck((a) => new Variable(a.sum().value.cast("float32")), [x]),
      AutogradError,
      "gradCheck",
      "float64",
      "float32",
    );
  });
});

describe("activations never turn NaN into a number, forward or backward", () => {
  // x holds NaN at index 1 among ordinary values on both sides of 0.
  const input = () =>
    new Variable(T.tensor([-2, Number.NaN, 0.5, 3], [4], "float64"), { requiresGrad: true });
  const cases: [string, (x: Variable) => Variable][] = [
    ["relu", (x) => relu(x)],
    ["leakyRelu", (x) => leakyRelu(x, 0.1)],
    ["elu", (x) => elu(x)],
    ["step", (x) => step(x)],
    ["sign", (x) => sign(x)],
    ["sigmoid", (x) => sigmoid(x)],
    ["tanh", (x) => tanh(x)],
    ["softplus", (x) => softplus(x)],
    ["softmax", (x) => softmax(x)],
    ["logSoftmax", (x) => logSoftmax(x)],
  ];
  for (const [name, f] of cases) {
    it(`${name} gives NaN where its input is NaN, and a NaN gradient there`, () => {
      const x = input();
      const y = f(x);
      expect(y.value.data[1], `${name}(NaN)`).toBeNaN();
      y.backward(T.onesLike(y.value));
      expect(x.grad!.data[1], `d${name}/dx at NaN`).toBeNaN();
      if (name !== "softmax" && name !== "logSoftmax")
        for (const i of [0, 2, 3]) expect(x.grad!.data[i], `d${name}/dx at ${i}`).not.toBeNaN();
    });
  }
});

describe("backward refuses a graph whose saved tensors were changed in place", () => {
  it("names the op, the input, its shape and the versions", () => {
    const w = new Variable(
      T.tensor([
        [1, 2],
        [3, 4],
      ]),
      { requiresGrad: true, name: "w" },
    );
    const x = new Variable(T.tensor([[1], [1]]));
    const loss = w.matmul(x).sum();
    w.value.markModified(); // what optimizer.step() does after updating w in place
    expectError(
      () => loss.backward(),
      AutogradError,
      "'matmul'",
      "modified in place",
      "input 0 'w'",
      "shape [2,2] float32",
      "version 1",
      "it was 0",
    );
    // Nothing was accumulated by the refused call.
    expect(w.grad).toBeNull();
  });

  it("sees a change made through a view (reshape shares the version)", () => {
    const w = new Variable(T.tensor([1, 2, 3]), { requiresGrad: true });
    const loss = w.mul(w).sum();
    w.value.reshape([3, 1]).markModified();
    expect(() => loss.backward()).toThrow(/'mul'/);
  });

  it("checks a rule's output too (sigmoid's gradient reads it)", () => {
    const x = new Variable(T.tensor([0, 1]), { requiresGrad: true });
    const y = sigmoid(x);
    y.value.markModified();
    expectError(() => y.sum().backward(), AutogradError, "'sigmoid'", "its output (shape [2]");
  });

  it("ops whose gradient reads no value (add, sum, reshape) do not refuse, and stay exact", () => {
    const w = new Variable(T.tensor([1, 2, 3]), { requiresGrad: true });
    const loss = w.add(1).reshape([3, 1]).sum();
    w.value.markModified();
    loss.backward();
    expect(Array.from(w.grad!.data)).toEqual([1, 1, 1]);
  });

  it("record takes the exact list of saved tensors, and checks it", () => {
    const x = new Variable(T.tensor([2]), { requiresGrad: true });
    const y = record("twice", x.value.mul(2), [x], (g) => [g.mul(2)], []);
    x.value.markModified();
    y.backward();
    expect(x.grad!.item()).toBe(2);
    expectError(
      () => record("bad", x.value, [x], (g) => [g], [x] as unknown as T.Tensor[]),
      AutogradError,
      "bad",
      "saved[0]",
      "a Variable",
    );
  });
});
