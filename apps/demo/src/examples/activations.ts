/**
 * Activation functions (BOOK.md item 5): the book's eight and the others
 * Neurite has, each drawn with its derivative, and a table of values.
 */
import { ACTIVATION_NAMES, activations, BOOK_ACTIVATIONS } from "@neurite/layers";
import { activationChart } from "@neurite/plot";
import { heading, num, table } from "../format.js";
import { Report } from "../report.js";
import type { ExampleOptions, ExampleResult } from "../types.js";
import { resolveOptions } from "./common.js";

/** Where the table samples each function. */
export const TABLE_POINTS = [-2, -1, 0, 1, 2];
/** The plotted range is [−PLOT_RANGE, PLOT_RANGE]. */
export const PLOT_RANGE = 5;
/** One function's row of the table. */
export interface ActivationValues {
  /** Canonical name. */
  name: string;
  /** Whether it is one of the book's eight. */
  book: boolean;
  /** f at {@link TABLE_POINTS}. */
  values: number[];
  /** f′ at {@link TABLE_POINTS}. */
  derivatives: number[];
  /** False for step and sign. */
  differentiable: boolean;
}

/** What {@link run} returns. */
export interface ActivationsResult extends ExampleResult {
  /** Every function's values and derivatives at the table's points. */
  table: ActivationValues[];
}

/** One-line descriptions, as the book puts them. */
const NOTES: Record<string, string> = {
  step: "0 at or below 0, 1 above; not differentiable (no gradient flows)",
  sign: "−1, 0 or 1; not differentiable",
  sigmoid: "between 0 and 1; f′ ≤ 0.25, so gradients shrink layer after layer (vanishing gradient)",
  tanh: "a rescaled sigmoid, between −1 and 1; f′ ≤ 1",
  relu: "max(0, x): no upper bound; f′ is 0 or 1",
  leakyRelu: "like ReLU, but negative inputs are multiplied by α = 0.3 instead of becoming 0",
  identity: "returns its input: unbounded, constant derivative (the regression output)",
  softmax: "for a classifier's output: values in (0, 1) that sum to 1; drawn as softmax([x, 0])₁",
  elu: "x above 0, α(eˣ − 1) below (α = 1)",
  selu: "scaled ELU (λ ≈ 1.0507, α ≈ 1.6733), self-normalizing",
  gelu: "x·Φ(x), Φ the standard normal CDF",
  softplus: "log(1 + eˣ), a smooth ReLU",
  swish: "x·σ(x) (also called SiLU)",
  hardSigmoid: "clip(x/6 + ½, 0, 1), a piecewise-linear sigmoid",
  logSoftmax: "log of softmax; drawn as log softmax([x, 0])₁",
};

/** Runs the example: prints the tables, draws the two grids of charts. */
export async function run(options: ExampleOptions = {}): Promise<ActivationsResult> {
  const o = resolveOptions(options, { epochs: 1, batchSize: 1 });
  const { say } = o;
  const rowsOf = (names: readonly string[]): ActivationValues[] =>
    names.map((name) => {
      const a = activations.get(name);
      const curve = activations.curve(a, TABLE_POINTS);
      return {
        name,
        book: BOOK_ACTIVATIONS.includes(a.name),
        values: Array.from(curve.values),
        derivatives: Array.from(curve.derivatives),
        differentiable: a.differentiable,
      };
    });
  const extra = ACTIVATION_NAMES.filter((n) => !BOOK_ACTIVATIONS.includes(n));
  const all = rowsOf(ACTIVATION_NAMES);
  const header = (f: string) => ["function", ...TABLE_POINTS.map((x) => `${f}(${x})`)];

  say(heading("Activation functions: the book's eight"));
  for (const name of BOOK_ACTIVATIONS) say(`${name.padEnd(10)} ${NOTES[name]}`);
  say("");
  say(
    table(
      header("f"),
      all.filter((r) => r.book).map((r) => [r.name, ...r.values.map((v) => num(v))]),
    ),
  );
  say("");
  say(
    table(
      header("f′"),
      all.filter((r) => r.book).map((r) => [r.name, ...r.derivatives.map((v) => num(v))]),
    ),
  );
  const sig = activations.get("sigmoid").derivative(0);
  say(
    `\nsigmoid′ is at most ${num(sig, 2)} (at 0): backpropagating through 5 sigmoid layers multiplies a gradient by at most ${num(sig, 2)}⁵ ≈ ${sig ** 5 < 0.001 ? (sig ** 5).toExponential(1) : num(sig ** 5, 4)} — the vanishing gradient.`,
  );

  say(heading("And the others Neurite has"));
  for (const name of extra) say(`${name.padEnd(12)} ${NOTES[name] ?? ""}`);
  say("");
  say(
    table(
      header("f"),
      all.filter((r) => !r.book).map((r) => [r.name, ...r.values.map((v) => num(v))]),
    ),
  );
  say("");
  say(
    table(
      header("f′"),
      all.filter((r) => !r.book).map((r) => [r.name, ...r.derivatives.map((v) => num(v))]),
    ),
  );

  const report = new Report(o.out, {
    example: "activations",
    title: "Activation functions and their derivatives",
    book: [5],
    lead: "Each activation function f (solid) with its derivative f′ (dashed), which backpropagation multiplies into every gradient that passes through the unit.",
    command: "pnpm demo activations",
  });
  const range = [-PLOT_RANGE, PLOT_RANGE] as const;
  report.chart(
    "book",
    activationChart(BOOK_ACTIVATIONS, {
      title: "The book's eight activation functions",
      subtitle: `f(x) solid, f′(x) dashed, on [−${PLOT_RANGE}, ${PLOT_RANGE}]; softmax drawn as the first output of softmax([x, 0])`,
      range,
    }),
    "The book's eight",
    "Step and sign jump and have derivative 0 wherever it exists, so no gradient flows through them; sigmoid's derivative peaks at 0.25 (vanishing gradient), tanh's at 1; ReLU's is 0 or 1, leaky ReLU's 0.3 or 1; identity's is constant; softmax of [x, 0] is the sigmoid.",
  );
  report.chart(
    "extra",
    activationChart(extra, {
      title: "More activation functions in Neurite",
      subtitle: `f(x) solid, f′(x) dashed, on [−${PLOT_RANGE}, ${PLOT_RANGE}]`,
      range,
    }),
    "The others",
    "Smooth variants of ReLU (ELU, SELU, GELU, softplus, swish), the piecewise-linear hard sigmoid, and log-softmax.",
  );
  const files = report.finish([
    ["functions", `${BOOK_ACTIVATIONS.length} from the book + ${extra.length} more`],
    ["sigmoid′(0)", num(sig, 4)],
  ]);
  say(`\nCharts and report: ${report.dir}`);

  return {
    example: "activations",
    seed: o.seed,
    epochs: null,
    batchSize: null,
    iterationsPerEpoch: null,
    samples: null,
    trainingTimeMs: null,
    metrics: {
      functions: all.length,
      bookFunctions: BOOK_ACTIVATIONS.length,
      sigmoidDerivativeMax: sig,
    },
    files,
    table: all,
  };
}
