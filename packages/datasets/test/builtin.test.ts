import { ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  loadBoston,
  loadBreastCancer,
  loadDiabetes,
  loadDigits,
  loadIris,
  loadWine,
} from "../src/index.js";
import { counts, expectError } from "./helpers.js";

describe("loadWine", () => {
  const w = loadWine();
  it("has 178 samples of 13 float32 features and int32 classes 59/71/48", () => {
    expect(w.x.shape).toEqual([178, 13]);
    expect(w.x.dtype).toBe("float32");
    expect(w.y.shape).toEqual([178]);
    expect(w.y.dtype).toBe("int32");
    expect(counts(w.y.data)).toEqual({ 0: 59, 1: 71, 2: 48 });
    expect(w.task).toBe("classification");
  });
  it("reads the first and last rows of wine_data.csv", () => {
    expect(Array.from(w.x.data.slice(0, 13))).toEqual(
      [14.23, 1.71, 2.43, 15.6, 127, 2.8, 3.06, 0.28, 2.29, 5.64, 1.04, 3.92, 1065].map(
        Math.fround,
      ),
    );
    expect(Array.from(w.x.data.slice(177 * 13))).toEqual(
      [14.13, 4.1, 2.74, 24.5, 96, 2.05, 0.76, 0.56, 1.35, 9.2, 0.61, 1.6, 560].map(Math.fround),
    );
    expect(w.y.data[0]).toBe(0);
    expect(w.y.data[177]).toBe(2);
  });
  it("names its features and classes", () => {
    expect(w.featureNames[0]).toBe("alcohol");
    expect(w.featureNames[12]).toBe("proline");
    expect(w.featureNames).toHaveLength(13);
    expect(w.targetNames).toEqual(["class_0", "class_1", "class_2"]);
    expect(w.description).toContain("178");
  });
  it("hands out fresh tensors: writing into one does not change the next load", () => {
    const a = loadWine();
    a.x.data[0] = -1;
    a.y.data[0] = 9;
    a.featureNames[0] = "changed";
    const b = loadWine();
    expect(b.x.data[0]).toBeCloseTo(14.23, 5);
    expect(b.y.data[0]).toBe(0);
    expect(b.featureNames[0]).toBe("alcohol");
  });
});

describe("loadIris", () => {
  it("has 150 samples, 4 features and 50 per class", () => {
    const d = loadIris();
    expect(d.x.shape).toEqual([150, 4]);
    expect(counts(d.y.data)).toEqual({ 0: 50, 1: 50, 2: 50 });
    expect(Array.from(d.x.data.slice(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(d.targetNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect(d.featureNames).toEqual([
      "sepal length (cm)",
      "sepal width (cm)",
      "petal length (cm)",
      "petal width (cm)",
    ]);
  });
});

describe("loadBreastCancer", () => {
  it("has 569 samples, 30 features, 212 malignant (0) and 357 benign (1)", () => {
    const d = loadBreastCancer();
    expect(d.x.shape).toEqual([569, 30]);
    expect(counts(d.y.data)).toEqual({ 0: 212, 1: 357 });
    expect(d.targetNames).toEqual(["malignant", "benign"]);
    expect(d.featureNames[0]).toBe("mean radius");
    expect(d.featureNames[10]).toBe("radius error");
    expect(d.featureNames[29]).toBe("worst fractal dimension");
    expect(d.x.data[0]).toBeCloseTo(17.99, 4);
    expect(d.x.data[29]).toBeCloseTo(0.1189, 6);
  });
});

describe("loadDigits", () => {
  const d = loadDigits();
  it("has 1797 8×8 images with pixel values 0..16 and labels 0..9", () => {
    expect(d.x.shape).toEqual([1797, 64]);
    expect(d.images.shape).toEqual([1797, 8, 8]);
    expect(Math.max(...d.x.data)).toBe(16);
    expect(Math.min(...d.x.data)).toBe(0);
    const c = counts(d.y.data);
    expect(Object.keys(c)).toHaveLength(10);
    expect(Object.values(c).reduce((a, b) => a + b, 0)).toBe(1797);
    expect(c[0]).toBe(178);
    expect(Array.from(d.y.data.slice(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it("images hold the same pixels as x, row by row", () => {
    expect(d.images.data.every((v, i) => v === d.x.data[i])).toBe(true);
    expect(d.images.data === d.x.data).toBe(false);
    // first image, second row (pixels 8..15 of the file's first line)
    expect(Array.from(d.x.data.slice(8, 16))).toEqual([0, 0, 13, 15, 10, 15, 5, 0]);
    expect(d.featureNames[9]).toBe("pixel_1_1");
  });
});

describe("loadDiabetes", () => {
  it("has 442 raw samples of 10 features and a float target from 25 to 346", () => {
    const d = loadDiabetes();
    expect(d.x.shape).toEqual([442, 10]);
    expect(d.y.dtype).toBe("float32");
    expect(d.task).toBe("regression");
    expect(Array.from(d.x.data.slice(0, 10))).toEqual(
      [59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87].map(Math.fround),
    );
    expect(Math.min(...d.y.data)).toBe(25);
    expect(Math.max(...d.y.data)).toBe(346);
    expect(d.y.data[0]).toBe(151);
    expect(d.featureNames).toEqual(["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]);
  });
  it("scaled: true centres each column and makes its sum of squares 1 (scikit-learn's values)", () => {
    const d = loadDiabetes({ scaled: true });
    for (let c = 0; c < 10; c++) {
      let s = 0;
      let ss = 0;
      for (let r = 0; r < 442; r++) {
        s += d.x.data[r * 10 + c]!;
        ss += d.x.data[r * 10 + c]! ** 2;
      }
      expect(Math.abs(s)).toBeLessThan(1e-5);
      expect(ss).toBeCloseTo(1, 5);
    }
    // scikit-learn's load_diabetes().data[0, 0] is 0.0380759064334241
    expect(d.x.data[0]).toBeCloseTo(0.0380759064334241, 6);
  });
  it("rejects a non-boolean scaled option", () => {
    expectError(
      () => loadDiabetes({ scaled: "yes" as unknown as boolean }),
      ValueError,
      "loadDiabetes",
      "options.scaled",
      '"yes"',
    );
  });
});

describe("loadBoston", () => {
  const d = loadBoston();
  it("has 506 samples of 13 features and MEDV as a float target", () => {
    expect(d.x.shape).toEqual([506, 13]);
    expect(d.y.shape).toEqual([506]);
    expect(d.y.dtype).toBe("float32");
    expect(d.featureNames).toEqual([
      "CRIM",
      "ZN",
      "INDUS",
      "CHAS",
      "NOX",
      "RM",
      "AGE",
      "DIS",
      "RAD",
      "TAX",
      "PTRATIO",
      "B",
      "LSTAT",
    ]);
    expect(d.targetNames).toEqual(["MEDV"]);
    expect(d.y.data[0]).toBe(24);
    expect(d.y.data[505]).toBeCloseTo(11.9, 5);
    expect(Math.max(...d.y.data)).toBe(50);
  });
  it("says plainly what B encodes and points to loadDiabetes", () => {
    expect(d.description).toContain("proportion of Black residents");
    expect(d.description).toContain("1000(Bk - 0.63)^2");
    expect(d.description).toContain("loadDiabetes()");
  });
});
