// Where the WebAssembly kernels start to beat the TypeScript reference, and
// where splitting a kernel over threads starts to pay. Measured by calling
// both kernels directly (best of many runs) on the bench machine (2-core Xeon
// VM, Node 20.20); the package README has the tables.
//
// One call to a wasm kernel costs about 0.4-0.6 µs more than the reference
// (copy in, publish the task, copy out); waking a sleeping worker thread took
// ~150 µs (median) there, so work is split only when one thread would need a
// few hundred µs; a worker that wakes late finds no chunk left and costs nothing.

/** Multiply-adds (m·k·n) from which matmul runs in WebAssembly (cpu wins below ~8³). */
export const MATMUL_WASM_MIN = 1000;
/**
 * Multiply-adds from which matmul is split over threads (~160³; 128³ takes
 * ~130 µs on one thread and gained nothing reliable from a second one).
 */
export const MATMUL_THREADS_MIN = 1 << 22;

/** Elements from which cheap unary functions (relu, neg, ...) run in WebAssembly. */
export const UNARY_WASM_MIN = 1024;
/** Elements from which exp, log, sigmoid and tanh run in WebAssembly. */
export const UNARY_MATH_WASM_MIN = 128;
/** Elements from which cheap unary functions are split over threads. */
export const UNARY_THREADS_MIN = 1 << 19;
/** Elements from which exp, log, sigmoid and tanh are split over threads. */
export const UNARY_MATH_THREADS_MIN = 1 << 16;

/** Elements from which binary functions run in WebAssembly. */
export const BINARY_WASM_MIN = 512;
/** Elements from which binary functions are split over threads. */
export const BINARY_THREADS_MIN = 1 << 19;

/** Elements read from which reductions run in WebAssembly. */
export const REDUCE_WASM_MIN = 1024;
/** Elements read from which reductions are split over threads. */
export const REDUCE_THREADS_MIN = 1 << 19;

/**
 * Elements (rows·features) from which BatchNorm forward and backward run in
 * WebAssembly: at 128×512 float32 the training forward takes 104 µs against
 * the reference's 371 µs, the backward 151 µs against 550 µs.
 */
export const BATCHNORM_WASM_MIN = 4096;
/**
 * Elements from which BatchNorm is split over threads (by blocks of 64
 * features). On the shared bench machine a second thread gained nothing
 * measurable up to 512×512, so only larger batches are split.
 */
export const BATCHNORM_THREADS_MIN = 1 << 19;

/**
 * Elements from which an optimizer's update (every optimizer kernel) runs in
 * WebAssembly: below it, copying the parameter, gradient and state in and
 * back costs more than the float64 JavaScript loop.
 */
export const OPTIMIZER_WASM_MIN = 4096;
/** Elements from which an optimizer's update is split over threads. */
export const OPTIMIZER_THREADS_MIN = 1 << 17;
/**
 * Elements (rows·units) of the dense epilogue and of the fused dZ + bias
 * gradient pass from which they are split over threads. The dense kernels
 * themselves run in WebAssembly from {@link MATMUL_WASM_MIN} multiply-adds,
 * where the products they contain do.
 */
export const DENSE_PASS_THREADS_MIN = 1 << 16;

/** Elements from which the derivative of an activation (unaryGrad) runs in WebAssembly. */
export const UNARY_GRAD_WASM_MIN = 1024;
/** Elements from which unaryGrad is split over threads. */
export const UNARY_GRAD_THREADS_MIN = 1 << 19;
