import { Parameter, Variable } from "@neurite/autograd";
import { DTypeError, NeuriteError, ShapeError, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  Nadam,
  type Optimizer,
  RMSprop,
  SGD,
} from "../src/index.js";

const w = () => new Parameter(tensor([1, 2, 3]), "w");

// biome-ignore lint/suspicious/noExplicitAny: the error paths need untyped input
type AnyCtor = new (params: any, options?: any) => Optimizer;

const all: [string, AnyCtor][] = [
  ["SGD", SGD],
  ["Adam", Adam],
  ["AdamW", AdamW],
  ["RMSprop", RMSprop],
  ["Adagrad", Adagrad],
  ["Adadelta", Adadelta],
  ["Adamax", Adamax],
  ["Nadam", Nadam],
];

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("invalid options name the optimizer, the option and the value", () => {
  for (const [name, Ctor] of all) {
    it(`${name}: negative learning rate, NaN, unknown option`, () => {
      const e = errorOf(() => new Ctor([w()], { lr: -0.1 }));
      expect(e).toBeInstanceOf(ValueError);
      expect(e.message).toBe(`${name}: argument 'lr': expected a finite number >= 0, got -0.1`);
      expect(() => new Ctor([w()], { lr: Number.NaN })).toThrow(`${name}: argument 'lr'`);
      expect(() => new Ctor([w()], { learningRate: 0.1 })).toThrow(
        new RegExp(
          `^${name}: argument 'options': unknown option 'learningRate'; known options: lr, `,
        ),
      );
    });
  }

  const cases: [AnyCtor, object, string][] = [
    [
      Adam,
      { betas: [0.9, 1] },
      "Adam: argument 'betas': expected a pair [beta1, beta2] with each beta in [0, 1), got [0.9, 1]",
    ],
    [Adam, { betas: [-0.1, 0.9] }, "Adam: argument 'betas'"],
    [
      AdamW,
      { betas: [0.9] },
      "AdamW: argument 'betas': expected a pair [beta1, beta2] with each beta in [0, 1), got [0.9]",
    ],
    [Adamax, { betas: [1.5, 0.9] }, "Adamax: argument 'betas'"],
    [
      Nadam,
      { betas: "0.9" },
      "Nadam: argument 'betas': expected a pair [beta1, beta2] with each beta in [0, 1), got the string \"0.9\"",
    ],
    [Adam, { eps: 0 }, "Adam: argument 'eps': expected a finite number > 0, got 0"],
    [RMSprop, { eps: -1e-8 }, "RMSprop: argument 'eps': expected a finite number > 0, got -1e-8"],
    [Adagrad, { eps: 0 }, "Adagrad: argument 'eps'"],
    [Adadelta, { eps: 0 }, "Adadelta: argument 'eps'"],
    [
      SGD,
      { weightDecay: -0.01 },
      "SGD: argument 'weightDecay': expected a finite number >= 0, got -0.01",
    ],
    [AdamW, { weightDecay: -1 }, "AdamW: argument 'weightDecay'"],
    [SGD, { momentum: -0.9 }, "SGD: argument 'momentum': expected a finite number >= 0, got -0.9"],
    [RMSprop, { momentum: -0.5 }, "RMSprop: argument 'momentum'"],
    [SGD, { dampening: 2 }, "SGD: argument 'dampening': expected a number in [0, 1], got 2"],
    [SGD, { nesterov: true }, "SGD: argument 'nesterov': Nesterov momentum needs momentum > 0"],
    [
      SGD,
      { nesterov: true, momentum: 0.9, dampening: 0.1 },
      "SGD: argument 'nesterov': Nesterov momentum needs dampening = 0, got 0.1",
    ],
    [
      SGD,
      { nesterov: "yes" },
      "SGD: argument 'nesterov': expected true or false, got the string \"yes\"",
    ],
    [Adam, { amsgrad: 1 }, "Adam: argument 'amsgrad': expected true or false, got 1"],
    [
      Adam,
      { epsStyle: "tf" },
      'Adam: argument \'epsStyle\': expected "keras" or "pytorch", got the string "tf"',
    ],
    [RMSprop, { alpha: 1.5 }, "RMSprop: argument 'alpha': expected a number in [0, 1], got 1.5"],
    [Adadelta, { rho: -0.1 }, "Adadelta: argument 'rho'"],
    [Adagrad, { lrDecay: -1 }, "Adagrad: argument 'lrDecay'"],
    [Adagrad, { initialAccumulatorValue: -1 }, "Adagrad: argument 'initialAccumulatorValue'"],
    [Nadam, { momentumDecay: -1 }, "Nadam: argument 'momentumDecay'"],
  ];
  for (const [Ctor, options, message] of cases) {
    it(`${message.split(":")[0]} ${JSON.stringify(options)}`, () => {
      const e = errorOf(() => new Ctor([w()], options));
      expect(e).toBeInstanceOf(ValueError);
      expect(e.message.startsWith(message)).toBe(true);
    });
  }

  it("a group's invalid option names the group", () => {
    expect(() => new Adam([{ params: [w()], betas: [0.9, 1.2] }])).toThrow(
      "Adam: argument 'betas': expected a pair [beta1, beta2] with each beta in [0, 1), got [0.9, 1.2] (parameter group 0)",
    );
  });

  it("options changed to invalid values are caught at the next step", () => {
    const p = w();
    const opt = new SGD([p], { lr: 0.1 });
    opt.paramGroups[0]!.lr = -1;
    p.sum().backward();
    expect(() => opt.step()).toThrow(
      "SGD: argument 'lr': expected a finite number >= 0, got -1 (parameter group 0)",
    );
    expect(Array.from(p.value.data)).toEqual([1, 2, 3]);
  });

  it("options must be an object", () => {
    expect(() => new SGD([w()], 0.1 as never)).toThrow(
      "SGD: argument 'options': expected an object of options, got 0.1",
    );
  });
});

describe("invalid parameters", () => {
  it("an empty list", () => {
    const e = errorOf(() => new Adam([]));
    expect(e).toBeInstanceOf(ValueError);
    expect(e.message).toBe(
      "Adam: argument 'params': got an empty parameter list: nothing to optimize",
    );
    expect(() => new Adam([{ params: [] }])).toThrow(
      "Adam: argument 'params': got an empty parameter list in parameter group 0: nothing to optimize",
    );
  });

  it("something that is not a list", () => {
    expect(() => new SGD(undefined as never)).toThrow(
      "SGD: argument 'params': expected an array of Variables or of parameter groups { params, ...options }, got undefined",
    );
    expect(() => new SGD(w() as never)).toThrow(/wrap a single parameter in an array: \[p\]/);
  });

  it("a non-Variable (a Tensor, a number)", () => {
    expect(() => new SGD([w(), tensor([1, 2])] as never)).toThrow(
      "SGD: argument 'params': element 1 is a Tensor of shape [2], not an autograd Variable; wrap it as new Parameter(tensor)",
    );
    expect(() => new SGD([{ params: [3] }] as never)).toThrow(
      "SGD: argument 'params': element 0 in parameter group 0 is 3, not an autograd Variable",
    );
    expect(() => new SGD([w(), { params: [w()] }] as never)).toThrow(/element 1 is an object/);
  });

  it("a Variable that does not require gradients", () => {
    const v = new Variable(tensor([1, 2]), { name: "frozen" });
    expect(() => new Adam([w(), v])).toThrow(
      "Adam: argument 'params': parameter 1 ('frozen') does not require gradients; create it as a Parameter or with { requiresGrad: true }",
    );
  });

  it("the same parameter in two groups, or twice in one", () => {
    const p = w();
    expect(() => new SGD([{ params: [p] }, { params: [w(), p] }])).toThrow(
      "SGD: argument 'params': parameter 1 ('w') of group 1 is already in parameter group 0; a parameter may belong to one group only",
    );
    expect(() => new SGD([p, p])).toThrow(
      "SGD: argument 'params': parameter 1 ('w') appears twice in the same group",
    );
  });

  it("a group that is not { params }", () => {
    expect(() => new SGD([{ params: [w()] }, 5] as never)).toThrow(
      "SGD: argument 'params': parameter group 1 must be an object { params: Variable[], ...options }, got 5",
    );
  });
});

describe("invalid gradients", () => {
  it("a gradient whose shape differs from its parameter", () => {
    const p = w();
    const opt = new Adam([p]);
    p.grad = tensor([[1, 2, 3]]);
    const e = errorOf(() => opt.step());
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toBe(
      "Adam: argument 'grad': parameter 0 ('w') of group 0 has shape [3] but its gradient has shape [1,3]",
    );
    expect(Array.from(p.value.data)).toEqual([1, 2, 3]);
  });

  it("a gradient that is not a Tensor", () => {
    const p = w();
    const opt = new SGD([p]);
    p.grad = [1, 2, 3] as never;
    expect(() => opt.step()).toThrow(
      "SGD: argument 'grad': parameter 0 ('w') of group 0 has a .grad that is not a Tensor: [1, 2, 3]",
    );
  });

  it("a parameter whose value was replaced by an int32 tensor", () => {
    const p = w();
    const opt = new SGD([p]);
    p.value = tensor([1, 2, 3], [3], "int32");
    p.grad = tensor([1, 1, 1]);
    expect(() => opt.step()).toThrow(DTypeError);
  });

  it("a parameter whose value was replaced by one of another size", () => {
    const p = w();
    const opt = new Adam([p]);
    p.sum().backward();
    opt.step();
    p.value = tensor([1, 2]);
    p.grad = tensor([1, 1]);
    expect(() => opt.step()).toThrow(/state buffer 'expAvg' has 3/);
  });

  it("every error is a NeuriteError", () => {
    expect(() => new SGD([])).toThrow(NeuriteError);
  });
});

describe("backward on a loss computed before optimizer.step() throws instead of using the new weights", () => {
  // 300k elements take Adam's fused (WebAssembly) kernel; 3 the per-element loop.
  for (const [name, make, n] of [
    ["SGD", (p: Parameter) => new SGD([p], { lr: 0.1 }), 3],
    ["Adam", (p: Parameter) => new Adam([p]), 3],
    ["Adam (fused kernel)", (p: Parameter) => new Adam([p]), 300_001],
    ["RMSprop", (p: Parameter) => new RMSprop([p]), 3],
  ] as const) {
    it(`${name} on ${n} elements`, () => {
      const p = new Parameter(tensor(new Float32Array(n).fill(1), [n]), "w");
      const opt = make(p);
      const first = p.mul(p).sum();
      const second = p.mul(p).sum();
      first.backward();
      opt.step();
      expect(() => second.backward()).toThrow(
        /'mul'.*modified in place.*'w' \(shape \[\d+\] float32\)/,
      );
    });
  }
});
