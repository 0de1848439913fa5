import type { IndexingKernels } from "../contract/indexing.js";

/** Reference {@link IndexingKernels.scatterAdd}. */
export const scatterAdd: IndexingKernels["scatterAdd"] = (g, idx, out, outer, dim, inner) => {
  const n = idx.length;
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < n; j++) {
      const dst = (o * dim + idx[j]!) * inner;
      const src = (o * n + j) * inner;
      for (let i = 0; i < inner; i++) out[dst + i]! += g[src + i]!;
    }
};
