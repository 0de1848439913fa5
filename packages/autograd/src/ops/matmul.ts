import type { Tensor } from "@neurite/tensor";
import * as T from "@neurite/tensor";
import { record, unbroadcast } from "../graph.js";
import type { Variable, VariableLike } from "../variable.js";
import { lift2 } from "./elementwise.js";

/** `x` as a matrix: a 1-D operand becomes a row (`asRow`) or a column. */
function asMatrix(x: Tensor, asRow: boolean): Tensor {
  if (x.rank !== 1) return x;
  return x.reshape(asRow ? [1, x.shape[0]!] : [x.shape[0]!, 1]);
}

/**
 * Differentiable matrix product with NumPy semantics: `[m,k]·[k,n] → [m,n]`;
 * a 1-D `a` is a row (`[k]·[k,n] → [n]`) and a 1-D `b` a column
 * (`[m,k]·[k] → [m]`); leading batch dimensions broadcast
 * (`[B,m,k]·[k,n] → [B,m,n]`). For `C = A·B`: `∂A = ∂C·Bᵀ` and `∂B = Aᵀ·∂C`,
 * computed with the transposed kernels (no transposed copies); batch
 * dimensions that were broadcast are summed back.
 */
export function matmul(x: VariableLike, y: VariableLike): Variable {
  const ab = lift2("matmul", x, y);
  const a = ab[0];
  const b = ab[1];
  const av = a.value;
  const bv = b.value;
  const out = T.matmul(av, bv);
  return record("matmul", out, ab, (g) => {
    const aVec = av.rank === 1;
    const bVec = bv.rank === 1;
    const A = asMatrix(av, true);
    const B = asMatrix(bv, false);
    let gm = g;
    if (aVec || bVec) {
      // Restore the vector axes the product dropped: g becomes [...batch, m, n].
      const batch = g.shape.slice(0, g.rank - (aVec ? 0 : 1) - (bVec ? 0 : 1));
      gm = g.reshape([...batch, A.shape[A.rank - 2]!, B.shape[B.rank - 1]!]);
    }
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (a.requiresGrad) {
      ga = unbroadcast(T.matmul(gm, B, { transposeB: true }), A.shape);
      if (aVec) ga = ga.reshape(av.shape);
    }
    if (b.requiresGrad) {
      gb = unbroadcast(T.matmul(A, gm, { transposeA: true }), B.shape);
      if (bVec) gb = gb.reshape(bv.shape);
    }
    return [ga, gb];
  });
}
