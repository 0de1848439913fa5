import type { Module } from "@neurite/layers";
import type { Tensor, TypedArray } from "@neurite/tensor";
import { allFinite } from "./finite.js";

/** Every tensor of a model's state (parameters, then buffers) with its name. */
export function stateTensors(model: Module): [string, Tensor][] {
  const out: [string, Tensor][] = model.namedParameters().map(([n, p]) => [n, p.value]);
  for (const [n, b] of model.namedBuffers()) out.push([n, b]);
  return out;
}

/**
 * A copy of a model's parameters and buffers kept in preallocated arrays, so
 * saving and restoring it allocates nothing (cheap enough to do every batch).
 * @internal
 */
export class StateSnapshot {
  private tensors: Tensor[] = [];
  private copies: TypedArray[] = [];
  /** Whether {@link StateSnapshot.save} has been called since the tensors were collected. */
  saved = false;

  /** Collects the model's state tensors (again, if they were replaced, e.g. by `model.to()`). */
  track(model: Module): void {
    const tensors = stateTensors(model).map(([, t]) => t);
    const same =
      tensors.length === this.tensors.length && tensors.every((t, i) => t === this.tensors[i]);
    if (same) return;
    this.tensors = tensors;
    this.copies = tensors.map((t) => t.data.slice());
    this.saved = false;
  }

  /** Copies the current values into the snapshot. */
  save(): void {
    const ts = this.tensors;
    for (let i = 0; i < ts.length; i++) this.copies[i]!.set(ts[i]!.data);
    this.saved = true;
  }

  /**
   * The index (in {@link stateTensors} order) of the first tracked tensor
   * holding NaN or an infinity in the model now, or -1. One pass over the
   * weights: cheap next to the step that changed them.
   */
  firstNonFiniteTensor(): number {
    const ts = this.tensors;
    for (let i = 0; i < ts.length; i++) if (!allFinite(ts[i]!.data)) return i;
    return -1;
  }

  /**
   * Copies the snapshot back into the model (in place), bumping each tensor's
   * version so a graph recorded before the restore cannot be backpropagated.
   */
  restore(): void {
    const ts = this.tensors;
    for (let i = 0; i < ts.length; i++) {
      ts[i]!.data.set(this.copies[i]!);
      ts[i]!.markModified();
    }
  }
}
