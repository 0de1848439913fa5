import { describe, expect, it } from "vitest";
import { trainXor } from "../src/xor.js";

describe("xor demo", () => {
  it("learns XOR and the loss falls", () => {
    const r = trainXor({ epochs: 1500 });
    expect(r.accuracy).toBe(1);
    expect(r.losses[r.losses.length - 1]!).toBeLessThan(r.losses[0]! / 10);
  });

  it("is reproducible from its seed", () => {
    const a = trainXor({ epochs: 50, seed: 3 });
    const b = trainXor({ epochs: 50, seed: 3 });
    expect(b.losses).toEqual(a.losses);
  });
});
