/**
 * Why a network with step or sign activations still learns: their derivative
 * is 0 wherever it exists, so backpropagation passes nothing back through
 * them, and only the layers after the last such activation are trained (with
 * all hidden layers step or sign: only the output layer). The layers before
 * keep their initial random weights and act as fixed random features.
 */
import type { LayerSpec } from "../state.js";

const FLAT = new Set(["step", "sign"]);

/** The note for these hidden layers, or `null` when no layer uses step or sign. */
export function gradientNote(layers: readonly LayerSpec[]): string | null {
  let last = -1;
  layers.forEach((l, i) => {
    if (FLAT.has(l.activation)) last = i;
  });
  if (last < 0) return null;
  const name = layers[last]!.activation;
  const after = layers.length - (last + 1);
  const trained =
    after === 0
      ? "only the output layer learns"
      : after === 1
        ? `only layer ${layers.length} and the output layer learn`
        : `only layers ${last + 2}–${layers.length} and the output layer learn`;
  return (
    `Layer ${last + 1} uses ${name}, whose derivative is 0 wherever it exists: backpropagation ` +
    `passes no gradient back through it, so ${trained}. The layers before it keep their random ` +
    "initial weights and act as fixed random features, which is why the network still learns " +
    "something, but not as well as with a smooth activation."
  );
}
