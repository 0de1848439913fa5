// Layout of the control block shared by the calling thread and the workers.
// It sits at the start of the arena (an address the loader chooses); every
// kernel call writes its parameters there, then publishes a new generation.
//
// Offsets are in bytes from the control block's base.

/** Generation counter the workers wait on (i32). */
export const GEN: usize = 0;
/** Number of threads allowed to take part in the current task (i32). */
export const MAX_THREADS: usize = 4;
/** Kernel id of the current task (i32), one of the `OP_*` constants. */
export const OP: usize = 8;
/** Chunks in phase 1 and phase 2 (i32 each). */
export const N1: usize = 12;
export const N2: usize = 16;
/** Chunks finished in phase 1 and phase 2 (i32 each). */
export const DONE1: usize = 20;
export const DONE2: usize = 24;
/** Next chunk to claim in phase 1 and 2: `generation << 32 | index` (i64 each). */
export const NEXT1: usize = 32;
export const NEXT2: usize = 40;
/** Kernel parameters: 32 slots of 4 bytes (i32 or f32). */
export const PARAMS: usize = 64;
/** Per-thread scratch space: `SCRATCH_BYTES` for each thread id. */
export const SCRATCH: usize = 256;
export const SCRATCH_BYTES: usize = 256;
/** Inside a thread's scratch: chunks it has run so far (i32; read by tests). */
export const CHUNK_COUNT: usize = 252;
/** Most threads a task may use (main thread included). */
export const THREADS_LIMIT: i32 = 64;
/** Size of the whole control block. */
export const CONTROL_BYTES: usize = SCRATCH + SCRATCH_BYTES * <usize>THREADS_LIMIT;

/** Kernel ids. */
export const OP_MATMUL: i32 = 1;
export const OP_UNARY: i32 = 2;
export const OP_BINARY: i32 = 3;
export const OP_REDUCE: i32 = 4;
export const OP_ADAM: i32 = 5;
export const OP_BATCHNORM_TRAINING: i32 = 20;
export const OP_BATCHNORM_INFERENCE: i32 = 21;
export const OP_BATCHNORM_BACKWARD: i32 = 22;
export const OP_SGD: i32 = 30;
export const OP_ADAMAX: i32 = 31;
export const OP_NADAM: i32 = 32;
export const OP_RMSPROP: i32 = 33;
export const OP_ADAGRAD: i32 = 34;
export const OP_ADADELTA: i32 = 35;
export const OP_DENSE_EPILOGUE: i32 = 10;
export const OP_DENSE_GRAD: i32 = 11;
export const OP_UNARY_GRAD: i32 = 12;

/** Reads i32 parameter `i` of the task at `ctl`. */
export function param(ctl: usize, i: i32): i32 {
  return load<i32>(ctl + PARAMS + ((<usize>i) << 2));
}

/** Reads f32 parameter `i` of the task at `ctl`. */
export function paramF(ctl: usize, i: i32): f32 {
  return load<f32>(ctl + PARAMS + ((<usize>i) << 2));
}

/** Float64 parameter in slots `i` and `i + 1` (`i` even: 8-byte aligned). */
export function paramD(ctl: usize, i: i32): f64 {
  return load<f64>(ctl + PARAMS + ((<usize>i) << 2));
}
