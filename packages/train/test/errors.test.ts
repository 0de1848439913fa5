import { Variable } from "@neurite/autograd";
import { DataLoader, oneHot } from "@neurite/datasets";
import { Dense, getLoss, Module, Sequential } from "@neurite/layers";
import { Adam } from "@neurite/optim";
import {
  DTypeError,
  Rng,
  randn,
  ShapeError,
  type Tensor,
  tensor,
  ValueError,
  zeros,
} from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { Accuracy, evaluate, fit, fitAsync, predict } from "../src/index.js";

const rng = new Rng(1);
const x = randn([12, 4], rng);
const labels = tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], [12], "int32");
const onehot = oneHot(labels, 3);
const clf = () => new Sequential([new Dense(3, { inputDim: 4, activation: "softmax", seed: 1 })]);
const reg = () => new Sequential([new Dense(1, { inputDim: 4, seed: 1 })]);
const yReg = randn([12, 1], rng);

/** Runs `f`, expects it to throw `type`, and returns the message. */
function message(f: () => unknown, type: new (...a: never[]) => Error = ValueError): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

describe("fit: data errors are caught before the first step, naming fit, the argument and the shapes", () => {
  it("x and y of different lengths", () => {
    expect(
      message(
        () => fit(reg(), x, yReg.slice([0, 0], [10, 1]), { loss: "mse", verbose: 0 }),
        ShapeError,
      ),
    ).toBe(
      "fit: argument 'y': x has 12 samples (shape [12,4]) but y has 10 (shape [10,1]); they need one target per sample",
    );
  });

  it("empty data and scalars", () => {
    expect(
      message(() => fit(reg(), zeros([0, 4]), zeros([0, 1]), { loss: "mse", verbose: 0 })),
    ).toBe("fit: argument 'x': expected at least one sample, got 0 (shape [0,4])");
    expect(
      message(() => fit(reg(), tensor(3), yReg, { loss: "mse", verbose: 0 }), ShapeError),
    ).toMatch(/^fit: argument 'x': expected samples along the first axis, got a scalar/);
  });

  it("sparse integer labels given to categorical cross-entropy", () => {
    expect(
      message(
        () => fit(clf(), x, labels, { loss: "categoricalCrossEntropy", verbose: 0 }),
        ShapeError,
      ),
    ).toBe(
      "fit: argument 'y': categoricalCrossEntropy needs one-hot targets shaped like the model's output [12,3], got [12], which looks like integer class labels. Use loss \"sparseCategoricalCrossEntropy\", or one-hot encode the targets (oneHot(y, 3))",
    );
  });

  it("one-hot targets given to sparse categorical cross-entropy, and labels out of range", () => {
    expect(
      message(
        () => fit(clf(), x, onehot, { loss: "sparse_categorical_crossentropy", verbose: 0 }),
        ShapeError,
      ),
    ).toMatch(
      /^fit: argument 'y': sparseCategoricalCrossEntropy needs one integer label per sample \(shape \[12\]\) for the model's output \[12,3\], got \[12,3\], which looks like one-hot targets/,
    );
    const bad = tensor([0, 1, 2, 0, 1, 2, 0, 1, 3, 0, 1, 2], [12], "int32");
    expect(
      message(() =>
        fit(clf(), x, bad, { loss: "sparseCategoricalCrossEntropy", batchSize: 4, verbose: 0 }),
      ),
    ).toBe(
      "fit: argument 'y': label 3 of sample 8 is not a class index in [0, 3) for a model with 3 outputs",
    );
  });

  it("model output and targets of different shapes", () => {
    expect(
      message(() => fit(clf(), x, yReg, { loss: "mse", batchSize: 5, verbose: 0 }), ShapeError),
    ).toBe(
      "fit: argument 'y': the model's output has shape [5,3] but the targets have shape [5,1]; mse compares them element by element, so they must match",
    );
    expect(
      message(
        () => fit(reg(), x, onehot, { loss: "binaryCrossEntropy", batchSize: 5, verbose: 0 }),
        ShapeError,
      ),
    ).toMatch(
      /^fit: argument 'y': the model's output has shape \[5,1\] but the targets have shape \[5,3\]/,
    );
  });

  it("inputs the model cannot take, and models that lose the batch dimension", () => {
    expect(
      message(
        () => fit(reg(), randn([12, 5], rng), yReg, { loss: "mse", batchSize: 4, verbose: 0 }),
        ShapeError,
      ),
    ).toMatch(/^fit: argument 'x': the model cannot take a batch of shape \[4,5\]: /);
    class Collapse extends Module {
      forward(v: Variable | Tensor): Variable {
        return (v instanceof Variable ? v : new Variable(v)).sum();
      }
    }
    const m = new Sequential([new Dense(1, { inputDim: 4 }), new Collapse()]);
    expect(
      message(() => fit(m, x, yReg, { loss: "mse", batchSize: 4, verbose: 0 }), ShapeError),
    ).toBe(
      "fit: argument 'model': a batch of 4 samples (shape [4,4]) gave an output of shape []; the output needs one row per sample",
    );
  });

  it("validation data that does not match the training data", () => {
    expect(
      message(
        () =>
          fit(reg(), x, yReg, {
            loss: "mse",
            validationData: [randn([3, 5], rng), zeros([3, 1])],
            verbose: 0,
          }),
        ShapeError,
      ),
    ).toBe(
      "fit: argument 'validationData': validation x has samples of shape [5] (batch [3,5]) but training x has [4]",
    );
    expect(
      message(() => fit(reg(), x, yReg, { loss: "mse", validationData: [x] as never, verbose: 0 })),
    ).toBe(
      "fit: argument 'validationData': expected [x, y] (two tensors), got an array of length 1",
    );
    expect(
      message(
        () =>
          fit(reg(), x, yReg, {
            loss: "mse",
            validationData: [x, yReg.slice([0, 0], [5, 1])],
            verbose: 0,
          }),
        ShapeError,
      ),
    ).toMatch(
      /^fit: argument 'validationData\[1\] \(y\)': validationData\[0\] \(x\) has 12 samples/,
    );
    expect(
      message(() => fit(reg(), x, yReg, { loss: "mse", validationSplit: 0.95, verbose: 0 })),
    ).toBe("fit: argument 'validationSplit': 0.95 of 12 samples leaves an empty training set");
    expect(
      message(() => fit(reg(), x, yReg, { loss: "mse", validationSplit: 1, verbose: 0 })),
    ).toMatch(/expected a fraction in \[0, 1\), got 1/);
    expect(
      message(() =>
        fit(reg(), x, yReg, {
          loss: "mse",
          validationSplit: 0.2,
          validationData: [x, yReg],
          verbose: 0,
        }),
      ),
    ).toBe(
      "fit: argument 'validationSplit': give either validationSplit or validationData, not both",
    );
  });
});

describe("fit: argument and option errors", () => {
  it("the model, the data arguments and the options object", () => {
    expect(message(() => fit({} as never, x, yReg, { loss: "mse" }))).toMatch(
      /^fit: argument 'model': expected a Module/,
    );
    expect(message(() => fit(reg(), [[1, 2, 3, 4]] as never, yReg, { loss: "mse" }))).toMatch(
      /^fit: argument 'x': expected fit\(model, x, y, options\).*got an array \(wrap it with tensor\(...\)\)/,
    );
    expect(message(() => fit(reg(), x, undefined as never, { loss: "mse" }))).toMatch(
      /^fit: argument 'y': expected the targets as a Tensor/,
    );
    expect(message(() => fit(reg(), x, yReg, undefined as never))).toMatch(
      /^fit: argument 'options': expected an options object with at least a loss/,
    );
    expect(message(() => fit(reg(), x, yReg, { loss: "mse", epoch: 3 } as never))).toMatch(
      /^fit: argument 'options': unknown option 'epoch'/,
    );
    expect(
      message(() => fit(reg(), x, yReg, { loss: "mse", yieldEvery: "batch" } as never)),
    ).toMatch(/use fitAsync/);
  });

  it("the loss", () => {
    expect(message(() => fit(reg(), x, yReg, {} as never))).toMatch(
      /^fit: argument 'loss': a loss is required/,
    );
    expect(message(() => fit(reg(), x, yReg, { loss: "msee", verbose: 0 }))).toMatch(
      /^fit: argument 'loss': .*unknown loss 'msee'/,
    );
    expect(
      message(() =>
        fit(reg(), x, yReg, { loss: getLoss("mse", { reduction: "none" }), verbose: 0 }),
      ),
    ).toMatch(/^fit: argument 'loss': the loss has reduction "none"/);
    expect(message(() => fit(reg(), x, yReg, { loss: () => "nope" as never, verbose: 0 }))).toBe(
      "fit: argument 'loss': the loss must return a Variable (one number per batch), got string",
    );
    expect(
      message(() =>
        fit(reg(), x, yReg, {
          loss: () => {
            throw new Error("bad loss");
          },
          batchSize: 4,
          verbose: 0,
        }),
      ),
    ).toBe(
      "fit: argument 'loss': custom failed on the first batch (model output [4,1], targets [4,1]): bad loss",
    );
  });

  it("numbers: epochs, initialEpoch, batchSize, seed, shuffle, verbose", () => {
    const o = { loss: "mse", verbose: 0 } as const;
    expect(message(() => fit(reg(), x, yReg, { ...o, epochs: 0 }))).toBe(
      "fit: argument 'epochs': expected a whole number >= 1, got 0",
    );
    expect(message(() => fit(reg(), x, yReg, { ...o, epochs: 2, initialEpoch: 2 }))).toMatch(
      /^fit: argument 'initialEpoch': initialEpoch 2 leaves nothing to train/,
    );
    expect(message(() => fit(reg(), x, yReg, { ...o, batchSize: 2.5 }))).toBe(
      "fit: argument 'batchSize': expected a whole number >= 1, got 2.5",
    );
    expect(message(() => fit(reg(), x, yReg, { ...o, seed: 0.5 }))).toMatch(
      /^fit: argument 'seed'/,
    );
    expect(message(() => fit(reg(), x, yReg, { ...o, shuffle: "yes" as never }))).toMatch(
      /^fit: argument 'shuffle'/,
    );
    expect(message(() => fit(reg(), x, yReg, { loss: "mse", verbose: 3 as never }))).toMatch(
      /^fit: argument 'verbose': expected 0, 1 or 2/,
    );
  });

  it("a DataLoader with options that belong to the loader", () => {
    const loader = new DataLoader(x, yReg, { batchSize: 4 });
    expect(message(() => fit(reg(), loader, { loss: "mse", batchSize: 8 } as never))).toBe(
      "fit: argument 'batchSize': the DataLoader decides batchSize; set it when building the loader",
    );
    expect(
      message(() => fit(reg(), loader, { loss: "mse", validationSplit: 0.2 } as never)),
    ).toMatch(/validationSplit needs tensors/);
  });

  it("the optimizer", () => {
    expect(
      message(() => fit(reg(), x, yReg, { loss: "mse", optimizer: "adamm" as never, verbose: 0 })),
    ).toMatch(/^fit: argument 'optimizer': unknown optimizer 'adamm'. Known: adam, sgd, rmsprop/);
    const other = new Adam(reg().parameters());
    expect(
      message(() => fit(reg(), x, yReg, { loss: "mse", optimizer: other, verbose: 0 })),
    ).toMatch(
      /^fit: argument 'optimizer': the optimizer holds none of the model's 2 trainable parameters/,
    );
    expect(
      message(() => fit(reg(), x, yReg, { loss: "mse", optimizer: 42 as never, verbose: 0 })),
    ).toMatch(/^fit: argument 'optimizer': expected an Optimizer/);
    expect(message(() => fit(reg().freeze(), x, yReg, { loss: "mse", verbose: 0 }))).toMatch(
      /^fit: argument 'model': the model has no trainable parameters/,
    );
  });

  it("an optimizer built before lazily built layers created their weights", () => {
    // Behind a module of unknown output size, Dense(4, inputDim) has weights at
    // once but Dense(1) only after the first call: an optimizer built from
    // parameters() now would never train the last layer.
    class Doubler extends Module {
      forward(v: Variable | Tensor): Variable {
        return (v instanceof Variable ? v : new Variable(v)).mul(2);
      }
    }
    const lazy = () =>
      new Sequential([
        new Doubler(),
        new Dense(4, { inputDim: x.shape[1]!, seed: 1 }),
        new Dense(1, { seed: 2 }),
      ]);
    const model = lazy();
    const early = new Adam(model.parameters());
    expect(
      message(() => fit(model, x, yReg, { loss: "mse", optimizer: early, verbose: 0 })),
    ).toMatch(
      /^fit: argument 'optimizer': the optimizer was built before the model created 2 of its 4 trainable parameters/,
    );
    const built = lazy();
    const late = (p: ConstructorParameters<typeof Adam>[0]) => new Adam(p);
    expect(() =>
      fit(built, x, yReg, { loss: "mse", optimizer: late, epochs: 1, verbose: 0 }),
    ).not.toThrow();
  });

  it("metrics and callbacks", () => {
    expect(
      message(() =>
        fit(clf(), x, onehot, { loss: "cce", metrics: ["accuracy", "acuracy"], verbose: 0 }),
      ),
    ).toMatch(/^fit: argument 'metrics': .*unknown metric 'acuracy'/);
    expect(
      message(() =>
        fit(clf(), x, onehot, { loss: "cce", metrics: ["accuracy", new Accuracy()], verbose: 0 }),
      ),
    ).toBe("fit: argument 'metrics': two metrics are named 'accuracy'; give one a different name");
    expect(
      message(() =>
        fit(clf(), x, onehot, {
          loss: "cce",
          metrics: [new Accuracy({ kind: "sparse" })],
          batchSize: 4,
          verbose: 0,
        }),
      ),
    ).toMatch(
      /^fit: argument 'metrics': metric 'accuracy' cannot score the model's output \[4,3\] against targets \[4,3\]: .*these look like one-hot targets/,
    );
    expect(
      message(() => fit(reg(), x, yReg, { loss: "mse", callbacks: [null] as never, verbose: 0 })),
    ).toMatch(/^fit: argument 'callbacks': callback 0 is null/);
    expect(
      message(() =>
        fit(reg(), x, yReg, { loss: "mse", callbacks: [{ onEpochEnd: 3 }] as never, verbose: 0 }),
      ),
    ).toMatch(/callback.onEpochEnd is not a function/);
  });

  it("fitAsync rejects with the same errors", async () => {
    await expect(
      fitAsync(clf(), x, labels, { loss: "categoricalCrossEntropy", verbose: 0 }),
    ).rejects.toThrow(/^fitAsync: argument 'y': categoricalCrossEntropy needs one-hot targets/);
  });
});

describe("evaluate and predict errors", () => {
  it("evaluate checks like fit", () => {
    expect(
      message(() => evaluate(clf(), x, labels, { loss: "categoricalCrossEntropy" }), ShapeError),
    ).toMatch(/^evaluate: argument 'y': categoricalCrossEntropy needs one-hot targets/);
    expect(message(() => evaluate(clf(), x, onehot, {}))).toBe(
      "evaluate: argument 'options': nothing to compute: give a loss, metrics, or both",
    );
    expect(
      message(() => evaluate(clf(), x, onehot, { loss: "cce", batchsize: 3 } as never)),
    ).toMatch(/unknown option 'batchsize'/);
    expect(
      message(() => evaluate(clf(), x, onehot.slice([0, 0], [3, 3]), { loss: "cce" }), ShapeError),
    ).toMatch(/^evaluate: argument 'y': x has 12 samples/);
    // metrics only is fine
    expect(evaluate(clf(), x, labels, { metrics: ["accuracy"] })).toEqual({
      accuracy: expect.any(Number),
    });
  });

  it("predict names its argument", () => {
    expect(message(() => predict(reg(), [[1, 2, 3, 4]] as never), DTypeError)).toMatch(
      /^predict: argument 'x': expected a Tensor/,
    );
    expect(message(() => predict(reg(), zeros([0, 4])))).toBe(
      "predict: argument 'x': expected at least one sample, got 0 (shape [0,4])",
    );
    expect(message(() => predict(reg(), x, { batchSize: 0 }))).toBe(
      "predict: argument 'batchSize': expected a whole number >= 1, got 0",
    );
    expect(message(() => predict(reg(), randn([3, 7], rng)))).toMatch(
      /^predict: argument 'x': the model cannot take a batch of shape \[3,7\]/,
    );
  });
});
