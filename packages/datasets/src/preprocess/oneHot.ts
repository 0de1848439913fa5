import { DTypeError, type Tensor, oneHot as tensorOneHot, ValueError } from "@neurite/tensor";
import { describe } from "../internal/describe.js";

/**
 * One-hot encodes class labels: `[n]` labels become `[n, numClasses]` rows with
 * a 1 at the label. Wraps `oneHot` of `@neurite/tensor` and also infers the
 * number of classes (the largest label + 1) when it is omitted; pass it
 * explicitly for a test set that may lack the last class.
 *
 * @param labels - int32 tensor or integers in `[0, numClasses)`
 * @param numClasses - number of classes (default: largest label + 1)
 * @param dtype - element type (default float32)
 * @throws ValueError for a label out of range, or no labels without `numClasses`
 * @example
 * ```ts
 * oneHot(tensor([0, 2, 1], undefined, "int32")).toArray(); // [[1,0,0],[0,0,1],[0,1,0]]
 * ```
 */
export function oneHot(
  labels: Tensor | readonly number[],
  numClasses?: number,
  dtype: "float32" | "float64" | "int32" = "float32",
): Tensor {
  if (numClasses === undefined) {
    let values: ArrayLike<number>;
    if (Array.isArray(labels)) values = labels;
    else if (labels !== null && typeof labels === "object" && "data" in labels) {
      if (labels.dtype !== "int32")
        throw new DTypeError("oneHot", "labels", `expected int32 labels, got ${labels.dtype}`);
      values = labels.data;
    } else
      throw new DTypeError(
        "oneHot",
        "labels",
        `expected an int32 tensor or an array, got ${describe(labels)}`,
      );
    if (values.length === 0)
      throw new ValueError(
        "oneHot",
        "numClasses",
        "cannot infer the number of classes from no labels; pass numClasses",
      );
    let max = 0;
    for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
    numClasses = Math.floor(max) + 1;
  }
  return tensorOneHot(labels, numClasses, dtype);
}
