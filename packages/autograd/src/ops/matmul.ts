import * as T from "@neurite/tensor";
import { record, unbroadcast } from "../graph.js";
import type { Variable, VariableLike } from "../variable.js";
import { lift2 } from "./elementwise.js";

/**
 * Differentiable matrix product. For `C = A·B`: `dA = dC·Bᵀ` and `dB = Aᵀ·dC`,
 * computed with the transposed kernels (no transposed copies); batch dimensions
 * that were broadcast are summed back. 1-D operands are treated as a row (a) or
 * a column (b), as NumPy does.
 */
export function matmul(x: VariableLike, y: VariableLike): Variable {
  let [a, b] = lift2(x, y);
  const aVec = a.rank === 1;
  const bVec = b.rank === 1;
  if (aVec) a = a.reshape([1, a.shape[0]!]);
  if (bVec) b = b.reshape([b.shape[0]!, 1]);
  const A = a;
  const B = b;
  const out = T.matmul(A.value, B.value);
  let result = record("matmul", out, [A, B], (g) => [
    A.requiresGrad ? unbroadcast(T.matmul(g, B.value, { transposeB: true }), A.shape) : null,
    B.requiresGrad ? unbroadcast(T.matmul(A.value, g, { transposeA: true }), B.shape) : null,
  ]);
  if (aVec || bVec) {
    const shape = out.shape.slice(0, -2);
    if (!aVec) shape.push(out.shape[out.rank - 2]!);
    if (!bVec) shape.push(out.shape[out.rank - 1]!);
    result = result.reshape(shape);
  }
  return result;
}
