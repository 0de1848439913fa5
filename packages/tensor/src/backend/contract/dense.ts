/** Kernels of one family (The fused dense layer: matrix product, bias and activation, and its backward pass). Part of {@link Kernels}. */
// biome-ignore lint/suspicious/noEmptyInterface: filled kernel by kernel
export interface DenseKernels {}
