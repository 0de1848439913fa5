import type { Workload } from "../types.js";
import { matmulWorkload } from "./matmul.js";

/** Neurite is measured on one thread and on two (the W4 target is about both). */
const THREADS = [1, 2] as const;

/**
 * The workloads of `pnpm bench`, in order. W4 (square matmul) and the matmul
 * shapes of training come first; W1-W3 (training loops) will join once the
 * training loop exists: add a file here and list it below.
 */
export function allWorkloads(): Workload[] {
  const list: Workload[] = [];
  for (const n of [128, 512, 1024]) {
    list.push(
      matmulWorkload({
        id: "W4",
        title: `square matmul ${n}x${n}`,
        m: n,
        k: n,
        n,
        params: { n },
        neuriteThreads: THREADS,
      }),
    );
  }
  // The backward pass of a dense layer multiplies by transposes.
  list.push(
    matmulWorkload({
      id: "W4-ABt",
      title: "A·Bᵀ 512 (backward: dX = dY·Wᵀ)",
      m: 512,
      k: 512,
      n: 512,
      transB: true,
      params: { n: 512 },
      neuriteThreads: THREADS,
    }),
    matmulWorkload({
      id: "W4-AtB",
      title: "Aᵀ·B 512 (backward: dW = Xᵀ·dY)",
      m: 512,
      k: 512,
      n: 512,
      transA: true,
      params: { n: 512 },
      neuriteThreads: THREADS,
    }),
  );
  // The MLP of W3 (784-512-...) at batch 128: forward and both gradient products.
  const layer = { batch: 128, in: 784, out: 512 };
  list.push(
    matmulWorkload({
      id: "W3-fwd",
      title: "X·W [128,784]x[784,512]",
      m: 128,
      k: 784,
      n: 512,
      params: layer,
      neuriteThreads: THREADS,
    }),
    matmulWorkload({
      id: "W3-dW",
      title: "Xᵀ·dY [784,128]x[128,512]",
      m: 784,
      k: 128,
      n: 512,
      transA: true,
      params: layer,
      neuriteThreads: THREADS,
    }),
    matmulWorkload({
      id: "W3-dX",
      title: "dY·Wᵀ [128,512]x[512,784]",
      m: 128,
      k: 512,
      n: 784,
      transB: true,
      params: layer,
      neuriteThreads: THREADS,
    }),
  );
  return list;
}
