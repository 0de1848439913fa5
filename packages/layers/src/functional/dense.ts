import { isGradEnabled, record, type Variable } from "@neurite/autograd";
import { DTypeError, kernels, ShapeError, Tensor } from "@neurite/tensor";
import { fusedUnaryOf } from "../activations/definitions.js";
import type { ActivationFunction } from "../activations/types.js";
import { alloc, asVariable, fmt, gradStorage, requireFloat } from "../internal.js";

/**
 * The fused dense op: `activation(x · kernel + bias)` as one recorded
 * operation: one `denseForward` kernel call (product, bias and an elementwise
 * activation), and one `denseBackward` call for the gradients (`dZ` fused with
 * the bias gradient, then `dX = dZ · Kᵀ` and `dK = Xᵀ · dZ` without copying a
 * transpose). Softmax / logSoftmax run as their own kernel after the product.
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
  const k = kernels();
  // Elementwise built-ins fuse into the dense kernels; softmax (or an
  // activation from outside) runs as its own step after the identity.
  const fused = activation ? fusedUnaryOf(activation) : { op: null, p1: 0 };
  const unaryOp = fused?.op ?? null;
  const p1 = fused?.p1 ?? 0;
  const after = activation && !fused ? activation : null;
  const dtype = xv.dtype;
  const size = rows * units;
  const xd = xv.value.data;
  const kd = kv.value.data;
  const bd = bv ? bv.value.data : null;
  // The pre-activation is kept only for a backward pass (none under noGrad).
  const keepZ =
    unaryOp !== null &&
    isGradEnabled() &&
    (xv.requiresGrad || kv.requiresGrad || bv?.requiresGrad === true);
  const z = keepZ ? alloc(dtype, size) : null;
  const y = alloc(dtype, size);
  k.denseForward(xd, kd, bd, z, y, rows, inDim, units, unaryOp, p1, 0);
  const flat = [rows, units];
  let out = y;
  if (after) {
    out = alloc(dtype, size);
    after.forward(y, out, flat);
  }
  const outShape = [...xv.shape.slice(0, -1), units];
  const inputs = bv ? [xv, kv, bv] : [xv, kv];
  return record(op, new Tensor(out, outShape), inputs, (g) => {
    let gd = g.data;
    if (after) {
      const ga = alloc(dtype, size);
      after.backward(gd, y, out, ga, flat);
      gd = ga;
    }
    const dx = xv.requiresGrad ? alloc(dtype, rows * inDim) : null;
    // The weight and bias gradients go straight into the buffers that become .grad.
    const dk = gradStorage(kv, inDim * units);
    const db = gradStorage(bv, units);
    // dZ stays inside the kernel (null): nothing here reads it.
    k.denseBackward(gd, xd, kd, z ?? y, y, null, dx, dk, db, rows, inDim, units, unaryOp, p1, 0);
    const grads = [dx && new Tensor(dx, xv.shape), dk && new Tensor(dk, [inDim, units])];
    if (bv) grads.push(db && new Tensor(db, [units]));
    return grads;
  });
}
