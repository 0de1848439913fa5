import { iris } from "../embedded/iris.js";
import type { Dataset } from "../types.js";
import { cachedLoader, featuresAndLast, labels, numericTable, recordFields } from "./table.js";

const FEATURES = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"];

const DESCRIPTION = `Iris: 150 flowers of three iris species (setosa, versicolor, virginica; 50
each), measured by the length and width of their sepals and petals in
centimetres. Setosa is separable from the other two by a straight line; the
other two overlap a little, which makes it a good first multi-class problem.
Source: R. A. Fisher (1936) via the UCI Machine Learning Repository, as
distributed by scikit-learn.`;

const load = cachedLoader(() => {
  const t = featuresAndLast(numericTable("loadIris", iris, { skipRows: 1, rows: 150, cols: 5 }));
  return { x: t.x, features: 4, y: labels(t.last) };
});

/**
 * The iris dataset: 150 samples, 4 measurements in cm, 3 species.
 *
 * @returns `x` float32 `[150, 4]`, `y` int32 `[150]` in 0..2 (50 per class)
 */
export function loadIris(): Dataset {
  const { x, y } = load();
  return {
    name: "iris",
    task: "classification",
    x,
    y,
    featureNames: [...FEATURES],
    targetNames: recordFields("loadIris", iris, 1).slice(2),
    description: DESCRIPTION,
  };
}
