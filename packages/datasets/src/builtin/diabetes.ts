import { optionNames, type Tensor, ValueError } from "@neurite/tensor";
import { diabetesDataRaw } from "../embedded/diabetes_data_raw.js";
import { diabetesTarget } from "../embedded/diabetes_target.js";
import { checkOptions } from "../internal/check.js";
import { describe } from "../internal/describe.js";
import type { Dataset } from "../types.js";
import { cachedLoader, numericTable } from "./table.js";

/** Options of {@link loadDiabetes}. */
export interface DiabetesOptions {
  /**
   * `false` (default): the measurements as recorded (age in years, sex 1/2,
   * bmi, blood pressure, six serum values). `true`: each column centred and
   * divided by its standard deviation times √442 (every column's sum of squares
   * is 1), the values scikit-learn's `load_diabetes()` returns by default.
   */
  readonly scaled?: boolean;
}

const DIABETES_OPTIONS = optionNames<DiabetesOptions>({ scaled: true });

const FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];

const DESCRIPTION = `Diabetes: 442 diabetes patients, each described at a baseline visit by age,
sex, body mass index, average blood pressure and six blood serum measurements
(s1 total cholesterol, s2 LDL, s3 HDL, s4 total/HDL cholesterol, s5 log of
triglycerides, s6 blood sugar). The target is a number measuring how far the
disease progressed one year later (25 to 346). A small regression problem, and
the alternative to the Boston house prices for regression examples. Source:
B. Efron, T. Hastie, I. Johnstone and R. Tibshirani, "Least Angle Regression"
(2004), as distributed by scikit-learn.`;

/** The embedded measurements `[442, 10]` and targets `[442, 1]`, as recorded. */
function readTables() {
  const x = numericTable("loadDiabetes", diabetesDataRaw, {
    skipRows: 0,
    delimiter: " ",
    rows: 442,
    cols: 10,
  });
  const y = numericTable("loadDiabetes", diabetesTarget, { skipRows: 0, rows: 442, cols: 1 });
  return { x, y };
}

const load = cachedLoader(() => {
  const { x, y } = readTables();
  return { x: Float32Array.from(x.data), features: 10, y: Float32Array.from(y.data) };
});

const loadScaled = cachedLoader(() => {
  const { x: t, y } = readTables();
  const x = new Float32Array(t.data.length);
  for (let c = 0; c < t.cols; c++) {
    let mean = 0;
    for (let r = 0; r < t.rows; r++) mean += t.data[r * t.cols + c]!;
    mean /= t.rows;
    let ss = 0;
    for (let r = 0; r < t.rows; r++) ss += (t.data[r * t.cols + c]! - mean) ** 2;
    // std·√n = √(Σ(v-mean)²/n)·√n = √Σ(v-mean)²
    const norm = Math.sqrt(ss);
    for (let r = 0; r < t.rows; r++) x[r * t.cols + c] = (t.data[r * t.cols + c]! - mean) / norm;
  }
  return { x, features: 10, y: Float32Array.from(y.data) };
});

/**
 * The diabetes dataset: 442 patients, 10 baseline measurements, and a measure
 * of disease progression one year later. A regression dataset without the
 * problems of {@link loadBoston}.
 *
 * Unlike scikit-learn, the features come unscaled by default (pass
 * `{ scaled: true }` for scikit-learn's scaling); standardize them with
 * {@link StandardScaler} fitted on the training rows.
 *
 * @param options - `scaled` (default false)
 * @returns `x` float32 `[442, 10]`, `y` float32 `[442]`
 */
export function loadDiabetes(options?: DiabetesOptions): Dataset {
  const o = checkOptions("loadDiabetes", options, DIABETES_OPTIONS);
  const scaled = o.scaled ?? false;
  if (typeof scaled !== "boolean")
    throw new ValueError(
      "loadDiabetes",
      "options.scaled",
      `expected true or false, got ${describe(scaled)}`,
    );
  const { x, y }: { x: Tensor; y: Tensor } = scaled ? loadScaled() : load();
  return {
    name: "diabetes",
    task: "regression",
    x,
    y,
    featureNames: [...FEATURES],
    targetNames: ["disease_progression"],
    description: DESCRIPTION,
  };
}
