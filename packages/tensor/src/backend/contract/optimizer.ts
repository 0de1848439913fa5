/** Kernels of one family (Every optimizer's update, in place). Part of {@link Kernels}. */
// biome-ignore lint/suspicious/noEmptyInterface: filled kernel by kernel
export interface OptimizerKernels {}
