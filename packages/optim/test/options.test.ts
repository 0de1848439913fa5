import { Parameter } from "@neurite/autograd";
import { tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { thrownMessage } from "../../../test-support/thrown.js";
import {
  Adam,
  CosineAnnealingLR,
  clipGradNorm,
  ReduceLROnPlateau,
  SGD,
  StepLR,
} from "../src/index.js";

// biome-ignore lint/suspicious/noExplicitAny: misspelled options on purpose
const any = (o: unknown): any => o;
const w = () => new Parameter(tensor([1, 2]), "w");

/** The message of the ValueError that `fn` must throw. */
const messageOf = (fn: () => unknown): string => thrownMessage(ValueError, fn);

describe("optim refuses misspelled options, with a suggestion", () => {
  it("optimizers: momentun, and in a parameter group", () => {
    expect(messageOf(() => new SGD([w()], any({ lr: 0.1, momentun: 0.9 })))).toMatch(
      /^SGD: argument 'options': unknown option 'momentun' \(did you mean 'momentum'\?\); known options: lr, momentum, /,
    );
    expect(messageOf(() => new Adam(any([{ params: [w()], beta: [0.9, 0.99] }])))).toMatch(
      /^Adam: argument 'paramGroups\[0\]': unknown option 'beta' \(did you mean 'betas'\?\)/,
    );
  });

  it("schedulers: stepsize, etaMn, patient", () => {
    const opt = new SGD([w()], { lr: 0.1 });
    expect(messageOf(() => new StepLR(opt, any({ stepsize: 2 })))).toMatch(
      /^StepLR: .*'stepsize' \(did you mean 'stepSize'\?\)/,
    );
    expect(messageOf(() => new CosineAnnealingLR(opt, any({ tMax: 5, etaMn: 0 })))).toMatch(
      /did you mean 'etaMin'/,
    );
    expect(messageOf(() => new ReduceLROnPlateau(opt, any({ patient: 3 })))).toMatch(
      /did you mean 'patience'/,
    );
  });

  it("clipGradNorm: normtype", () => {
    expect(messageOf(() => clipGradNorm([w()], 1, any({ normtype: 1 })))).toMatch(
      /^clipGradNorm: .*'normtype' \(did you mean 'normType'\?\)/,
    );
  });
});

describe("a string where a number is expected says so", () => {
  it("new SGD(params, { lr: '0.1' })", () => {
    expect(messageOf(() => new SGD([w()], any({ lr: "0.1" })))).toBe(
      `SGD: argument 'lr': expected a finite number >= 0, got the string "0.1"`,
    );
  });

  it("a scheduler's gamma and clipGradNorm's maxNorm", () => {
    const opt = new SGD([w()], { lr: 0.1 });
    expect(messageOf(() => new StepLR(opt, any({ stepSize: 1, gamma: "0.5" })))).toMatch(
      /got the string "0.5"/,
    );
    expect(messageOf(() => clipGradNorm([w()], any("1")))).toMatch(/got the string "1"/);
  });
});
