import { DEMO_BN_MOMENTUM, type ExampleOptions } from "../types.js";

/** The default output directory, relative to where the command was started. */
export const DEFAULT_OUT = "neurite-out";

/** {@link ExampleOptions} with every default filled in. */
export interface ResolvedOptions {
  /** Training epochs. */
  epochs: number;
  /** Samples per mini-batch. */
  batchSize: number;
  /** Seed of everything random. */
  seed: number;
  /** Output directory. */
  out: string;
  /** Standardize the features. */
  scale: boolean;
  /** BatchNorm momentum (wine, batchnorm). */
  bnMomentum: number;
  /** Show each epoch's progress. */
  progress: boolean;
  /** Whether the progress is a live terminal bar rather than lines. */
  progressBar: boolean;
  /** Prints one line (or several, joined by newlines); a no-op when output is off. */
  say: (text?: string) => void;
  /** Receives each trained model (see {@link ExampleOptions.onTrained}). */
  onTrained?: ExampleOptions["onTrained"];
}

/**
 * Fills in an example's defaults and checks the values (the CLI checks them
 * too, with friendlier messages; this guards direct calls).
 *
 * @throws RangeError for epochs, batch size or seed that are not whole numbers in range
 */
export function resolveOptions(
  options: ExampleOptions,
  defaults: { epochs: number; batchSize: number },
): ResolvedOptions {
  const epochs = options.epochs ?? defaults.epochs;
  const batchSize = options.batchSize ?? defaults.batchSize;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new RangeError(`epochs must be a whole number ≥ 1, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batch size must be a whole number ≥ 1, got ${batchSize}`);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a whole number ≥ 0, got ${seed}`);
  const bnMomentum = options.bnMomentum ?? DEMO_BN_MOMENTUM;
  if (!(bnMomentum >= 0 && bnMomentum < 1))
    throw new RangeError(`BatchNorm momentum must be in [0, 1), got ${bnMomentum}`);
  const log = options.log === undefined ? (line: string) => console.log(line) : options.log;
  return {
    epochs,
    batchSize,
    seed,
    out: options.out ?? DEFAULT_OUT,
    scale: options.scale ?? false,
    bnMomentum,
    progress: (options.progress ?? false) && log !== null,
    progressBar: (options.progressBar ?? false) && log !== null,
    say: (text = "") => log?.(text),
    onTrained: options.onTrained,
  };
}

/**
 * The CLI command that reruns an example with these options, for its report
 * section; `--scale` appears only for examples that take it (`scale: true`).
 */
export function rerunCommand(
  example: string,
  o: Pick<ResolvedOptions, "epochs" | "batchSize" | "seed" | "scale">,
  accepts: { scale?: boolean } = {},
): string {
  const scale = accepts.scale === true && o.scale ? " --scale" : "";
  return `pnpm demo ${example} --epochs ${o.epochs} --batch-size ${o.batchSize} --seed ${o.seed}${scale}`;
}

/** Milliseconds since `start` (a `performance.now()` reading). */
export function since(start: number): number {
  return performance.now() - start;
}
