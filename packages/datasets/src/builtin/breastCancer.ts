import { breastCancer } from "../embedded/breast_cancer.js";
import type { Dataset } from "../types.js";
import { cachedLoader, featuresAndLast, labels, numericTable, recordFields } from "./table.js";

const MEASURES = [
  "radius",
  "texture",
  "perimeter",
  "area",
  "smoothness",
  "compactness",
  "concavity",
  "concave points",
  "symmetry",
  "fractal dimension",
];

/** `mean radius` … `mean fractal dimension`, `radius error` …, `worst radius` …, as scikit-learn names them. */
const FEATURES = [
  ...MEASURES.map((m) => `mean ${m}`),
  ...MEASURES.map((m) => `${m} error`),
  ...MEASURES.map((m) => `worst ${m}`),
];

const DESCRIPTION = `Breast cancer Wisconsin (diagnostic): 569 digitized images of fine-needle
aspirates of breast masses, each summarized by 10 properties of the cell
nuclei (radius, texture, perimeter, area, smoothness, compactness, concavity,
concave points, symmetry, fractal dimension), given three times: the mean over
the nuclei, its standard error, and the mean of the three largest values. The
target is the diagnosis: 0 malignant (212), 1 benign (357). A binary
classification problem with features on very different scales. Source: W. H.
Wolberg, W. N. Street and O. L. Mangasarian, UCI Machine Learning Repository,
as distributed by scikit-learn.`;

const load = cachedLoader(() => {
  const t = featuresAndLast(
    numericTable("loadBreastCancer", breastCancer, { skipRows: 1, rows: 569, cols: 31 }),
  );
  return { x: t.x, features: 30, y: labels(t.last) };
});

/**
 * The breast cancer Wisconsin (diagnostic) dataset: 569 samples, 30 features,
 * 2 classes.
 *
 * @returns `x` float32 `[569, 30]`, `y` int32 `[569]`: 0 malignant (212), 1 benign (357)
 */
export function loadBreastCancer(): Dataset {
  const { x, y } = load();
  return {
    name: "breast_cancer",
    task: "classification",
    x,
    y,
    featureNames: [...FEATURES],
    targetNames: recordFields("loadBreastCancer", breastCancer, 1).slice(2),
    description: DESCRIPTION,
  };
}
