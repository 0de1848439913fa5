import * as T from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { gradCheck, Parameter, Variable, variable } from "../src/index.js";

// biome-ignore lint/suspicious/noExplicitAny: misspelled options on purpose
const any = (o: unknown): any => o;

describe("autograd refuses misspelled options, with a suggestion", () => {
  it("new Variable: requireGrad (it once built a constant)", () => {
    expect(() => new Variable(T.zeros([2]), any({ requireGrad: true }))).toThrow(
      /^Variable: argument 'options': unknown option 'requireGrad' \(did you mean 'requiresGrad'\?\); known options: requiresGrad, name$/,
    );
    expect(() => variable([1, 2], any({ nme: "x" }))).toThrow(/did you mean 'name'/);
  });

  it("backward: retainGraf", () => {
    const w = new Parameter(T.tensor([1, 2]));
    const loss = w.mul(w).sum();
    expect(() => loss.backward(undefined, any({ retainGraf: true }))).toThrow(
      /^backward: .*unknown option 'retainGraf' \(did you mean 'retainGraph'\?\)/,
    );
    // The refused call ran nothing: the graph is still there.
    loss.backward();
    expect(Array.from(w.grad!.data)).toEqual([2, 4]);
  });

  it("gradCheck: atoll, and tolerances given as strings", () => {
    const f = (x: Variable) => x.square().sum();
    const x = [T.tensor([1, 2])];
    expect(() => gradCheck(f, x, any({ atoll: 1e-3 }))).toThrow(/did you mean 'atol'/);
    expect(() => gradCheck(f, x, any({ rtol: "1e-3" }))).toThrow(
      /^gradCheck: argument 'rtol': expected a tolerance >= 0, got the string "1e-3"$/,
    );
    expect(() => gradCheck(f, x, any({ eps: "1e-6" }))).toThrow(/got the string "1e-6"/);
  });
});
