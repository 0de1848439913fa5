/** Kernels of one family (Inverted dropout with a mask drawn from the seeded generator). Part of {@link Kernels}. */
// biome-ignore lint/suspicious/noEmptyInterface: filled kernel by kernel
export interface DropoutKernels {}
