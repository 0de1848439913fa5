import type { Workload } from "../types.js";
import { matmulWorkload } from "./matmul.js";
import { bookFitWorkload, mlpWorkload } from "./training.js";

/** Neurite is measured on one thread and on two (the W4 target is about both). */
const THREADS = [1, 2] as const;

/**
 * The workloads of `pnpm bench`, in order: W1 and W2 (the book's fits), W3
 * (MLP training steps), then W4 (square matmul) and the matmul shapes of
 * training. A workload is a file here, listed below.
 */
export function allWorkloads(): Workload[] {
  const list: Workload[] = [
    bookFitWorkload({
      id: "W1",
      title: "wine fit: Dense20-BN-ReLU-Dense3-softmax, Adam, 30 epochs, batch 5",
      data: "wine",
      epochs: 30,
      batchSize: 5,
    }),
    bookFitWorkload({
      id: "W2",
      title: "Boston fit: Dense20-ReLU-Dense1, Adam, 30 epochs, batch 5",
      data: "boston",
      epochs: 30,
      batchSize: 5,
    }),
  ];
  for (const batch of [32, 128, 512]) list.push(mlpWorkload(batch, THREADS));
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
      detail: true,
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
      detail: true,
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
      detail: true,
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
      detail: true,
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
      detail: true,
    }),
  );
  return list;
}
