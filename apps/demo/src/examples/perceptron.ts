/**
 * The perceptron (BOOK.md items 1 and 2): the book's forward example with
 * Neurite tensors, then Rosenblatt's learning rule on AND, OR and XOR.
 */
import { Dense, Perceptron, type PerceptronFitResult, type PerceptronStep } from "@neurite/layers";
import { decisionBoundaryChart, lineChart, PALETTE } from "@neurite/plot";
import { tensor } from "@neurite/tensor";
import { heading, matrix, num, table } from "../format.js";
import { Report } from "../report.js";
import type { ExampleOptions, ExampleResult } from "../types.js";
import { resolveOptions, since } from "./common.js";

/** The 2×2 input of the forward example (our choice; the book leaves it open). */
export const FORWARD_INPUT = [
  [1, 2],
  [0, -1],
];
/** The book's 2×4 weight matrix: one row of 4 weights per output. */
export const FORWARD_WEIGHTS = [
  [2, 1, -3, 3],
  [1, -3, 1, 3],
];
/** The book's bias, the same for both outputs. */
export const FORWARD_BIAS = 3;

/** The four inputs of a two-input truth table. */
export const TRUTH_TABLE_X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
/** Targets of AND, OR and XOR on {@link TRUTH_TABLE_X}. */
export const GATES = { AND: [0, 0, 0, 1], OR: [0, 1, 1, 1], XOR: [0, 1, 1, 0] } as const;

/** One gate learned by the perceptron rule. */
export interface GateResult extends PerceptronFitResult {
  /** The perceptron's 0/1 outputs on the truth table after training. */
  predictions: number[];
}

/** What {@link run} returns. */
export interface PerceptronResult extends ExampleResult {
  /** The forward example. */
  forward: {
    /** The flattened 2×2 input. */
    input: number[];
    /** `W·x + b`, one per output. */
    weightedSums: number[];
    /** `sigmoid(W·x + b)`. */
    outputs: number[];
    /** The same outputs from a Dense(2, sigmoid) layer holding the book's weights. */
    denseOutputs: number[];
  };
  /** Rosenblatt's rule on each gate. */
  gates: Record<keyof typeof GATES, GateResult>;
  /** Every update while learning AND (for printing the rule step by step). */
  andSteps: PerceptronStep[];
}

/** Runs the example: prints both parts, draws the decision lines and the errors per epoch. */
export async function run(options: ExampleOptions = {}): Promise<PerceptronResult> {
  const o = resolveOptions(options, { epochs: 20, batchSize: 1 });
  const { say } = o;

  // Part 1: the book's forward pass, computed with tensors.
  say(heading("1. A perceptron layer, forward: the book's example"));
  const x = tensor(FORWARD_INPUT).reshape([1, 4]);
  const w = tensor(FORWARD_WEIGHTS);
  const z = x.matmul(w, { transposeB: true }).add(FORWARD_BIAS); // [1,4]·[4,2] + 3
  const a = z.sigmoid();
  const input = Array.from(x.data);
  const weightedSums = Array.from(z.data);
  const outputs = Array.from(a.data);
  // The same computation is one Dense layer with the book's weights (stored [inputs, units]).
  const dense = new Dense(2, { inputDim: 4, activation: "sigmoid" });
  dense.loadStateDict({ kernel: w.transpose(), bias: tensor([FORWARD_BIAS, FORWARD_BIAS]) });
  const denseOutputs = Array.from(dense.call(x).value.data);

  say(`input (2×2, our choice):  ${JSON.stringify(FORWARD_INPUT)}`);
  say(`flattened to 4 values:    x = ${JSON.stringify(input)}`);
  say(`weights (2×4, the book):  W = ${JSON.stringify(FORWARD_WEIGHTS)}`);
  say(`bias (the book):          b = [${FORWARD_BIAS}, ${FORWARD_BIAS}]`);
  say("weighted sums z = W·x + b:");
  for (const [k, row] of FORWARD_WEIGHTS.entries()) {
    const paren = (v: number) => (v < 0 ? `(${v})` : String(v));
    const terms = row.map((wi, i) => `${paren(wi)}·${paren(input[i]!)}`).join(" + ");
    say(`  z${k + 1} = ${terms} + ${FORWARD_BIAS} = ${num(weightedSums[k]!, 0)}`);
  }
  say(`outputs sigmoid(z) = 1 / (1 + e^−z): ${matrix(outputs, 4)}`);
  say(`a Dense(2, "sigmoid") layer with these weights gives ${matrix(denseOutputs, 4)}`);
  say(
    `with a step activation instead the outputs would be ${matrix(
      weightedSums.map((v) => (v > 0 ? 1 : 0)),
      0,
    )}: the first unit fires, the second does not.`,
  );

  // Part 2: Rosenblatt's rule on AND, OR and XOR.
  say(heading("2. Rosenblatt's perceptron rule: AND, OR, XOR"));
  say("Each unit outputs step(w·x + b); after each sample: w ← w + η(y − ŷ)x, b ← b + η(y − ŷ)");
  say(`(η = 1, weights start at 0, samples in table order, at most ${o.epochs} epochs)`);
  const xt = tensor(TRUTH_TABLE_X);
  const andSteps: PerceptronStep[] = [];
  const gates = {} as Record<keyof typeof GATES, GateResult>;
  const perceptrons = {} as Record<keyof typeof GATES, Perceptron>;
  const t0 = performance.now();
  for (const [name, targets] of Object.entries(GATES) as [
    keyof typeof GATES,
    readonly number[],
  ][]) {
    const p = new Perceptron({ inputs: 2 });
    const fit = p.fit(xt, tensor([...targets]), {
      epochs: o.epochs,
      onStep: name === "AND" ? (s) => andSteps.push(s) : undefined,
    });
    gates[name] = { ...fit, predictions: Array.from(p.predict(xt).data) };
    perceptrons[name] = p;
  }
  const trainingTimeMs = since(t0);

  say("\nLearning AND, step by step:");
  say(
    table(
      ["epoch", "x", "target", "output", "error", "w after", "b after"],
      andSteps.map((s) => [
        String(s.epoch),
        `[${s.x.join(", ")}]`,
        String(s.target[0]),
        String(s.output[0]),
        String(s.error[0]),
        `[${s.weights.map((r) => num(r[0]!, 0)).join(", ")}]`,
        num(s.bias[0]!, 0),
      ]),
    ),
  );
  say("");
  say(
    table(
      ["gate", "targets", "epochs", "errors per epoch", "w", "b", "outputs", "result"],
      Object.entries(gates).map(([name, g]) => [
        name,
        `[${GATES[name as keyof typeof GATES].join(", ")}]`,
        String(g.epochs),
        g.errorsPerEpoch.join(" "),
        `[${g.weights.map((r) => num(r[0]!, 0)).join(", ")}]`,
        num(g.bias[0]!, 0),
        `[${g.predictions.join(", ")}]`,
        g.converged ? "converged" : "did not converge",
      ]),
      ["left", "left", "right", "left", "left", "right", "left", "left"],
    ),
  );
  say(`\nXOR: ${gates.XOR.message}.`);
  say("No single line separates XOR's 1s from its 0s; a hidden layer is needed (pnpm demo xor).");

  const report = new Report(o.out, {
    example: "perceptron",
    title: "The perceptron: forward pass and Rosenblatt's rule",
    book: [1, 2],
    lead: `The book's forward example (input ${JSON.stringify(FORWARD_INPUT)} flattened, weights ${JSON.stringify(FORWARD_WEIGHTS)}, bias 3, sigmoid), then Rosenblatt's rule learning AND and OR and failing on XOR.`,
    command: `pnpm demo perceptron --epochs ${o.epochs}`,
  });
  const names = Object.keys(GATES) as (keyof typeof GATES)[];
  for (const name of names) {
    const g = gates[name];
    report.chart(
      `boundary-${name.toLowerCase()}`,
      decisionBoundaryChart(perceptrons[name], TRUTH_TABLE_X, GATES[name], {
        title: `${name}: ${g.converged ? `converged in epoch ${g.epochs}` : `not converged after ${g.epochs} epochs`}`,
        subtitle: `after training: w = [${g.weights.map((r) => num(r[0]!, 0)).join(", ")}], b = ${num(g.bias[0]!, 0)}; shading: the perceptron's output`,
        classNames: ["target 0", "target 1"],
        padding: 0.5,
        width: 340,
        height: 320,
      }),
      `What the perceptron learns: ${name}`,
      name === "XOR"
        ? "No line separates XOR's 1s from its 0s: the rule keeps moving the line until the epochs run out, and some corners stay on the wrong side."
        : "The border between the two shadings is the line w·x + b = 0 where the output switches from 0 to 1; it separates the 1s from the 0s (a point on the line counts as 0, since the step outputs 1 only above it).",
    );
  }
  const epochsOf = (errors: readonly number[]) => errors.map((_, i) => i + 1);
  // Colours not used by learning curves (blue train, orange validation), so neither meaning leaks in.
  const gateColors = { AND: PALETTE[2], OR: PALETTE[4], XOR: PALETTE[3] };
  report.chart(
    "errors",
    lineChart(
      names.map((name) => ({
        name,
        color: gateColors[name],
        x: epochsOf(gates[name].errorsPerEpoch),
        y: gates[name].errorsPerEpoch,
      })),
      {
        title: "Misclassified samples per epoch",
        subtitle: "Rosenblatt's rule stops after the first epoch without a mistake",
        xLabel: "epoch",
        yLabel: "samples wrong (of 4)",
        yDomain: [0, 4],
        xInteger: true,
      },
    ),
    "Errors per epoch",
    "AND and OR reach zero mistakes and stop; XOR never does.",
  );
  const files = report.finish([
    ["forward outputs", `${matrix(outputs, 4)} (weighted sums ${matrix(weightedSums, 0)})`],
    ["AND", gates.AND.message],
    ["OR", gates.OR.message],
    ["XOR", gates.XOR.message],
  ]);
  say(`\nCharts and report: ${report.dir}`);

  return {
    example: "perceptron",
    seed: o.seed,
    epochs: o.epochs,
    batchSize: 1,
    iterationsPerEpoch: TRUTH_TABLE_X.length,
    samples: { train: TRUTH_TABLE_X.length, test: 0 },
    trainingTimeMs,
    metrics: {
      forwardOutput1: outputs[0]!,
      forwardOutput2: outputs[1]!,
      andEpochs: gates.AND.epochs,
      orEpochs: gates.OR.epochs,
      andConverged: Number(gates.AND.converged),
      orConverged: Number(gates.OR.converged),
      xorConverged: Number(gates.XOR.converged),
      xorErrorsLastEpoch: gates.XOR.errorsPerEpoch.at(-1)!,
    },
    files,
    forward: { input, weightedSums, outputs, denseOutputs },
    gates,
    andSteps,
  };
}
