/** Kernels of one family (Batch normalization, forward (training and inference) and backward). Part of {@link Kernels}. */
// biome-ignore lint/suspicious/noEmptyInterface: filled kernel by kernel
export interface NormalizationKernels {}
