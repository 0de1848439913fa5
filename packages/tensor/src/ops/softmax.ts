import { kernels } from "../backend/registry.js";
import { allocate, isFloat } from "../dtype.js";
import { DTypeError } from "../errors.js";
import { normalizeAxis, splitAtAxis } from "../shape.js";
import { assertTensor, Tensor } from "../tensor.js";

/**
 * `[outer, len, inner]` around `axis` (negative counts from the end) of
 * `shape`: the view of an axis that the reduce and softmax kernels walk.
 *
 * @example
 * ```ts
 * aroundAxis("softmax", [2, 3, 4], 1); // [2, 3, 4]
 * aroundAxis("softmax", [2, 3, 4], -1); // [6, 4, 1]
 * ```
 * @throws AxisError for an axis out of range (naming `op`)
 */
export function aroundAxis(
  op: string,
  shape: readonly number[],
  axis: number,
): [number, number, number] {
  return splitAtAxis(shape, normalizeAxis(op, axis, shape.length));
}

function softmaxOf(op: string, x: Tensor, axis: number, log: boolean): Tensor {
  assertTensor(op, "x", x);
  if (!isFloat(x.dtype))
    throw new DTypeError(
      op,
      "x",
      `expected a float32 or float64 tensor, got ${x.dtype} of shape [${x.shape.join(",")}]`,
    );
  const [outer, len, inner] = aroundAxis(op, x.shape, axis);
  const out = allocate(x.dtype, x.size);
  kernels().softmax(x.data, out, outer, len, inner, log);
  return new Tensor(out, x.shape);
}

/**
 * Softmax along `axis` (default last): values in (0, 1) that sum to 1, shifted
 * by each lane's maximum so large inputs do not overflow. Float dtypes only.
 *
 * @example
 * ```ts
 * softmax(tensor([1, 2, 3])).toArray(); // [0.090, 0.245, 0.665]
 * ```
 * @throws DTypeError for an int32 tensor; AxisError for an axis out of range
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  return softmaxOf("softmax", x, axis, false);
}

/**
 * Log-softmax along `axis` (default last): `x − logSumExp(x)`, stable for
 * large inputs. Float dtypes only.
 * @throws DTypeError for an int32 tensor; AxisError for an axis out of range
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return softmaxOf("logSoftmax", x, axis, true);
}
