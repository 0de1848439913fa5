import { Parameter } from "@neurite/autograd";
import { NeuriteError, ShapeError, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  Nadam,
  type Optimizer,
  type OptimizerStateDict,
  RMSprop,
  SGD,
} from "../src/index.js";
import { makeParam, quadLoss, values } from "./helpers.js";

type Make = (groups: { params: Parameter[]; lr?: number }[]) => Optimizer;

const makers: [string, Make][] = [
  ["SGD momentum", (g) => new SGD(g, { momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
  ["Adam amsgrad", (g) => new Adam(g, { lr: 0.05, amsgrad: true, betas: [0.9, 0.5] })],
  ["AdamW pytorch", (g) => new AdamW(g, { lr: 0.05, epsStyle: "pytorch", eps: 1e-8 })],
  ["RMSprop centered momentum", (g) => new RMSprop(g, { centered: true, momentum: 0.5 })],
  ["Adagrad", (g) => new Adagrad(g, { lrDecay: 0.01, initialAccumulatorValue: 0.1 })],
  ["Adadelta", (g) => new Adadelta(g, { weightDecay: 0.01 })],
  ["Adamax", (g) => new Adamax(g)],
  ["Nadam", (g) => new Nadam(g, { weightDecay: 0.01 })],
];

/** Two parameters in two groups; the second one is a bias-like [3] vector. */
function model(dtype: "float32" | "float64" = "float32") {
  const w = makeParam(dtype);
  const b = new Parameter(tensor([0.2, -0.1, 0.4], [3], dtype), "b");
  return { w, b };
}

function trainStep(opt: Optimizer, w: Parameter, b: Parameter): void {
  quadLoss(w).add(b.square().sum().mul(0.5)).add(w.sum(0).mul(b).sum()).backward();
  opt.step();
  opt.zeroGrad();
}

describe("stateDict / loadStateDict resume exactly", () => {
  for (const [name, make] of makers) {
    it(`${name}: 3 steps, save, 3 more equals load into a fresh optimizer and 3 more, bit for bit`, () => {
      const a = model();
      const optA = make([{ params: [a.w] }, { params: [a.b], lr: 0.02 }]);
      for (let i = 0; i < 3; i++) trainStep(optA, a.w, a.b);
      optA.paramGroups[0]!.lr *= 0.5; // as a scheduler would; must be restored too
      const saved = JSON.stringify(optA.stateDict());
      const wSaved = values(a.w.value);
      const bSaved = values(a.b.value);
      for (let i = 0; i < 3; i++) trainStep(optA, a.w, a.b);

      const c = model();
      c.w.value.data.set(wSaved);
      c.b.value.data.set(bSaved);
      const optC = make([{ params: [c.w] }, { params: [c.b], lr: 0.5 }]);
      optC.loadStateDict(JSON.parse(saved) as OptimizerStateDict);
      expect(optC.paramGroups[0]!.lr).toBe(optA.paramGroups[0]!.lr);
      expect(optC.paramGroups[1]!.lr).toBe(0.02);
      for (let i = 0; i < 3; i++) trainStep(optC, c.w, c.b);

      expect(c.w.value.data).toEqual(a.w.value.data);
      expect(c.b.value.data).toEqual(a.b.value.data);
      expect(optC.stateOf(c.w)!.step).toBe(6);
      for (const [k, buf] of Object.entries(optA.stateOf(a.w)!.buffers)) {
        expect(optC.stateOf(c.w)!.buffers[k]).toEqual(buf);
      }
    });
  }

  it("the state dict is plain JSON: a JSON round trip gives an equal object", () => {
    const { w, b } = model("float64");
    const opt = new Nadam([w, b]);
    trainStep(opt, w, b);
    const sd = opt.stateDict();
    expect(JSON.parse(JSON.stringify(sd))).toEqual(sd);
    expect(sd).toMatchObject({ format: "neurite-optim", version: 1, optimizer: "Nadam" });
    expect(sd.paramGroups).toEqual([
      {
        options: {
          lr: 0.002,
          betas: [0.9, 0.999],
          eps: 1e-8,
          weightDecay: 0,
          momentumDecay: 0.004,
          decoupledWeightDecay: false,
        },
        params: [0, 1],
      },
    ]);
    const s0 = sd.state[0]!;
    expect(s0.step).toBe(1);
    expect(Object.keys(s0.buffers).sort()).toEqual(["expAvg", "expAvgSq"]);
    expect(s0.buffers.expAvg).toMatchObject({ dtype: "float64", shape: [2, 3] });
    expect(s0.buffers.expAvg!.data).toHaveLength(6);
    expect(typeof s0.scalars.muProduct).toBe("number");
  });

  it("is a copy: later steps do not change a saved state dict", () => {
    const w = makeParam();
    const opt = new Adam([w]);
    quadLoss(w).backward();
    opt.step();
    const sd = opt.stateDict();
    const copy = JSON.parse(JSON.stringify(sd));
    quadLoss(w).backward();
    opt.step();
    expect(sd).toEqual(copy);
  });

  it("parameters without state are saved as null and loaded as no state", () => {
    const { w, b } = model();
    const opt = new Adam([w, b]);
    quadLoss(w).backward();
    opt.step();
    const sd = opt.stateDict();
    expect(sd.state[1]).toBeNull();
    const fresh = model();
    const opt2 = new Adam([fresh.w, fresh.b]);
    opt2.loadStateDict(sd);
    expect(opt2.stateOf(fresh.w)!.step).toBe(1);
    expect(opt2.stateOf(fresh.b)).toBeUndefined();
  });

  it("accepts typed arrays as buffer data", () => {
    const w = makeParam();
    const opt = new SGD([w], { momentum: 0.9 });
    quadLoss(w).backward();
    opt.step();
    const sd = opt.stateDict();
    const buf = sd.state[0]!.buffers.momentumBuffer!;
    buf.data = Float32Array.from(buf.data) as unknown as number[];
    const w2 = makeParam();
    const opt2 = new SGD([w2], { momentum: 0.9 });
    opt2.loadStateDict(sd);
    expect(opt2.stateOf(w2)!.buffers.momentumBuffer).toEqual(
      opt.stateOf(w)!.buffers.momentumBuffer,
    );
  });
});

describe("loadStateDict rejects mismatches with clear errors, changing nothing", () => {
  function trained() {
    const { w, b } = model();
    const opt = new Adam([{ params: [w] }, { params: [b] }], { amsgrad: true });
    quadLoss(w).add(b.sum()).backward();
    opt.step();
    return opt.stateDict();
  }

  function target() {
    const { w, b } = model();
    return { opt: new Adam([{ params: [w] }, { params: [b] }], { amsgrad: true }), w, b };
  }

  const mutate = (f: (sd: OptimizerStateDict) => void): OptimizerStateDict => {
    const sd = trained();
    f(sd);
    return sd;
  };

  it("another kind of optimizer", () => {
    const { w } = model();
    expect(() => new SGD([w]).loadStateDict(trained())).toThrow(
      "SGD.loadStateDict: argument 'optimizer': the state was saved by \"Adam\" and cannot be loaded into SGD",
    );
  });

  it("not a state dict at all", () => {
    const { opt } = target();
    expect(() => opt.loadStateDict(null as unknown as OptimizerStateDict)).toThrow(
      /expected an object returned by stateDict\(\), got null/,
    );
    expect(() => opt.loadStateDict({ version: 2 } as unknown as OptimizerStateDict)).toThrow(
      ValueError,
    );
    expect(() =>
      opt.loadStateDict(mutate((sd) => ((sd as { version: number }).version = 2))),
    ).toThrow(/unsupported state format version 2/);
  });

  it("a different number of groups", () => {
    const { w, b } = model();
    const opt = new Adam([w, b], { amsgrad: true });
    expect(() => opt.loadStateDict(trained())).toThrow(
      "Adam.loadStateDict: argument 'paramGroups': the state has 2 parameter groups, this optimizer has 1",
    );
  });

  it("a different number of parameters in a group", () => {
    const { w, b } = model();
    const extra = makeParam();
    const opt = new Adam([{ params: [w, extra] }, { params: [b] }], { amsgrad: true });
    expect(() => opt.loadStateDict(trained())).toThrow(
      /the state has 2 parameters, this optimizer has 3/,
    );
    const sd = mutate((s) => {
      s.paramGroups[0]!.params = [0, 1];
      s.paramGroups[1]!.params = [];
    });
    expect(() => target().opt.loadStateDict(sd)).toThrow(
      /group 0 has 2 parameters in the state, 1 in this optimizer/,
    );
  });

  it("a buffer whose shape differs from its parameter", () => {
    const sd = mutate((s) => {
      s.state[0]!.buffers.expAvg!.shape = [3, 2];
    });
    const { opt, w } = target();
    const err = (() => {
      try {
        opt.loadStateDict(sd);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ShapeError);
    expect((err as Error).message).toBe(
      "Adam.loadStateDict: argument 'state': parameter 0 ('w') of group 0: buffer 'expAvg' has shape [3,2] but the parameter has shape [2,3]",
    );
    expect(opt.stateOf(w)).toBeUndefined();
  });

  it("a buffer with the wrong number of values", () => {
    const sd = mutate((s) => {
      s.state[1]!.buffers.expAvgSq!.data.push(1);
    });
    expect(() => target().opt.loadStateDict(sd)).toThrow(
      /parameter 0 \('b'\) of group 1: buffer 'expAvgSq' has 4 values, the parameter has 3/,
    );
  });

  it("NaN turned into null by JSON", () => {
    const sd = mutate((s) => {
      (s.state[0]!.buffers.expAvg!.data as unknown[])[2] = null;
    });
    expect(() => target().opt.loadStateDict(sd)).toThrow(
      /buffer 'expAvg' holds null at index 2; expected numbers \(JSON stores NaN and Infinity as null\)/,
    );
  });

  it("missing or unknown buffers", () => {
    const missing = mutate((s) => {
      delete s.state[0]!.buffers.maxExpAvgSq;
    });
    expect(() => target().opt.loadStateDict(missing)).toThrow(/missing state buffer 'maxExpAvgSq'/);
    const unknown = mutate((s) => {
      s.state[0]!.buffers.momentum = s.state[0]!.buffers.expAvg!;
    });
    expect(() => target().opt.loadStateDict(unknown)).toThrow(
      /unknown state buffer 'momentum' \(expected expAvg, expAvgSq, maxExpAvgSq\)/,
    );
  });

  it("invalid saved options, unknown options, bad steps and ids", () => {
    const badLr = mutate((s) => {
      s.paramGroups[1]!.options.lr = -1;
    });
    expect(() => target().opt.loadStateDict(badLr)).toThrow(
      "Adam.loadStateDict: argument 'lr': expected a finite number >= 0, got -1 (parameter group 1)",
    );
    const unknownOpt = mutate((s) => {
      s.paramGroups[0]!.options.momentum = 0.9;
    });
    expect(() => target().opt.loadStateDict(unknownOpt)).toThrow(
      /argument 'paramGroups\[0\]': unknown option 'momentum'/,
    );
    const badStep = mutate((s) => {
      s.state[0]!.step = 1.5;
    });
    expect(() => target().opt.loadStateDict(badStep)).toThrow(
      /step must be an integer >= 0, got 1.5/,
    );
    const badIds = mutate((s) => {
      s.paramGroups[1]!.params = [0];
    });
    expect(() => target().opt.loadStateDict(badIds)).toThrow(
      /group 1 lists parameter id 0; expected distinct integers in \[0, 2\)/,
    );
  });

  it("a failed load leaves options and state unchanged", () => {
    const { opt, w } = target();
    quadLoss(w).backward();
    opt.step();
    const before = JSON.stringify(opt.stateDict());
    const sd = mutate((s) => {
      s.paramGroups[0]!.options.lr = 0.5;
      s.state[1]!.buffers.expAvg!.shape = [4];
    });
    expect(() => opt.loadStateDict(sd)).toThrow(NeuriteError);
    expect(JSON.stringify(opt.stateDict())).toBe(before);
  });
});
