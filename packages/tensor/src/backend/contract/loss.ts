/** Kernels of one family (Every loss and its gradient). Part of {@link Kernels}. */
// biome-ignore lint/suspicious/noEmptyInterface: filled kernel by kernel
export interface LossKernels {}
