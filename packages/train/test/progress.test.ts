import { Dense, Sequential } from "@neurite/layers";
import { Rng, randn } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { fit, fitAsync, LearningRateScheduler, ProgressLogger } from "../src/index.js";
import { formatDuration, formatValue } from "../src/internal/format.js";

const rng = new Rng(2);
const x = randn([20, 3], rng);
const y = randn([20, 1], rng);
const net = () => new Sequential([new Dense(1, { inputDim: 3, seed: 1 })]);

describe("plain-text progress (one line per epoch)", () => {
  it("verbose 1 and 2 write one line per epoch with the iteration count, loss and metrics to the sink", () => {
    for (const verbose of [1, 2] as const) {
      const lines: string[] = [];
      const h = fit(net(), x, y, {
        loss: "mse",
        metrics: ["mae", "r2"],
        epochs: 3,
        batchSize: 6,
        validationSplit: 0.2,
        verbose,
        log: (l) => void lines.push(l),
      });
      expect(lines).toHaveLength(3);
      lines.forEach((line, e) => {
        expect(line).toMatch(
          new RegExp(
            `^Epoch ${e + 1}/3 - 3/3 iterations - \\S+ \\(\\S+/step\\) - loss: \\d+\\.\\d{4} - mae: \\d+\\.\\d{4} - r2: -?\\d+\\.\\d{4} - val_loss: \\d+\\.\\d{4} - val_mae: \\d+\\.\\d{4} - val_r2: -?\\d+\\.\\d{4}$`,
          ),
        );
        expect(line).toContain(`loss: ${formatValue(h.history.loss![e]!)}`);
      });
    }
  });

  it("verbose 0 writes nothing; keys added by callbacks are shown after the others", async () => {
    const lines: string[] = [];
    fit(net(), x, y, { loss: "mse", epochs: 2, verbose: 0, log: (l) => void lines.push(l) });
    expect(lines).toEqual([]);
    await fitAsync(net(), x, y, {
      loss: "mse",
      optimizer: "sgd",
      epochs: 1,
      callbacks: [new LearningRateScheduler(() => 0.05)],
      log: (l) => void lines.push(l),
    });
    expect(lines[0]).toMatch(/ - loss: \d+\.\d{4} - learning_rate: 0\.0500$/);
  });

  it("the logger works as an explicit callback with any sink", () => {
    const lines: string[] = [];
    fit(net(), x, y, {
      loss: "mae",
      epochs: 2,
      verbose: 0,
      callbacks: [new ProgressLogger({ write: (l) => void lines.push(l) })],
    });
    expect(lines).toHaveLength(2);
  });

  it("formats values and durations compactly", () => {
    expect(formatValue(0.123456)).toBe("0.1235");
    expect(formatValue(1234.5)).toBe("1234.5000");
    expect(formatValue(0.00001234)).toBe("1.234e-5");
    expect(formatValue(Number.NaN)).toBe("nan");
    expect(formatValue(Number.NEGATIVE_INFINITY)).toBe("-inf");
    expect(formatDuration(0.25)).toBe("250µs");
    expect(formatDuration(3.21)).toBe("3.2ms");
    expect(formatDuration(42.4)).toBe("42ms");
    expect(formatDuration(2300)).toBe("2.3s");
    expect(formatDuration(72000)).toBe("1m 12s");
  });
});
