import { gradCheck, Variable } from "@neurite/autograd";
import { DTypeError, oneHot, randn, ShapeError, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  activations,
  BinaryCrossEntropy,
  CategoricalCrossEntropy,
  getLoss,
  Huber,
  Loss,
  losses,
  MeanSquaredError,
  SparseCategoricalCrossEntropy,
  SumSquaredError,
} from "../src/index.js";

const f64 = (v: number[][] | number[]) => tensor(v, undefined, "float64");

describe("losses against hand-computed Keras reference values", () => {
  // The examples of the Keras documentation, recomputed by hand.
  const yTrue = f64([
    [0, 1],
    [0, 0],
  ]);

  it("mse and mae: pred [[1,1],[1,0]] → errors 1,0,1,0 → 0.5 and 0.5", () => {
    const yPred = f64([
      [1, 1],
      [1, 0],
    ]);
    expect(losses.mse(yPred, yTrue).item()).toBe(0.5);
    expect(losses.mae(yPred, yTrue).item()).toBe(0.5);
  });

  it("sse is the book's sum of squared errors: (0² + 1² + 2²) = 5", () => {
    expect(losses.sse(f64([1, 2, 3]), f64([1, 1, 1])).item()).toBe(5);
    expect(losses.sse(f64([1, 2, 3]), f64([1, 1, 1]), { reduction: "mean" }).item()).toBeCloseTo(
      5 / 3,
      15,
    );
  });

  it("huber: errors 0.6, 0.6, 0.4, 0.6 (all ≤ 1) → ½e² = .18,.18,.08,.18 → 0.155", () => {
    const yPred = f64([
      [0.6, 0.4],
      [0.4, 0.6],
    ]);
    expect(losses.huber(yPred, yTrue).item()).toBeCloseTo(0.155, 15);
    // beyond delta the loss is linear: e = 3, delta = 1 → 1·(3 − 0.5) = 2.5
    expect(losses.huber(f64([3]), f64([0])).item()).toBe(2.5);
    expect(losses.huber(f64([3]), f64([0]), { delta: 2 }).item()).toBe(4); // 2·(3 − 1)
  });

  it("binary cross-entropy: −(ln .4 + ln .4 + ln .6 + ln .4)/4 = 0.8149245 (Keras: 0.815)", () => {
    const yPred = f64([
      [0.6, 0.4],
      [0.4, 0.6],
    ]);
    // 3·0.916290731874155 + 0.510825623765991 = 3.259697819388456; / 4
    expect(losses.binaryCrossEntropy(yPred, yTrue).item()).toBeCloseTo(0.814924454847114, 12);
  });

  it("categorical cross-entropy: (−ln .95 − ln .1)/2 = 1.1769392 (Keras: 1.177)", () => {
    const yPred = f64([
      [0.05, 0.95, 0],
      [0.1, 0.8, 0.1],
    ]);
    const oneHotTrue = f64([
      [0, 1, 0],
      [0, 0, 1],
    ]);
    // (0.05129329438755058 + 2.302585092994046) / 2
    expect(losses.categoricalCrossEntropy(yPred, oneHotTrue).item()).toBeCloseTo(
      1.176939193690798,
      7,
    );
    const labels = tensor([1, 2], undefined, "int32");
    expect(losses.sparseCategoricalCrossEntropy(yPred, labels).item()).toBeCloseTo(
      1.176939193690798,
      7,
    );
  });

  it("categorical cross-entropy renormalizes rows that do not sum to 1 (as Keras)", () => {
    // [2, 6, 2] → [0.2, 0.6, 0.2]; −ln 0.6 = 0.5108256
    expect(losses.categoricalCrossEntropy(f64([[2, 6, 2]]), f64([[0, 1, 0]])).item()).toBeCloseTo(
      0.5108256237659907,
      12,
    );
  });
});

describe("reductions", () => {
  const p = f64([
    [1, 2],
    [3, 5],
  ]);
  const t = f64([
    [1, 1],
    [1, 1],
  ]);

  it("elementwise losses: mean and sum over every element, none keeps the shape", () => {
    expect(losses.mse(p, t).item()).toBe((0 + 1 + 4 + 16) / 4);
    expect(losses.mse(p, t, { reduction: "sum" }).item()).toBe(21);
    const none = losses.mse(p, t, { reduction: "none" });
    expect(none.shape).toEqual([2, 2]);
    expect(Array.from(none.value.data)).toEqual([0, 1, 4, 16]);
  });

  it("categorical losses: one value per sample", () => {
    const logits = f64([
      [2, 0, 0],
      [0, 0, 0],
    ]);
    const y = f64([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    const none = losses.categoricalCrossEntropy(logits, y, { fromLogits: true, reduction: "none" });
    expect(none.shape).toEqual([2]);
    expect(none.value.data[1]).toBeCloseTo(Math.log(3), 15);
    const sum = losses
      .categoricalCrossEntropy(logits, y, { fromLogits: true, reduction: "sum" })
      .item();
    expect(sum).toBeCloseTo(none.value.data[0]! + none.value.data[1]!, 15);
  });

  it("reject unknown reductions", () => {
    expect(() => losses.mse(p, t, { reduction: "avg" as never })).toThrow(
      /"mean", "sum" or "none"/,
    );
  });
});

describe("logits paths", () => {
  it("match the probability paths for moderate values", () => {
    const z = randn([4, 3], 1, "float64");
    const y = oneHot(tensor([0, 2, 1, 1], undefined, "int32"), 3, "float64");
    const viaSoftmax = losses.categoricalCrossEntropy(activations.softmax(z), y).item();
    expect(losses.categoricalCrossEntropy(z, y, { fromLogits: true }).item()).toBeCloseTo(
      viaSoftmax,
      12,
    );
    expect(losses.softmaxCrossEntropy(z, y).item()).toBeCloseTo(viaSoftmax, 12);
    const labels = tensor([0, 2, 1, 1], undefined, "int32");
    expect(
      losses.sparseCategoricalCrossEntropy(z, labels, { fromLogits: true }).item(),
    ).toBeCloseTo(viaSoftmax, 12);
    const b = randn([5], 2, "float64");
    const bt = f64([0, 1, 1, 0, 1]);
    expect(losses.binaryCrossEntropy(b, bt, { fromLogits: true }).item()).toBeCloseTo(
      losses.binaryCrossEntropy(activations.sigmoid(b), bt).item(),
      12,
    );
  });

  it("stay finite for extreme logits (±1e4)", () => {
    const z = new Variable(tensor([[1e4, 0, -1e4]]), { requiresGrad: true });
    const right = losses.softmaxCrossEntropy(z, tensor([[1, 0, 0]]));
    expect(right.item()).toBe(0);
    const wrong = losses.softmaxCrossEntropy(z, tensor([[0, 0, 1]]));
    expect(wrong.item()).toBe(2e4);
    wrong.backward();
    expect(Array.from(z.grad!.data)).toEqual([1, 0, -1]);
    expect(
      losses
        .sparseCategoricalCrossEntropy(z, tensor([2], undefined, "int32"), { fromLogits: true })
        .item(),
    ).toBe(2e4);
    const bce = losses.binaryCrossEntropy(tensor([1e4, -1e4, 1e4]), tensor([0, 1, 1]), {
      fromLogits: true,
    });
    expect(bce.item()).toBeCloseTo(2e4 / 3, 0);
    expect(Number.isFinite(bce.item())).toBe(true);
  });

  it("probability paths clamp to [1e-7, 1 − 1e-7] (Keras epsilon) instead of returning Infinity", () => {
    const bce = losses.binaryCrossEntropy(tensor([0, 1]), tensor([1, 0]));
    expect(bce.item()).toBeCloseTo(-Math.log(1e-7), 4); // 16.118
    const cce = losses.categoricalCrossEntropy(tensor([[1, 0]]), tensor([[0, 1]]));
    expect(cce.item()).toBeCloseTo(-Math.log(1e-7), 4);
    const p = new Variable(tensor([[1, 0]]), { requiresGrad: true });
    losses.categoricalCrossEntropy(p, tensor([[0, 1]])).backward();
    expect(Array.from(p.grad!.data).every(Number.isFinite)).toBe(true);
  });
});

describe("gradients", () => {
  it("the fused softmax + cross-entropy gradient w.r.t. logits is (p − y) / n", () => {
    const z = new Variable(randn([4, 3], 7), { requiresGrad: true });
    const y = oneHot(tensor([2, 0, 1, 2], undefined, "int32"), 3);
    losses.softmaxCrossEntropy(z, y).backward();
    const p = activations.softmax(z.value).value;
    for (let i = 0; i < 12; i++)
      expect(z.grad!.data[i]).toBeCloseTo((p.data[i]! - y.data[i]!) / 4, 7);
  });

  it("every loss passes gradCheck w.r.t. predictions (and soft targets where defined)", () => {
    const pred = randn([4, 3], 1, "float64");
    const target = randn([4, 3], 2, "float64");
    const probs = activations.softmax(randn([4, 3], 3, "float64")).value;
    const soft = activations.softmax(randn([4, 3], 4, "float64")).value;
    const unit = activations.sigmoid(randn([4, 3], 5, "float64")).value;
    const unitT = activations.sigmoid(randn([4, 3], 6, "float64")).value;
    const labels = tensor([0, 2, 1, 1], undefined, "int32");
    const checks: [string, (a: Variable, b: Variable) => Variable, ReturnType<typeof randn>[]][] = [
      ["mse", (a, b) => losses.mse(a, b), [pred, target]],
      ["sse", (a, b) => losses.sse(a, b), [pred, target]],
      ["mae", (a, b) => losses.mae(a, b), [pred, target]],
      ["huber", (a, b) => losses.huber(a, b, { delta: 0.7 }), [pred, target]],
      ["mse none", (a, b) => losses.mse(a, b, { reduction: "none" }), [pred, target]],
      ["bce", (a, b) => losses.binaryCrossEntropy(a, b), [unit, unitT]],
      [
        "bce logits",
        (a, b) => losses.binaryCrossEntropy(a, b, { fromLogits: true }),
        [pred, unitT],
      ],
      ["cce", (a, b) => losses.categoricalCrossEntropy(a, b), [probs, soft]],
      [
        "cce logits",
        (a, b) => losses.categoricalCrossEntropy(a, b, { fromLogits: true }),
        [pred, soft],
      ],
      [
        "softmaxCE sum",
        (a, b) => losses.softmaxCrossEntropy(a, b, { reduction: "sum" }),
        [pred, soft],
      ],
      ["huber none", (a, b) => losses.huber(a, b, { reduction: "none" }), [pred, target]],
      ["mae sum", (a, b) => losses.mae(a, b, { reduction: "sum" }), [pred, target]],
      ["bce none", (a, b) => losses.binaryCrossEntropy(a, b, { reduction: "none" }), [unit, unitT]],
      [
        "cce logits none",
        (a, b) => losses.categoricalCrossEntropy(a, b, { fromLogits: true, reduction: "none" }),
        [pred, soft],
      ],
      [
        "cce none",
        (a, b) => losses.categoricalCrossEntropy(a, b, { reduction: "none" }),
        [probs, soft],
      ],
    ];
    for (const [name, f, inputs] of checks) {
      const r = gradCheck(f as never, inputs);
      expect(r.ok, `${name}: ${JSON.stringify(r.worst)}`).toBe(true);
    }
    for (const fromLogits of [false, true])
      for (const reduction of ["mean", "none"] as const) {
        const r = gradCheck(
          (a) => losses.sparseCategoricalCrossEntropy(a, labels, { fromLogits, reduction }),
          [fromLogits ? pred : probs],
        );
        expect(r.ok, `sparse fromLogits=${fromLogits} ${reduction}`).toBe(true);
      }
  });
});

describe("target checks", () => {
  it("sparse labels given to categoricalCrossEntropy name the shapes and suggest the sparse loss", () => {
    const call = () =>
      losses.categoricalCrossEntropy(randn([5, 3], 0), tensor([0, 1, 2, 1, 0], undefined, "int32"));
    expect(call).toThrow(ShapeError);
    expect(call).toThrow(/yPred has shape \[5,3\] but yTrue has shape \[5\]/);
    expect(call).toThrow(
      /use sparseCategoricalCrossEntropy, or one-hot encode them \(oneHot\(labels, 3\)\)/,
    );
  });

  it("one-hot targets given to the sparse loss suggest the categorical one", () => {
    const call = () =>
      losses.sparseCategoricalCrossEntropy(
        randn([2, 3], 0),
        tensor([
          [0, 1, 0],
          [1, 0, 0],
        ]),
      );
    expect(call).toThrow(/use categoricalCrossEntropy/);
    expect(() =>
      losses.sparseCategoricalCrossEntropy(randn([2, 3], 0), tensor([0, 3], undefined, "int32")),
    ).toThrow(/label 3 at position 1 is not a class index in \[0, 3\)/);
    expect(() => losses.sparseCategoricalCrossEntropy(randn([2, 3], 0), tensor([0.5, 1]))).toThrow(
      ValueError,
    );
    // float labels holding integers and [n, 1] labels are fine
    expect(
      losses.sparseCategoricalCrossEntropy(randn([2, 3], 0), tensor([[0], [2]])).item(),
    ).toBeGreaterThan(0);
  });

  it("[n] and [n,1] are matched instead of broadcast to [n,n]; other mismatches are errors", () => {
    const p = f64([[1], [2], [3]]);
    expect(losses.mse(p, f64([1, 2, 5])).item()).toBeCloseTo(4 / 3, 15);
    expect(losses.mse(f64([1, 2, 3]), f64([[1], [2], [5]])).item()).toBeCloseTo(4 / 3, 15);
    expect(() => losses.mse(randn([5, 1], 0), randn([5, 3], 0))).toThrow(
      /yPred has shape \[5,1\] but yTrue has shape \[5,3\]/,
    );
    expect(() => losses.binaryCrossEntropy(randn([4], 0), randn([2, 2], 0))).toThrow(ShapeError);
  });

  it("int targets are cast; int predictions suggest swapped arguments", () => {
    expect(losses.mse(f64([1, 2]), tensor([1, 1], undefined, "int32")).item()).toBe(0.5);
    expect(() => losses.mse(tensor([1, 1], undefined, "int32"), f64([1, 2]))).toThrow(DTypeError);
    expect(() => losses.mse(tensor([1, 1], undefined, "int32"), f64([1, 2]))).toThrow(
      /are the arguments swapped/,
    );
    expect(() => losses.mse(tensor([]), tensor([]))).toThrow(/non-empty/);
  });

  it("option checks", () => {
    expect(() => losses.huber(f64([1]), f64([1]), { delta: 0 })).toThrow(ValueError);
    expect(() => losses.binaryCrossEntropy(f64([0.5]), f64([1]), { epsilon: 1 })).toThrow(
      ValueError,
    );
    expect(() =>
      losses.binaryCrossEntropy(f64([0.5]), f64([1]), { fromLogits: "yes" as never }),
    ).toThrow(ValueError);
  });
});

describe("loss objects and names", () => {
  it("classes equal the functions and keep their configuration", () => {
    const p = randn([3, 2], 1);
    const t = randn([3, 2], 2);
    expect(new MeanSquaredError().call(p, t).item()).toBe(losses.mse(p, t).item());
    expect(new MeanSquaredError({ reduction: "sum" }).call(p, t).item()).toBe(
      losses.mse(p, t, { reduction: "sum" }).item(),
    );
    expect(new SumSquaredError().reduction).toBe("sum");
    expect(new Huber({ delta: 2 }).getConfig()).toEqual({ reduction: "mean", delta: 2 });
    expect(new BinaryCrossEntropy({ fromLogits: true }).getConfig()).toEqual({
      reduction: "mean",
      fromLogits: true,
      epsilon: 1e-7,
    });
    expect(() => new Huber({ delta: -1 })).toThrow(ValueError);
    expect(() => new MeanSquaredError({ reduction: "x" as never })).toThrow(ValueError);
  });

  it("getLoss resolves Keras and camelCase names, objects and functions", () => {
    expect(getLoss("categorical_crossentropy")).toBeInstanceOf(CategoricalCrossEntropy);
    expect(getLoss("categoricalCrossEntropy")).toBeInstanceOf(CategoricalCrossEntropy);
    expect(getLoss("sparse_categorical_crossentropy", { fromLogits: true })).toMatchObject({
      fromLogits: true,
    });
    expect(getLoss("sparse_categorical_crossentropy")).toBeInstanceOf(
      SparseCategoricalCrossEntropy,
    );
    expect(getLoss("mean_squared_error")).toBeInstanceOf(MeanSquaredError);
    expect(getLoss("MSE").name).toBe("mse");
    expect(getLoss("huber_loss", { delta: 3 })).toMatchObject({ delta: 3 });
    const obj = new MeanSquaredError();
    expect(getLoss(obj)).toBe(obj);
    const custom = getLoss((a, b) => losses.mae(a, b));
    expect(custom).toBeInstanceOf(Loss);
    expect(custom.call(f64([1]), f64([3])).item()).toBe(2);
    expect(() => getLoss("hinge")).toThrow(/unknown loss 'hinge'/);
    expect(() => getLoss("mse", { fromLogits: true })).toThrow(/mse takes only reduction/);
  });
});
