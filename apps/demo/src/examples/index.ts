import type { ExampleOptions, ExampleResult } from "../types.js";

/** Options an example may take besides `--seed`, `--out` and `--json`. */
export type TrainingOption = "epochs" | "batchSize" | "scale" | "bnMomentum";

/** One entry of the demo's menu. */
export interface ExampleInfo {
  /** The name typed on the command line. */
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** The BOOK.md items it demonstrates. */
  book: number[];
  /** Defaults shown in `--help` (only for the options it takes). */
  defaults: { epochs?: number; batchSize?: number };
  /** Which of `--epochs`, `--batch-size`, `--scale`, `--bn-momentum` it accepts. */
  accepts: TrainingOption[];
  /** Loads the example's module and runs it. */
  run: (options: ExampleOptions) => Promise<ExampleResult>;
}

/** The examples in the book's order; `wine` is the default. */
export const EXAMPLES: readonly ExampleInfo[] = [
  {
    name: "perceptron",
    summary:
      "the book's perceptron forward pass; Rosenblatt's rule learns AND and OR and fails on XOR",
    book: [1, 2],
    defaults: { epochs: 20 },
    accepts: ["epochs"],
    run: async (o) => (await import("./perceptron.js")).run(o),
  },
  {
    name: "xor",
    summary: "backpropagation's five steps with real numbers, then a 2-4-1 network solves XOR",
    book: [1, 3, 4],
    defaults: { epochs: 1000, batchSize: 4 },
    accepts: ["epochs", "batchSize"],
    run: async (o) => (await import("./xor.js")).run(o),
  },
  {
    name: "activations",
    summary: "the book's eight activation functions and seven more, with their derivatives",
    book: [5],
    defaults: {},
    accepts: [],
    run: async (o) => (await import("./activations.js")).run(o),
  },
  {
    name: "wine",
    summary: "the book's classifier: Dense(20) → BatchNorm → ReLU → Dense(3) → softmax on wine",
    book: [3, 6, 8, 9],
    defaults: { epochs: 30, batchSize: 5 },
    accepts: ["epochs", "batchSize", "scale", "bnMomentum"],
    run: async (o) => (await import("./wine.js")).run(o),
  },
  {
    name: "boston",
    summary: "the book's regression: Dense(20, relu) → Dense(1) on Boston house prices, MSE",
    book: [3, 8, 10],
    defaults: { epochs: 30, batchSize: 5 },
    accepts: ["epochs", "batchSize", "scale"],
    run: async (o) => (await import("./boston.js")).run(o),
  },
  {
    name: "batchnorm",
    summary: "the wine network trained with and without batch normalization, same data and seed",
    book: [6],
    defaults: { epochs: 30, batchSize: 5 },
    accepts: ["epochs", "batchSize", "scale", "bnMomentum"],
    run: async (o) => (await import("./batchnorm.js")).run(o),
  },
  {
    name: "dropout",
    summary: "a network that overfits digits, trained with and without dropout",
    book: [7],
    defaults: { epochs: 100, batchSize: 32 },
    accepts: ["epochs", "batchSize"],
    run: async (o) => (await import("./dropout.js")).run(o),
  },
];

/** The example `pnpm demo` runs without a name. */
export const DEFAULT_EXAMPLE = "wine";

/** Looks an example up by name. */
export function findExample(name: string): ExampleInfo | undefined {
  return EXAMPLES.find((e) => e.name === name);
}
