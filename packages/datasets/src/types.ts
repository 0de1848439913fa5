import type { Tensor } from "@neurite/tensor";

/** Whether a dataset's target is a class label or a real value. */
export type Task = "classification" | "regression";

/**
 * A table of samples: features `x` and a target `y`, as every loader and
 * generator in this package returns it.
 */
export interface Dataset {
  /** Short identifier, e.g. `"wine"` or `"moons"`. */
  readonly name: string;
  /** `"classification"`: `y` holds int32 class labels; `"regression"`: float32 values. */
  readonly task: Task;
  /** Features, float32 `[samples, features]`. */
  readonly x: Tensor;
  /**
   * Target: int32 `[samples]` class labels, or float32 `[samples]` values
   * (`[samples, targets]` for a multi-target regression).
   */
  readonly y: Tensor;
  /** One name per column of `x`. */
  readonly featureNames: string[];
  /** Classification: the name of each class, indexed by label. Regression: the target's name. */
  readonly targetNames: string[];
  /** What the data is, where it comes from, and what to watch out for. */
  readonly description: string;
}

/** Row indices of a train/test split. */
export interface IndexSplit {
  /** Rows of the training set, in order. */
  readonly train: Int32Array;
  /** Rows of the test set, in order. */
  readonly test: Int32Array;
}

/** Features and targets split into a training and a test set. */
export interface Split {
  /** Training features. */
  readonly xTrain: Tensor;
  /** Training targets. */
  readonly yTrain: Tensor;
  /** Test features. */
  readonly xTest: Tensor;
  /** Test targets. */
  readonly yTest: Tensor;
  /** Which rows of the input went to each side. */
  readonly indices: IndexSplit;
}
