import { ShapeError, type Tensor, ValueError } from "@neurite/tensor";

/** How class predictions are read: one probability per sample, class scores per row, or scores with integer labels. */
export type ClassificationKind = "binary" | "categorical" | "sparse";

/** `[5,3]`, as error messages print shapes. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** Number of samples (the first dimension; 1 for a scalar). */
export function rowsOf(t: Tensor): number {
  return t.rank === 0 ? 1 : t.shape[0]!;
}

/** Last dimension (1 for rank 0 and 1). */
export function lastDimOf(t: Tensor): number {
  return t.rank < 2 ? 1 : t.shape[t.rank - 1]!;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Equal shapes, or equal but for a trailing 1 on one side (`[n]` and `[n,1]`). */
export function compatibleShapes(a: readonly number[], b: readonly number[]): boolean {
  if (sameShape(a, b)) return true;
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return (
    long.length === short.length + 1 &&
    long[long.length - 1] === 1 &&
    sameShape(long.slice(0, -1), short)
  );
}

/**
 * Which reading of class predictions fits these shapes (Keras's rule for
 * `"accuracy"`): a single output per sample is binary; targets of the
 * prediction's shape are one-hot (categorical); one value per sample against
 * several class scores is a label (sparse).
 * @throws ShapeError when none fits
 */
export function inferKind(op: string, yPred: Tensor, yTrue: Tensor): ClassificationKind {
  if (lastDimOf(yPred) === 1) return "binary";
  if (sameShape(yPred.shape, yTrue.shape)) return "categorical";
  const batch = yPred.shape.slice(0, -1);
  if (sameShape(yTrue.shape, batch) || sameShape(yTrue.shape, [...batch, 1])) return "sparse";
  throw new ShapeError(
    op,
    "yTrue",
    `predictions of shape ${fmtShape(yPred.shape)} need one-hot targets of the same shape or one label per sample (${fmtShape(batch)}), got ${fmtShape(yTrue.shape)}`,
  );
}

/** Checks that targets fit predictions for `kind`. */
export function checkKindShapes(
  op: string,
  kind: ClassificationKind,
  yPred: Tensor,
  yTrue: Tensor,
): void {
  if (kind === "binary") {
    if (!compatibleShapes(yPred.shape, yTrue.shape))
      throw new ShapeError(
        op,
        "yTrue",
        `binary predictions of shape ${fmtShape(yPred.shape)} need targets of the same shape, got ${fmtShape(yTrue.shape)}`,
      );
    return;
  }
  if (yPred.rank < 1)
    throw new ShapeError(op, "yPred", "expected [batch, classes] predictions, got a scalar");
  if (kind === "categorical") {
    if (!sameShape(yPred.shape, yTrue.shape))
      throw new ShapeError(
        op,
        "yTrue",
        `categorical predictions of shape ${fmtShape(yPred.shape)} need one-hot targets of the same shape, got ${fmtShape(yTrue.shape)}${
          yTrue.size === yPred.size / lastDimOf(yPred)
            ? " (these look like integer labels: use the sparse variant)"
            : ""
        }`,
      );
    return;
  }
  const batch = yPred.shape.slice(0, -1);
  if (!sameShape(yTrue.shape, batch) && !sameShape(yTrue.shape, [...batch, 1]))
    throw new ShapeError(
      op,
      "yTrue",
      `predictions of shape ${fmtShape(yPred.shape)} need one integer label per sample, shape ${fmtShape(batch)}, got ${fmtShape(yTrue.shape)}${
        sameShape(yTrue.shape, yPred.shape)
          ? " (these look like one-hot targets: use the categorical variant)"
          : ""
      }`,
    );
}

/** Index of the largest value in `data[offset .. offset + n)` (the first on ties; NaN never wins). */
export function argmaxAt(data: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  let bestV = data[offset]!;
  for (let j = 1; j < n; j++) {
    const v = data[offset + j]!;
    if (v > bestV || (Number.isNaN(bestV) && !Number.isNaN(v))) {
      best = j;
      bestV = v;
    }
  }
  return best;
}

/**
 * The class of each sample as predicted and as given, for confusion-based
 * metrics. Binary: class 1 when the prediction exceeds `threshold` (the
 * target when it exceeds 0.5). Categorical: the largest score and the hot
 * index. Sparse: the largest score and the label.
 * @returns the number of classes; `onPair(pred, true)` is called per sample
 */
export function forEachClassPair(
  op: string,
  kind: ClassificationKind,
  yPred: Tensor,
  yTrue: Tensor,
  threshold: number,
  onPair: (predicted: number, actual: number) => void,
): number {
  const p = yPred.data;
  const t = yTrue.data;
  if (kind === "binary") {
    for (let i = 0; i < p.length; i++) onPair(p[i]! > threshold ? 1 : 0, t[i]! > 0.5 ? 1 : 0);
    return 2;
  }
  const c = lastDimOf(yPred);
  const rows = p.length / c;
  for (let r = 0; r < rows; r++) {
    const predicted = argmaxAt(p, r * c, c);
    let actual: number;
    if (kind === "categorical") actual = argmaxAt(t, r * c, c);
    else {
      actual = t[r]!;
      if (!Number.isInteger(actual) || actual < 0 || actual >= c)
        throw new ValueError(
          op,
          "yTrue",
          `label ${actual} at position ${r} is not a class index in [0, ${c})`,
        );
    }
    onPair(predicted, actual);
  }
  return c;
}
