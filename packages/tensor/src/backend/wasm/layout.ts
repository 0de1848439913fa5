// Mirror of assembly/layout.ts: where the kernels expect the control block's
// fields, and the kernel ids. Keep the two files in step.

/** Byte offsets inside the control block. */
export const CTL = {
  gen: 0,
  done2: 24,
  params: 64,
  /** Per-thread scratch: 256 bytes per thread id, from this offset. */
  scratch: 256,
  scratchBytes: 256,
  /** Inside a thread's scratch: chunks that thread has run (i32). */
  chunkCount: 252,
  bytes: 256 + 256 * 64,
} as const;

/** Most threads a task may use, main thread included (the kernels' scratch has room for this many). */
export const THREADS_LIMIT = 64;

/** Kernel ids of assembly/dispatch.ts. */
export const OP = {
  matmul: 1,
  unary: 2,
  binary: 3,
  reduce: 4,
  adam: 5,
  batchNormTraining: 20,
  batchNormInference: 21,
  batchNormBackward: 22,
  sgd: 30,
  adamax: 31,
  nadam: 32,
  rmsprop: 33,
  adagrad: 34,
  adadelta: 35,
  denseEpilogue: 10,
  denseGrad: 11,
  unaryGrad: 12,
} as const;
