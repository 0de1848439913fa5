import { matmul, Tensor } from "@neurite/tensor";
import { tf } from "../impls/tfjs.js";
import { normalData } from "../rand.js";
import type { ImplName, Job, Params, Workload } from "../types.js";

/** A matrix product op(A)[m,k] · op(B)[k,n] to time. */
export interface MatmulSpec {
  id: string;
  title: string;
  m: number;
  k: number;
  n: number;
  /** A is stored [k, m] and used transposed. */
  transA?: boolean;
  /** B is stored [n, k] and used transposed. */
  transB?: boolean;
  params: Params;
  neuriteThreads: readonly number[];
  /** Skipped by `--quick` (see {@link Workload.detail}). */
  detail?: boolean;
}

/**
 * A float32 matmul workload scored in GFLOPS (2·m·k·n per call). Every
 * implementation multiplies the same seeded data; the peers' result is read
 * back (`await c.data()`) inside the timed call, Neurite's is a plain array.
 */
export function matmulWorkload(spec: MatmulSpec): Workload {
  const { m, k, n } = spec;
  const transA = spec.transA ?? false;
  const transB = spec.transB ?? false;
  const aShape = transA ? [k, m] : [m, k];
  const bShape = transB ? [n, k] : [k, n];
  let data: { a: Float32Array; b: Float32Array } | null = null;
  const inputs = () => {
    data ??= { a: normalData(m * k, 1000 + m), b: normalData(k * n, 2000 + n) };
    return data;
  };
  return {
    id: spec.id,
    title: spec.title,
    params: spec.params,
    unit: "GFLOPS",
    higherIsBetter: true,
    neuriteThreads: spec.neuriteThreads,
    detail: spec.detail ?? false,
    score: (ms) => (2 * m * k * n) / (ms * 1e6),
    torch: { kind: "matmul", m, k, n, transA, transB },
    build(impl: ImplName): Job {
      const { a, b } = inputs();
      if (impl === "neurite") {
        const ta = new Tensor(a, aShape);
        const tb = new Tensor(b, bShape);
        const options = { transposeA: transA, transposeB: transB };
        return { run: () => void matmul(ta, tb, options), dispose: () => {} };
      }
      const ta = tf.tensor(a, aShape, "float32");
      const tb = tf.tensor(b, bShape, "float32");
      return {
        run: async () => {
          const c = tf.matMul(ta, tb, transA, transB);
          await c.data();
          c.dispose();
        },
        dispose: () => {
          ta.dispose();
          tb.dispose();
        },
      };
    },
  };
}
