import { Parameter } from "@neurite/autograd";
import { tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  CosineAnnealingLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  type LRScheduler,
  ReduceLROnPlateau,
  SequentialLR,
  SGD,
  StepLR,
} from "../src/index.js";

const param = () => new Parameter(tensor([1, 2]), "w");
const sgd = (lr: number) => new SGD([param()], { lr });

/** The lr after construction, then after each of `epochs` steps. */
function sequence(s: LRScheduler, epochs: number): number[] {
  const out = [s.optimizer.paramGroups[0]!.lr];
  for (let e = 0; e < epochs; e++) {
    s.step();
    out.push(s.optimizer.paramGroups[0]!.lr);
  }
  return out;
}

function expectSequence(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    expect(a, `epoch ${i}`).toBeCloseTo(expected[i]!, 15);
  });
}

describe("epoch schedulers (PyTorch semantics: step() once per epoch)", () => {
  it("StepLR halves every 2 epochs", () => {
    const s = new StepLR(sgd(0.1), { stepSize: 2, gamma: 0.5 });
    expectSequence(sequence(s, 6), [0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125]);
    expect(s.lastEpoch).toBe(6);
    expect(s.lastLr).toEqual([0.1 * 0.5 ** 3]);
  });

  it("StepLR's gamma defaults to 0.1", () => {
    expectSequence(sequence(new StepLR(sgd(1), { stepSize: 1 }), 2), [1, 0.1, 0.01]);
  });

  it("ExponentialLR multiplies by gamma each epoch", () => {
    expectSequence(sequence(new ExponentialLR(sgd(1), { gamma: 0.5 }), 3), [1, 0.5, 0.25, 0.125]);
  });

  it("CosineAnnealingLR follows the half cosine down to etaMin and back up", () => {
    // lr(e) = 0.01 + 0.09·(1 + cos(π·e/4))/2:
    // e=1: 0.01 + 0.09·(1 + 0.7071067812)/2 = 0.0868198052; e=2: 0.01 + 0.045 = 0.055;
    // e=3: 0.01 + 0.09·(1 − 0.7071067812)/2 = 0.0231801948; e=4: 0.01; e=5 = e=3.
    const s = new CosineAnnealingLR(sgd(0.1), { tMax: 4, etaMin: 0.01 });
    expectSequence(
      sequence(s, 5),
      [0.1, 0.08681980515339464, 0.055, 0.023180194846605363, 0.01, 0.023180194846605363],
    );
  });

  it("LinearLR warms up from a third of the base rate over 5 epochs by default", () => {
    // 0.3·(1/3 + (2/3)·e/5): 0.1, 0.14, 0.18, 0.22, 0.26, 0.3, then 0.3
    const s = new LinearLR(sgd(0.3));
    expectSequence(sequence(s, 6), [0.1, 0.14, 0.18, 0.22, 0.26, 0.3, 0.3]);
  });

  it("LambdaLR scales the base rate by a function of the epoch and group", () => {
    const opt = new SGD([
      { params: [param()], lr: 1 },
      { params: [param()], lr: 2 },
    ]);
    const s = new LambdaLR(opt, { lrLambda: (e, g) => (g === 0 ? 1 / (1 + e) : 0.5 ** e) });
    s.step();
    s.step();
    expect(s.lastLr).toEqual([1 / 3, 0.5]);
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([1 / 3, 0.5]);
  });

  it("SequentialLR: linear warm-up, then cosine annealing from the base rate", () => {
    const opt = sgd(1);
    const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 2 });
    const cosine = new CosineAnnealingLR(opt, { tMax: 2 });
    const s = new SequentialLR(opt, { schedulers: [warmup, cosine], milestones: [2] });
    // warm-up epochs 0, 1: 0.1, 0.55; cosine from epoch 2 at its own epoch 0: 1, 0.5, 0, 0.5
    expectSequence(sequence(s, 5), [0.1, 0.55, 1, 0.5, 0, 0.5]);
    expect(warmup.baseLrs).toEqual([1]);
    expect(cosine.baseLrs).toEqual([1]);
  });

  it("each group is scheduled from its own base rate; lrAt previews without changing", () => {
    const opt = new SGD([
      { params: [param()], lr: 0.1 },
      { params: [param()], lr: 1 },
    ]);
    const s = new StepLR(opt, { stepSize: 1, gamma: 0.5 });
    expect(s.lrAt(3)).toEqual([0.0125, 0.125]);
    expect(s.lastEpoch).toBe(0);
    s.step();
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.05, 0.5]);
  });

  it("the optimizer steps with the scheduled rate", () => {
    const p = new Parameter(tensor([1], [1], "float64"));
    const opt = new SGD([p], { lr: 1 });
    const s = new StepLR(opt, { stepSize: 1, gamma: 0.5 });
    for (let e = 0; e < 3; e++) {
      p.sum().backward(); // gradient 1
      opt.step();
      opt.zeroGrad();
      s.step();
    }
    expect(p.value.data[0]).toBe(1 - 1 - 0.5 - 0.25);
  });

  it("a group added later is scheduled from its lr when first seen", () => {
    const opt = sgd(1);
    const s = new ExponentialLR(opt, { gamma: 0.5 });
    s.step();
    opt.addParamGroup({ params: [param()], lr: 4 });
    s.step();
    expect(s.lastLr).toEqual([0.25, 1]);
  });

  it("stateDict / loadStateDict resume the schedule", () => {
    const a = sgd(1);
    const sa = new CosineAnnealingLR(a, { tMax: 10, etaMin: 0.1 });
    for (let e = 0; e < 4; e++) sa.step();
    const saved = JSON.parse(JSON.stringify({ opt: a.stateDict(), sched: sa.stateDict() }));
    expect(saved.sched).toEqual({
      scheduler: "CosineAnnealingLR",
      lastEpoch: 4,
      baseLrs: [1],
      lastLr: [sa.lastLr[0]],
    });
    const b = sgd(1);
    b.loadStateDict(saved.opt);
    const sb = new CosineAnnealingLR(b, { tMax: 10, etaMin: 0.1 }); // sees the loaded lr as base
    sb.loadStateDict(saved.sched);
    expect(sb.baseLrs).toEqual([1]);
    for (let e = 0; e < 3; e++) {
      sa.step();
      sb.step();
      expect(b.paramGroups[0]!.lr).toBe(a.paramGroups[0]!.lr);
    }
    expect(() => sb.loadStateDict({ ...saved.sched, scheduler: "StepLR" })).toThrow(
      "CosineAnnealingLR.loadStateDict: argument 'stateDict': expected the state of a CosineAnnealingLR, got the state of \"StepLR\"",
    );
    expect(() => sb.loadStateDict({ ...saved.sched, baseLrs: [1, 2] })).toThrow(
      /argument 'baseLrs': expected 1 learning rates \(one per parameter group\)/,
    );
  });

  it("SequentialLR resumes with its chained schedules", () => {
    const build = (lr: number) => {
      const opt = sgd(lr);
      const warm = new LinearLR(opt, { startFactor: 0.5, totalIters: 3 });
      const decay = new ExponentialLR(opt, { gamma: 0.9 });
      return new SequentialLR(opt, { schedulers: [warm, decay], milestones: [3] });
    };
    const a = build(1);
    for (let e = 0; e < 4; e++) a.step();
    const b = build(0.3); // a different starting lr: the saved base rates win
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
    for (let e = 0; e < 3; e++) {
      a.step();
      b.step();
      expect(b.lastLr).toEqual(a.lastLr);
    }
  });
});

describe("ReduceLROnPlateau", () => {
  it("halves after more than `patience` bad epochs, then cools down", () => {
    const opt = sgd(1);
    const s = new ReduceLROnPlateau(opt, { factor: 0.5, patience: 1, threshold: 0, cooldown: 1 });
    const metrics = [10, 9, 9, 9, 9, 9, 9, 8, 8, 8];
    const lrs = metrics.map((m) => {
      s.step(m);
      return opt.paramGroups[0]!.lr;
    });
    // epoch: 10 best; 9 best; 9 bad 1; 9 bad 2 > 1 → 0.5, cooldown 1; 9 bad reset by cooldown;
    // 9 bad 1; 9 bad 2 → 0.25, cooldown 1; 8 best (cooldown ends); 8 bad 1; 8 bad 2 → 0.125
    expect(lrs).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125]);
    expect(s.best).toBe(8);
    expect(s.lastEpoch).toBe(10);
  });

  it("with the defaults: patience 10, factor 0.1, relative threshold 1e-4", () => {
    const opt = sgd(1);
    const s = new ReduceLROnPlateau(opt);
    s.step(1);
    for (let e = 0; e < 10; e++) s.step(0.99995); // not better than 1·(1 − 1e-4)
    expect(opt.paramGroups[0]!.lr).toBe(1);
    expect(s.numBadEpochs).toBe(10);
    s.step(0.99995);
    expect(opt.paramGroups[0]!.lr).toBeCloseTo(0.1, 15);
  });

  it("mode max, absolute threshold, minLr per group and eps", () => {
    const opt = new SGD([
      { params: [param()], lr: 1 },
      { params: [param()], lr: 1e-8 },
    ]);
    const s = new ReduceLROnPlateau(opt, {
      mode: "max",
      threshold: 0.1,
      thresholdMode: "abs",
      patience: 0,
      factor: 0.2,
      minLr: [0.5, 0],
    });
    s.step(0.5); // best 0.5
    s.step(0.55); // not > 0.6: bad → reduce; group 0 floors at 0.5; group 1's cut < eps: kept
    expect(s.lastLr).toEqual([0.5, 1e-8]);
    s.step(0.7); // better
    expect(s.best).toBe(0.7);
  });

  it("state round trip, best null before the first step", () => {
    const opt = sgd(1);
    const s = new ReduceLROnPlateau(opt, { patience: 1 });
    expect(s.stateDict()).toEqual({
      scheduler: "ReduceLROnPlateau",
      lastEpoch: 0,
      best: null,
      numBadEpochs: 0,
      cooldownCounter: 0,
      lastLr: [1],
    });
    s.step(3);
    s.step(4);
    const saved = JSON.parse(JSON.stringify(s.stateDict()));
    const opt2 = sgd(0.7);
    const s2 = new ReduceLROnPlateau(opt2, { patience: 1 });
    s2.loadStateDict(saved);
    expect(s2.stateDict()).toEqual(s.stateDict());
    s.step(5);
    s2.step(5);
    expect(opt2.paramGroups[0]!.lr).toBe(opt.paramGroups[0]!.lr);
    expect(opt.paramGroups[0]!.lr).toBeCloseTo(0.1, 15);
  });

  it("rejects a metric that is not a finite number", () => {
    const s = new ReduceLROnPlateau(sgd(1));
    expect(() => s.step(Number.NaN)).toThrow(
      "ReduceLROnPlateau.step: argument 'metric': expected a finite number (the epoch's validation loss or metric), got NaN",
    );
    expect(() => s.step(undefined as never)).toThrow(ValueError);
  });
});

describe("scheduler errors", () => {
  const opt = () => sgd(0.1);
  const cases: [() => unknown, string][] = [
    [
      () => new StepLR(opt(), { stepSize: 0 }),
      "StepLR: argument 'stepSize': expected an integer >= 1, got 0",
    ],
    [
      () => new StepLR(opt(), { stepSize: 1.5 }),
      "StepLR: argument 'stepSize': expected an integer >= 1, got 1.5",
    ],
    [
      () => new StepLR(opt(), { stepSize: 2, gamma: -1 }),
      "StepLR: argument 'gamma': expected a number > 0, got -1",
    ],
    [
      () => new StepLR(opt(), undefined as never),
      "StepLR: argument 'options': expected an object of options, got undefined",
    ],
    [
      () => new StepLR({} as never, { stepSize: 1 }),
      "StepLR: argument 'optimizer': expected an Optimizer (SGD, Adam, ...), got an object",
    ],
    [
      () => new ExponentialLR(opt(), { gamma: 0 }),
      "ExponentialLR: argument 'gamma': expected a number > 0, got 0",
    ],
    [
      () => new CosineAnnealingLR(opt(), { tMax: 0 }),
      "CosineAnnealingLR: argument 'tMax': expected an integer >= 1, got 0",
    ],
    [
      () => new CosineAnnealingLR(opt(), { tMax: 5, etaMin: -1 }),
      "CosineAnnealingLR: argument 'etaMin': expected a number >= 0, got -1",
    ],
    [
      () => new LinearLR(opt(), { startFactor: 0 }),
      "LinearLR: argument 'startFactor': expected a number in (0, 1], got 0",
    ],
    [
      () => new LinearLR(opt(), { endFactor: 2 }),
      "LinearLR: argument 'endFactor': expected a number in [0, 1], got 2",
    ],
    [
      () => new LinearLR(opt(), { totalIters: 0 }),
      "LinearLR: argument 'totalIters': expected an integer >= 1, got 0",
    ],
    [
      () => new LambdaLR(opt(), { lrLambda: 2 as never }),
      "LambdaLR: argument 'lrLambda': expected a function, got 2",
    ],
    [
      () => new LambdaLR(opt(), { lrLambda: () => Number.NaN }),
      "LambdaLR: argument 'lrLambda': returned NaN at epoch 0; expected a finite number >= 0",
    ],
    [
      () => new ReduceLROnPlateau(opt(), { factor: 1 }),
      "ReduceLROnPlateau: argument 'factor': expected a number in [0, 1), got 1",
    ],
    [
      () => new ReduceLROnPlateau(opt(), { mode: "up" as never }),
      'ReduceLROnPlateau: argument \'mode\': expected "min" or "max", got the string "up"',
    ],
    [
      () => new ReduceLROnPlateau(opt(), { patience: -1 }),
      "ReduceLROnPlateau: argument 'patience': expected an integer >= 0, got -1",
    ],
    [
      () => new ReduceLROnPlateau(opt(), { minLr: [0, 0] }),
      "ReduceLROnPlateau: argument 'minLr': expected one number or 1 (one per parameter group), got 2",
    ],
    [
      () => new StepLR(opt(), { stepSize: 1 }).lrAt(-1),
      "StepLR.lrAt: argument 'epoch': expected an integer >= 0, got -1",
    ],
  ];
  for (const [f, message] of cases) {
    it(message, () => {
      expect(f).toThrow(ValueError);
      expect(f).toThrow(message);
    });
  }

  it("SequentialLR checks its schedules and milestones", () => {
    const o = opt();
    const a = new LinearLR(o);
    const b = new StepLR(o, { stepSize: 1 });
    expect(() => new SequentialLR(o, { schedulers: [a, b], milestones: [] })).toThrow(
      "SequentialLR: argument 'milestones': expected 1 increasing integers > 0 (one fewer than schedulers), got []",
    );
    expect(
      () =>
        new SequentialLR(o, {
          schedulers: [a, new StepLR(opt(), { stepSize: 1 })],
          milestones: [2],
        }),
    ).toThrow("SequentialLR: argument 'schedulers': element 1 drives another optimizer");
    expect(
      () =>
        new SequentialLR(o, {
          schedulers: [a, new ReduceLROnPlateau(o) as never],
          milestones: [2],
        }),
    ).toThrow(
      /element 1 is a ReduceLROnPlateau; expected an epoch scheduler \(ReduceLROnPlateau cannot be chained\)/,
    );
    expect(() => new SequentialLR(o, { schedulers: [], milestones: [] })).toThrow(
      /non-empty array/,
    );
  });
});
