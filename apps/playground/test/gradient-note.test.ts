import { describe, expect, it } from "vitest";
import { gradientNote } from "../src/views/gradient-note.js";

describe("gradientNote", () => {
  it("says nothing without step or sign", () => {
    expect(gradientNote([{ units: 4, activation: "tanh" }])).toBeNull();
    expect(gradientNote([])).toBeNull();
  });

  it("names the layers that still learn", () => {
    expect(
      gradientNote([
        { units: 4, activation: "step" },
        { units: 4, activation: "sign" },
      ]),
    ).toMatch(/^Layer 2 uses sign, .* so only the output layer learns\./);
    expect(
      gradientNote([
        { units: 4, activation: "step" },
        { units: 4, activation: "relu" },
      ]),
    ).toMatch(/so only layer 2 and the output layer learn\./);
    expect(
      gradientNote([
        { units: 4, activation: "sign" },
        { units: 4, activation: "relu" },
        { units: 4, activation: "tanh" },
      ]),
    ).toMatch(/so only layers 2–3 and the output layer learn\./);
  });
});
