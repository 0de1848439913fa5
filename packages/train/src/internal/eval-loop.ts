import { noGrad } from "@neurite/autograd";
import type { Loss, Module } from "@neurite/layers";
import type { Logs } from "../history.js";
import type { Metric } from "../metrics/metric.js";
import type { BatchLike } from "./data.js";

/**
 * The loss (mean over samples, each batch weighted by its size) and every
 * metric over `batches`, with the model in eval mode and no graph recorded.
 * Each module's mode is restored afterwards.
 * @internal
 */
export function evaluateBatches(
  model: Module,
  batches: Iterable<BatchLike>,
  loss: Loss | undefined,
  metrics: readonly Metric[],
  prefix = "",
): Logs {
  return model.withMode(false, () =>
    noGrad(() => {
      for (const m of metrics) m.reset();
      let sum = 0;
      let seen = 0;
      for (const b of batches) {
        const out = model.call(b.x).value;
        const n = b.x.shape[0]!;
        if (loss) sum += loss.call(out, b.y).value.data[0]! * n;
        seen += n;
        for (const m of metrics) m.update(out, b.y);
      }
      const logs: Logs = {};
      if (loss) logs[`${prefix}loss`] = seen === 0 ? Number.NaN : sum / seen;
      for (const m of metrics) logs[`${prefix}${m.name}`] = m.result();
      return logs;
    }),
  );
}
