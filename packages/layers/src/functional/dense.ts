import { record, type Variable } from "@neurite/autograd";
import { DTypeError, matmul, ShapeError, Tensor } from "@neurite/tensor";
import type { ActivationFunction } from "../activations/types.js";
import { alloc, asVariable, fmt, requireFloat } from "../internal.js";

/**
 * The fused dense op: `activation(x · kernel + bias)` as one recorded
 * operation. The forward pass is one matrix product plus one pass over the
 * output; the backward pass uses the transposed matrix products
 * `dX = dZ · Kᵀ` and `dK = Xᵀ · dZ` without copying a transpose.
 *
 * @param x - `[..., in]`: the last axis holds the features
 * @param kernel - `[in, units]` (Keras layout)
 * @param bias - `[units]`, or null/undefined for none
 * @param activation - applied in the same pass (identity when omitted)
 * @returns `[..., units]`
 */
export function dense(
  x: Variable | Tensor,
  kernel: Variable | Tensor,
  bias?: Variable | Tensor | null,
  activation?: ActivationFunction | null,
): Variable {
  const op = "dense";
  const xv = asVariable(op, "x", x);
  const kv = asVariable(op, "kernel", kernel);
  const bv = bias === undefined || bias === null ? null : asVariable(op, "bias", bias);
  requireFloat(op, "x", xv.dtype);
  if (kv.rank !== 2)
    throw new ShapeError(
      op,
      "kernel",
      `expected a [inputs, units] matrix, got shape ${fmt(kv.shape)}`,
    );
  const inDim = kv.shape[0]!;
  const units = kv.shape[1]!;
  if (xv.rank === 0 || xv.shape[xv.rank - 1] !== inDim)
    throw new ShapeError(
      op,
      "x",
      `expected ${inDim} features on the last axis to match the kernel ${fmt(kv.shape)}, got shape ${fmt(xv.shape)}`,
    );
  if (kv.dtype !== xv.dtype)
    throw new DTypeError(op, "kernel", `kernel is ${kv.dtype} but x is ${xv.dtype}`);
  if (bv) {
    if (bv.rank !== 1 || bv.shape[0] !== units)
      throw new ShapeError(op, "bias", `expected shape [${units}], got ${fmt(bv.shape)}`);
    if (bv.dtype !== xv.dtype)
      throw new DTypeError(op, "bias", `bias is ${bv.dtype} but x is ${xv.dtype}`);
  }

  const rows = xv.size / inDim;
  // Already 2-D in the common case; reshaping would allocate a Tensor for nothing.
  const x2 = xv.rank === 2 ? xv.value : xv.value.reshape([rows, inDim]);
  const z = matmul(x2, kv.value);
  const zd = z.data;
  if (bv) {
    const b = bv.value.data;
    for (let r = 0; r < rows; r++) {
      const o = r * units;
      for (let j = 0; j < units; j++) zd[o + j]! += b[j]!;
    }
  }
  const act = activation && activation.name !== "identity" ? activation : null;
  const flat = [rows, units];
  let out = zd;
  if (act) {
    out = alloc(z.dtype, z.size);
    act.forward(zd, out, flat);
  }
  const outShape = [...xv.shape.slice(0, -1), units];
  const inputs = bv ? [xv, kv, bv] : [xv, kv];
  return record(op, new Tensor(out, outShape), inputs, (g) => {
    let gz: Tensor;
    if (act) {
      const gzd = alloc(g.dtype, g.size);
      act.backward(g.data, zd, out, gzd, flat);
      gz = new Tensor(gzd, flat);
    } else gz = g.rank === 2 ? g : g.reshape(flat);
    let dx: Tensor | null = null;
    if (xv.requiresGrad) {
      dx = matmul(gz, kv.value, { transposeB: true });
      if (xv.rank !== 2) dx = dx.reshape(xv.shape as number[]);
    }
    const dk = kv.requiresGrad ? matmul(x2, gz, { transposeA: true }) : null;
    if (!bv) return [dx, dk];
    let db: Tensor | null = null;
    if (bv.requiresGrad) {
      const s = new Float64Array(units);
      const gd = gz.data;
      for (let r = 0; r < rows; r++) {
        const o = r * units;
        for (let j = 0; j < units; j++) s[j]! += gd[o + j]!;
      }
      const dbd = alloc(g.dtype, units);
      dbd.set(s);
      db = new Tensor(dbd, [units]);
    }
    return [dx, dk, db];
  });
}
