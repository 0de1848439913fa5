/** Kernels of one family (Activations beyond `unary` and their derivatives; softmax and log-softmax). Part of {@link Kernels}. */
// biome-ignore lint/suspicious/noEmptyInterface: filled kernel by kernel
export interface ActivationKernels {}
