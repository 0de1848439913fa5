import { bostonHousePrices } from "../embedded/boston_house_prices.js";
import type { Dataset } from "../types.js";
import { cachedLoader, featuresAndLast, numericTable, recordFields } from "./table.js";

const DESCRIPTION = `Boston house prices: 506 census tracts of the Boston area in the 1970 census,
13 features, and the median value of owner-occupied homes in $1000s (MEDV) as
the target. This is the regression example of the textbook (75/25 split,
Dense(20, relu), Dense(1), mean squared error), shipped so that the example can
be reproduced. Be aware of what the data encode: the column B is
1000(Bk - 0.63)^2, where Bk is the proportion of Black residents of the town.
It builds a racial assumption into the data set (Harrison and Rubinfeld, 1978,
assumed the effect of that proportion on prices to be a parabola), and
scikit-learn removed the dataset in version 1.2 for this reason. CHAS is a
Charles River dummy (1 if the tract bounds the river), and MEDV is censored at
50. For new regression work use loadDiabetes() instead. Source: D. Harrison and
D. L. Rubinfeld, "Hedonic prices and the demand for clean air" (1978), as
distributed with scikit-learn.`;

const load = cachedLoader(() => {
  const t = featuresAndLast(
    numericTable("loadBoston", bostonHousePrices, { skipRows: 2, rows: 506, cols: 14 }),
  );
  return { x: t.x, features: 13, y: Float32Array.from(t.last) };
});

/**
 * The Boston house-prices dataset: 506 samples, 13 features, target MEDV
 * (median home value in $1000s). Provided to reproduce the textbook's
 * regression example.
 *
 * **What `B` encodes.** The feature `B` is `1000·(Bk − 0.63)²`, where `Bk` is
 * the proportion of Black residents by town. Its original authors built a
 * racial assumption into it, and scikit-learn removed this dataset in 1.2 for
 * that reason. For regression that does not carry this problem, use
 * {@link loadDiabetes}.
 *
 * @returns `x` float32 `[506, 13]` (CRIM … LSTAT), `y` float32 `[506]` (MEDV)
 */
export function loadBoston(): Dataset {
  const { x, y } = load();
  const names = recordFields("loadBoston", bostonHousePrices, 2);
  return {
    name: "boston",
    task: "regression",
    x,
    y,
    featureNames: names.slice(0, 13),
    targetNames: [names[13]!],
    description: DESCRIPTION,
  };
}
