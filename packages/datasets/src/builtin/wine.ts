import { wineData } from "../embedded/wine_data.js";
import type { Dataset } from "../types.js";
import { cachedLoader, featuresAndLast, labels, numericTable, recordFields } from "./table.js";

const FEATURES = [
  "alcohol",
  "malic_acid",
  "ash",
  "alcalinity_of_ash",
  "magnesium",
  "total_phenols",
  "flavanoids",
  "nonflavanoid_phenols",
  "proanthocyanins",
  "color_intensity",
  "hue",
  "od280/od315_of_diluted_wines",
  "proline",
];

const DESCRIPTION = `Wine: 178 wines from one region of Italy, made from three grape cultivars
(classes 0, 1, 2 with 59, 71 and 48 samples). Each wine is described by 13
results of a chemical analysis, from alcohol and acidity to colour intensity and
proline. The scales differ by orders of magnitude (hue is near 1, proline near
750), so standardize the features before training a network. This is the
classification example of the textbook: 75/25 split, Dense(20), batch
normalization, ReLU, Dense(3), softmax. Source: UCI Machine Learning Repository
(Forina et al.), as distributed by scikit-learn.`;

const load = cachedLoader(() => {
  const t = featuresAndLast(
    numericTable("loadWine", wineData, { skipRows: 1, rows: 178, cols: 14 }),
  );
  return { x: t.x, features: 13, y: labels(t.last) };
});

/**
 * The wine recognition dataset: 178 samples, 13 chemical measurements, 3
 * cultivars. Embedded in the package (no network, no file system).
 *
 * @returns `x` float32 `[178, 13]`, `y` int32 `[178]` in 0..2 (59/71/48 per class)
 * @example
 * ```ts
 * const { x, y, featureNames } = loadWine();
 * ```
 */
export function loadWine(): Dataset {
  const { x, y } = load();
  return {
    name: "wine",
    task: "classification",
    x,
    y,
    featureNames: [...FEATURES],
    targetNames: recordFields("loadWine", wineData, 1).slice(2),
    description: DESCRIPTION,
  };
}
