// Where the WebAssembly kernels start to beat the TypeScript reference, and
// where splitting a kernel over threads starts to pay. Measured on the bench
// machine (2 cores, Node 20); see the package README for the numbers.

/** Multiply-adds (m·k·n) from which matmul runs in WebAssembly. */
export const MATMUL_WASM_MIN = 4096;
/** Multiply-adds from which matmul is split over threads. */
export const MATMUL_THREADS_MIN = 64 * 64 * 64;

/** Elements from which cheap unary functions (relu, neg, ...) run in WebAssembly. */
export const UNARY_WASM_MIN = 4096;
/** Elements from which exp, log, sigmoid and tanh run in WebAssembly. */
export const UNARY_MATH_WASM_MIN = 64;
/** Elements from which unary functions are split over threads. */
export const UNARY_THREADS_MIN = 1 << 16;

/** Elements from which binary functions run in WebAssembly. */
export const BINARY_WASM_MIN = 4096;
/** Elements from which binary functions are split over threads. */
export const BINARY_THREADS_MIN = 1 << 18;

/** Elements read from which reductions run in WebAssembly. */
export const REDUCE_WASM_MIN = 4096;
/** Elements read from which reductions are split over threads. */
export const REDUCE_THREADS_MIN = 1 << 18;
