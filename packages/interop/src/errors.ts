import { NeuriteError } from "@neurite/tensor";

/**
 * A layer (or activation) that the target format cannot express, or that
 * Neurite cannot rebuild from the source format. The message names the
 * function, the layer's position or name, and its class.
 *
 * @example
 * ```ts
 * try {
 *   toOnnx(model, { inputShape: [4] });
 * } catch (e) {
 *   if (e instanceof UnsupportedLayerError) console.log(e.layer, e.className); // "1" "Perceptron"
 * }
 * ```
 */
export class UnsupportedLayerError extends NeuriteError {
  /** The layer's path in the model (`"2"`, `"1.0"`) or its name in the source file. */
  readonly layer: string;
  /** The layer's class: Neurite's (`"Perceptron"`) or the source format's (`"Conv2D"`). */
  readonly className: string;

  /**
   * @param op - the function that refused the model (`"toOnnx"`, `"fromTfjs"`, ...)
   * @param arg - the argument that holds the model
   * @param layer - the layer's path or name
   * @param className - the layer's class
   * @param reason - why it cannot be converted, and what to do instead
   */
  constructor(op: string, arg: string, layer: string, className: string, reason: string) {
    super(op, arg, `layer '${layer}' (${className}): ${reason}`);
    this.layer = layer;
    this.className = className;
  }
}
