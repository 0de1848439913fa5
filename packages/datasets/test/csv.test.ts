import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DTypeError, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { CsvError, loadWine, parseCsv } from "../src/index.js";
import { expectError } from "./helpers.js";

const HOUSES = `size,rooms,city,price
50.5,2,Paris,300
80,3,Lyon,250
120,4,Paris,600
65,2,Nice,280
`;

describe("parseCsv: columns and types", () => {
  it("detects a header, takes every other column as features and a numeric target as values", () => {
    const t = parseCsv("a,b,y\n1,2,3\n4,5,6\n", { target: "y" });
    expect(t.hasHeader).toBe(true);
    expect(t.columns).toEqual(["a", "b", "y"]);
    expect(t.featureNames).toEqual(["a", "b"]);
    expect(t.x.toArray()).toEqual([
      [1, 2],
      [4, 5],
    ]);
    expect(t.x.dtype).toBe("float32");
    expect(t.y!.dtype).toBe("float32");
    expect(t.y!.toArray()).toEqual([3, 6]);
    expect(t.targetName).toBe("y");
    expect(t.targetNames).toEqual(["y"]);
  });
  it("without a target, y is null and every column is a feature", () => {
    const t = parseCsv("1,2\n3,4\n");
    expect(t.hasHeader).toBe(false);
    expect(t.y).toBeNull();
    expect(t.columns).toEqual(["column_0", "column_1"]);
    expect(t.x.shape).toEqual([2, 2]);
  });
  it("one-hot encodes a categorical column with sorted categories", () => {
    const t = parseCsv(HOUSES, { target: "price", categorical: ["city"] });
    expect(t.featureNames).toEqual(["size", "rooms", "city=Lyon", "city=Nice", "city=Paris"]);
    expect(t.categories).toEqual({ city: ["Lyon", "Nice", "Paris"] });
    expect(t.x.toArray()).toEqual([
      [50.5, 2, 0, 0, 1],
      [80, 3, 1, 0, 0],
      [120, 4, 0, 0, 1],
      [65, 2, 0, 1, 0],
    ]);
  });
  it("label-encodes a categorical column, with the categories given in order", () => {
    const t = parseCsv(HOUSES, {
      target: "price",
      features: ["city", "size"],
      categorical: [{ column: "city", encoding: "label", categories: ["Paris", "Lyon", "Nice"] }],
    });
    expect(t.featureNames).toEqual(["city", "size"]);
    expect(t.x.toArray()).toEqual([
      [0, 50.5],
      [1, 80],
      [0, 120],
      [2, 65],
    ]);
  });
  it("categoricalEncoding sets the default encoding", () => {
    const t = parseCsv(HOUSES, { target: -1, categorical: [2], categoricalEncoding: "label" });
    expect(t.featureNames).toEqual(["size", "rooms", "city"]);
    expect(t.x.data[2]).toBe(2); // Paris is third of Lyon, Nice, Paris
  });
  it("reads a text target as int32 classes in sorted order", () => {
    const t = parseCsv("x,label\n1,cat\n2,dog\n3,cat\n", { target: "label" });
    expect(t.y!.dtype).toBe("int32");
    expect(t.y!.toArray()).toEqual([0, 1, 0]);
    expect(t.targetNames).toEqual(["cat", "dog"]);
  });
  it("targetType class label-encodes numbers numerically (1.0 is 1; 10 after 2)", () => {
    const t = parseCsv("x,c\n1,2\n2,10\n3,1.0\n4,1\n", { target: "c", targetType: "class" });
    expect(t.targetNames).toEqual(["1", "2", "10"]);
    expect(t.y!.toArray()).toEqual([1, 2, 0, 0]);
  });
  it("classes fixes the label order (and implies a class target)", () => {
    const t = parseCsv("x,c\n1,b\n2,a\n", { target: "c", classes: ["b", "a", "z"] });
    expect(t.y!.toArray()).toEqual([0, 1]);
    expect(t.targetNames).toEqual(["b", "a", "z"]);
  });
  it("columns by 0-based index, negative from the end", () => {
    const t = parseCsv("1,2,3\n4,5,6\n", { target: -1, features: [1, 0] });
    expect(t.x.toArray()).toEqual([
      [2, 1],
      [5, 4],
    ]);
    expect(t.y!.toArray()).toEqual([3, 6]);
  });
  it("dtype float64", () => {
    const t = parseCsv("0.1,2\n", { header: false, target: 1, dtype: "float64" });
    expect(t.x.dtype).toBe("float64");
    expect(t.x.data[0]).toBe(0.1);
    expect(t.y!.dtype).toBe("float64");
  });
  it("parses wine_data.csv into the same numbers as loadWine", () => {
    const text = readFileSync(join(__dirname, "..", "data", "wine_data.csv"), "utf8");
    const t = parseCsv(text, { skipRows: 1, header: false, target: -1, targetType: "class" });
    const w = loadWine();
    expect(t.x.shape).toEqual([178, 13]);
    expect(t.x.data.every((v, i) => v === w.x.data[i])).toBe(true);
    expect(Array.from(t.y!.data)).toEqual(Array.from(w.y.data));
  });
});

describe("parseCsv: dialect", () => {
  it("semicolons, tabs, and delimiter auto-detection", () => {
    expect(parseCsv("a;b\n1;2\n", { delimiter: ";" }).x.toArray()).toEqual([[1, 2]]);
    expect(parseCsv("a\tb\n1\t2\n", { delimiter: "\t" }).x.toArray()).toEqual([[1, 2]]);
    expect(parseCsv("a;b\n1;2\n3;4\n", { delimiter: "auto" }).x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
  it("quoted fields with delimiters, quotes and line breaks; CRLF; BOM", () => {
    const text = '\uFEFFname,v\r\n"a, ""b""\r\nc",1\r\nd,2\r\n';
    const t = parseCsv(text, { categorical: ["name"], categoricalEncoding: "label" });
    expect(t.categories.name).toEqual(['a, "b"\r\nc', "d"]);
    expect(t.x.toArray()).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
  it("skips blank lines and comment lines, and counts them in line numbers", () => {
    const text = "a,b\n# note\n1,2\n\n3,x\n";
    expect(() => parseCsv(text, { comments: "#" })).toThrow(/line 5, column 2/);
    expect(parseCsv("a,b\n# note\n1,2\n\n3,4\n", { comments: "#" }).x.shape).toEqual([2, 2]);
  });
  it("skipRows skips leading records (scikit-learn's count line)", () => {
    const t = parseCsv("3,2,no,yes\n1,2,0\n3,4,1\n5,6,0\n", {
      skipRows: 1,
      target: 2,
      targetType: "class",
    });
    expect(t.x.shape).toEqual([3, 2]);
  });
  it("header detection: text over numbers is a header; all numbers is not; forced either way", () => {
    expect(parseCsv("x,y\n1,2\n").hasHeader).toBe(true);
    expect(parseCsv("1,2\n3,4\n").hasHeader).toBe(false);
    expect(parseCsv("color,size\nred,big\nblue,small\n", { categorical: [0, 1] }).hasHeader).toBe(
      true,
    );
    expect(parseCsv("red,big\nblue,big\n", { categorical: [0, 1] }).hasHeader).toBe(false);
    expect(parseCsv("1,2\n3,4\n", { header: true }).columns).toEqual(["1", "2"]);
    expect(parseCsv("x,y\n1,2\n", { header: false, categorical: [0, 1] }).x.shape).toEqual([2, 4]);
  });
});

describe("parseCsv: missing values", () => {
  const text = "a,b,y\n1,,10\n2,5,20\nNA,7,30\n4,9,?\n";
  it("error (default): names the line and the column", () => {
    const e = expectError(
      () => parseCsv(text, { target: "y" }),
      CsvError,
      "parseCsv: argument 'text': line 2, column 2",
      '"b"',
      "missing value",
    );
    expect([e.line, e.column, e.columnName]).toEqual([2, 2, "b"]);
  });
  it("drop: leaves out the rows and reports their lines", () => {
    const t = parseCsv(text, { target: "y", missing: "drop" });
    expect(t.x.toArray()).toEqual([[2, 5]]);
    expect(t.y!.toArray()).toEqual([20]);
    expect(t.droppedLines).toEqual([2, 4, 5]);
  });
  it("fill with a number, the mean, the median or the most frequent value", () => {
    const base = "a,b\n1,4\n,4\n3,\n8,1\n";
    expect(parseCsv(base, { missing: { fill: -1 } }).x.toArray()).toEqual([
      [1, 4],
      [-1, 4],
      [3, -1],
      [8, 1],
    ]);
    expect(parseCsv(base, { missing: { fill: "mean" } }).x.toArray()).toEqual([
      [1, 4],
      [4, 4],
      [3, 3],
      [8, 1],
    ]);
    expect(parseCsv(base, { missing: { fill: "median" } }).x.toArray()).toEqual([
      [1, 4],
      [3, 4],
      [3, 4],
      [8, 1],
    ]);
    expect(parseCsv(base, { missing: { fill: "mostFrequent" } }).x.toArray()).toEqual([
      [1, 4],
      [1, 4],
      [3, 4],
      [8, 1],
    ]);
  });
  it("fills a categorical column with its most frequent category", () => {
    const t = parseCsv("c,v\nred,1\n,2\nred,3\nblue,4\n", {
      categorical: ["c"],
      missing: { fill: "mostFrequent" },
    });
    expect(t.x.toArray(2)[1]).toEqual([0, 1, 2]);
  });
  it("missing markers may be padded with spaces", () => {
    expect(parseCsv("a,b\n1, NA \n", { missing: { fill: 0 } }).x.toArray()).toEqual([[1, 0]]);
  });
  it("custom naValues", () => {
    const t = parseCsv("a,b\n1,-\n", { naValues: ["-"], missing: { fill: 0 } });
    expect(t.x.toArray()).toEqual([[1, 0]]);
  });
});

describe("parseCsv errors", () => {
  it("a row with too few fields: line and the first missing column", () => {
    const e = expectError(
      () => parseCsv("a,b,c\n1,2,3\n4,5\n"),
      CsvError,
      "line 3, column 3",
      "expected 3 fields, got 2",
      "too few",
    );
    expect(e.line).toBe(3);
  });
  it("a row with too many fields", () => {
    expectError(
      () => parseCsv("a,b\n1,2\n3,4,5\n"),
      CsvError,
      "line 3, column 3",
      "expected 2 fields, got 3",
      "too many",
    );
  });
  it("text where a number is expected, with a hint", () => {
    expectError(
      () => parseCsv("a,b\n1,2\n3,abc\n"),
      CsvError,
      "line 3, column 2",
      '"b"',
      'expected a number, got "abc"',
      "options.categorical",
    );
  });
  it("a text target under targetType value", () => {
    expectError(
      () => parseCsv("a,y\n1,cat\n", { target: "y", targetType: "value" }),
      CsvError,
      "line 2, column 2",
      'targetType: "class"',
    );
  });
  it("a malformed quoted field", () => {
    expectError(
      () => parseCsv('a,b\n1,2\n3,"x"y\n'),
      CsvError,
      "line 3, column 2",
      "malformed quoted field",
    );
  });
  it("an unterminated quote", () => {
    expectError(
      () => parseCsv('a,b\n1,2\n3,"xy\n4,5\n'),
      CsvError,
      "line 3, column 2",
      "unterminated",
    );
  });
  it("a category outside the given list", () => {
    expectError(
      () =>
        parseCsv(HOUSES, {
          target: "price",
          categorical: [{ column: "city", categories: ["Paris", "Lyon"] }],
        }),
      CsvError,
      "line 5, column 3",
      'unknown category "Nice"',
      '"Paris", "Lyon"',
    );
  });
  it("a class outside the given classes", () => {
    expectError(
      () => parseCsv("x,c\n1,a\n2,q\n", { target: "c", classes: ["a", "b"] }),
      CsvError,
      "line 3, column 2",
      'unknown class "q"',
    );
  });
  it("a missing target, even with a fill policy", () => {
    expectError(
      () => parseCsv("x,y\n1,\n", { target: "y", missing: { fill: 0 } }),
      CsvError,
      "line 2, column 2",
      "missing target value",
    );
  });
  it("filling a categorical column with the mean", () => {
    expectError(
      () => parseCsv("c,v\nred,1\n,2\n", { categorical: ["c"], missing: { fill: "mean" } }),
      CsvError,
      "line 3, column 1",
      '"mostFrequent"',
      'not "mean"',
    );
  });
  it("filling a column with no values at all", () => {
    expectError(
      () => parseCsv("a,b\n1,\n2,\n", { missing: { fill: "mean" } }),
      CsvError,
      "line 2, column 2",
      "no values to compute the mean",
    );
  });
  it("an unknown column name lists the columns", () => {
    expectError(
      () => parseCsv("a,b\n1,2\n", { target: "c" }),
      ValueError,
      "options.target",
      'no column named "c"',
      '"a", "b"',
    );
  });
  it("a column name without a header", () => {
    expectError(
      () => parseCsv("1,2\n", { target: "b" }),
      ValueError,
      "options.target",
      "no header row",
    );
  });
  it("a column index out of range", () => {
    expectError(
      () => parseCsv("1,2\n", { target: 2 }),
      ValueError,
      "options.target",
      "column index 2 is outside the 2 columns",
    );
  });
  it("an ambiguous (duplicated) column name", () => {
    expectError(
      () => parseCsv("a,a,b\n1,2,3\n", { target: "a" }),
      ValueError,
      'column name "a" occurs more than once',
    );
  });
  it("a feature listed twice, or the target as a feature", () => {
    expectError(
      () => parseCsv("a,b\n1,2\n", { features: ["a", 0] }),
      ValueError,
      "options.features",
      "listed twice",
    );
    expectError(
      () => parseCsv("a,b\n1,2\n", { target: "b", features: ["b"] }),
      ValueError,
      "is the target",
    );
  });
  it("no columns left for features", () => {
    expectError(
      () => parseCsv("a\n1\n", { target: 0 }),
      ValueError,
      "options.features",
      "no columns are left",
    );
  });
  it("the target marked categorical", () => {
    expectError(
      () => parseCsv("a,b\n1,x\n", { target: "b", categorical: ["b"] }),
      ValueError,
      "options.categorical[0]",
      "is the target",
    );
  });
  it("a categorical column that is not a feature", () => {
    expectError(
      () => parseCsv("a,b,c\n1,x,2\n", { features: ["a"], categorical: ["b"] }),
      ValueError,
      "not one of the feature columns",
    );
  });
  it("a bad encoding, or categories listed twice", () => {
    expectError(
      () => parseCsv("a,b\n1,x\n", { categorical: [{ column: "b", encoding: "bits" as "label" }] }),
      ValueError,
      'encoding "onehot" or "label"',
    );
    expectError(
      () => parseCsv("a,b\n1,x\n", { categorical: [{ column: "b", categories: ["x", "x"] }] }),
      ValueError,
      'category "x" is listed twice',
    );
  });
  it("classes or targetType without a target", () => {
    expectError(
      () => parseCsv("a\n1\n", { classes: ["x"] }),
      ValueError,
      "options.target",
      "no target column",
    );
  });
  it("classes with targetType value", () => {
    expectError(
      () => parseCsv("a,b\n1,2\n", { target: "b", targetType: "value", classes: [1] }),
      ValueError,
      "options.classes",
    );
  });
  it("an unknown targetType, missing policy, header, delimiter, quote, comments, dtype, naValues", () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ target: "b", targetType: "int" }, "options.targetType"],
      [{ missing: "ignore" }, "options.missing"],
      [{ missing: { fill: "zero" } }, "options.missing.fill"],
      [{ header: "yes" }, "options.header"],
      [{ delimiter: "" }, "options.delimiter"],
      [{ quoteChar: "''" }, "options.quoteChar"],
      [{ comments: "" }, "options.comments"],
      [{ dtype: "int32" }, "options.dtype"],
      [{ naValues: [1] }, "options.naValues"],
      [{ skipRows: -1 }, "options.skipRows"],
    ];
    for (const [opts, arg] of bad)
      expectError(() => parseCsv("a,b\n1,2\n", opts), ValueError, "parseCsv", arg);
  });
  it("text that is not a string", () => {
    expectError(
      () => parseCsv(42 as unknown as string),
      DTypeError,
      "parseCsv",
      "'text'",
      "expected a string",
    );
  });
  it("nothing left after skipRows", () => {
    expectError(
      () => parseCsv("a,b\n", { skipRows: 1 }),
      ValueError,
      "at least one row after skipping 1",
    );
  });
  it("options that are not an object", () => {
    expectError(
      () => parseCsv("a\n", 5 as unknown as undefined),
      ValueError,
      "'options'",
      "options object",
    );
  });
});
