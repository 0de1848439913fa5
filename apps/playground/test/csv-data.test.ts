import { CsvError } from "@neurite/datasets";
import { describe, expect, it } from "vitest";
import { inspectCsv, readCsvData } from "../src/csv-data.js";

const FLOWERS =
  "petal_length,petal_width,species\n1.4,0.2,setosa\n4.7,1.4,versicolor\n5.1,1.9,virginica\n1.3,0.2,setosa\n";
const HOUSES = "rooms,age,price\n3,20,210.5\n4,5,320\n2,40,150.25\n";

describe("inspectCsv", () => {
  it("reads the columns and suggests the last one as a class target", () => {
    expect(inspectCsv(FLOWERS)).toEqual({
      columns: ["petal_length", "petal_width", "species"],
      rows: 4,
      target: "species",
      task: "classification",
    });
  });

  it("suggests a regression for a numeric target", () => {
    const o = inspectCsv(HOUSES);
    expect(o.task).toBe("regression");
    expect(o.rows).toBe(3);
  });

  it("suggests classes for a few whole-number labels, a regression for many", () => {
    const labels = ["x,label", ...Array.from({ length: 30 }, (_, i) => `${i},${i % 3}`)].join("\n");
    expect(inspectCsv(labels).task).toBe("classification");
    const counts = ["x,count", ...Array.from({ length: 30 }, (_, i) => `${i},${i}`)].join("\n");
    expect(inspectCsv(counts).task).toBe("regression");
  });

  it("names the line of a malformed row", () => {
    const bad = "a,b,c\n1,2,3\n4,5\n6,7,8\n";
    expect(() => inspectCsv(bad)).toThrow(CsvError);
    expect(() => inspectCsv(bad)).toThrow(/line 3, column 3: expected 3 fields, got 2/);
  });
});

describe("readCsvData", () => {
  it("gives features and class labels for a classification", () => {
    const d = readCsvData(FLOWERS, "flowers.csv", {
      target: "species",
      features: ["petal_length", "petal_width"],
      task: "classification",
    });
    expect(d.rows).toBe(4);
    expect(d.featureNames).toEqual(["petal_length", "petal_width"]);
    expect(d.targetNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect(Array.from(d.y)).toEqual([0, 1, 2, 0]);
    expect(d.y).toBeInstanceOf(Int32Array);
    expect(Array.from(d.x)).toEqual([1.4, 0.2, 4.7, 1.4, 5.1, 1.9, 1.3, 0.2].map(Math.fround));
  });

  it("gives values for a regression", () => {
    const d = readCsvData(HOUSES, "houses.csv", {
      target: "price",
      features: ["rooms", "age"],
      task: "regression",
    });
    expect(d.y).toBeInstanceOf(Float32Array);
    expect(Array.from(d.y)).toEqual([210.5, 320, 150.25]);
    expect(d.targetNames).toEqual(["price"]);
  });

  it("names the line and column of a field that is not a number", () => {
    const bad = `${HOUSES}5,old,400\n`;
    const read = () =>
      readCsvData(bad, "houses.csv", {
        target: "price",
        features: ["rooms", "age"],
        task: "regression",
      });
    expect(read).toThrow(CsvError);
    expect(read).toThrow(/line 5, column 2 \("age"\): expected a number, got "old"/);
  });

  it("refuses a choice without features, with the target as a feature, or with one class", () => {
    const base = { target: "price", task: "regression" } as const;
    expect(() => readCsvData(HOUSES, "h", { ...base, features: [] })).toThrow(
      /at least one feature/,
    );
    expect(() => readCsvData(HOUSES, "h", { ...base, features: ["price"] })).toThrow(
      /cannot also be a feature/,
    );
    expect(() =>
      readCsvData("a,b\n1,x\n2,x\n", "h", { target: "b", features: ["a"], task: "classification" }),
    ).toThrow(/has 1 class/);
  });
});
