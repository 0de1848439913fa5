/**
 * The saved form of an optimizer: plain JSON. Buffers are arrays of numbers,
 * so `JSON.parse(JSON.stringify(opt.stateDict()))` loads back bit-exactly
 * (every float32 and float64 value survives a JSON round trip; only the sign
 * of a zero is lost, which no update formula here depends on). Parameters are
 * identified by position: group by group, in the order they were given.
 */
export interface OptimizerStateDict {
  /** Identifies the format; always `"neurite-optim"`. */
  format: "neurite-optim";
  /** Format version; `1`. */
  version: 1;
  /** The optimizer that saved it, e.g. `"Adam"`; it loads only into the same kind. */
  optimizer: string;
  /** Each group's options and the positions of its parameters. */
  paramGroups: SavedParamGroup[];
  /** One entry per parameter, by position; null for a parameter that has no state yet. */
  state: (SavedParamState | null)[];
}

/** A value of an optimizer option: a number, a flag, a choice, or a pair such as `betas`. */
export type OptionValue = number | boolean | string | readonly number[];

/** A parameter group in a state dict. */
export interface SavedParamGroup {
  /** Every option of the group (lr, betas, ...), as set when saved. */
  options: Record<string, OptionValue>;
  /** Positions of the group's parameters across all groups (0, 1, 2, ...). */
  params: number[];
}

/** The state of one parameter in a state dict. */
export interface SavedParamState {
  /** How many updates this parameter has received. */
  step: number;
  /** Per-parameter state arrays (e.g. `expAvg`), each shaped like the parameter. */
  buffers: Record<string, SavedBuffer>;
  /** Per-parameter state numbers (e.g. Nadam's `muProduct`). */
  scalars: Record<string, number>;
}

/** One state array: the parameter's dtype and shape and the values, row-major. */
export interface SavedBuffer {
  /** dtype of the parameter when saved (loading converts to the parameter's dtype). */
  dtype: "float32" | "float64";
  /** Shape of the parameter; must match the parameter it is loaded into. */
  shape: number[];
  /** The values; `loadStateDict` also accepts a typed array here. */
  data: number[];
}
