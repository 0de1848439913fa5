import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CsvError, parseCsv, streamCsv } from "../src/index.js";
import { readCsvFileSync, streamCsvFile } from "../src/node.js";

async function drain(batches: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of batches) n++;
  return n;
}

const dir = mkdtempSync(join(tmpdir(), "neurite-datasets-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a CSV with a header and no data rows is an error, not an empty data set", () => {
  it("parseCsv names the header and its line", () => {
    let error: unknown;
    try {
      parseCsv("a,b,c\n");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).line).toBe(1);
    expect((error as Error).message).toBe(
      "parseCsv: argument 'text': line 1: the header (a, b, c) is followed by no data rows; expected at least one",
    );
    // blank lines after the header and an explicit header change nothing
    expect(() => parseCsv("a,b,c\n\n\n", { header: true })).toThrow(/no data rows/);
    expect(() => parseCsv("x,y", { target: "y" })).toThrow(/the header \(x, y\)/);
  });

  it("one row of numbers is data, not a header", () => {
    expect(parseCsv("1,2,3\n").x.shape).toEqual([1, 3]);
  });

  it("streamCsv and the file readers too", async () => {
    await expect(drain(streamCsv(["a,b", ",c\n"], { batchSize: 4 }))).rejects.toThrow(
      /^streamCsv: argument 'source': line 1: the header \(a, b, c\) is followed by no data rows/,
    );
    const path = join(dir, "header-only.csv");
    writeFileSync(path, "size,price\n");
    expect(() => readCsvFileSync(path)).toThrow(CsvError);
    await expect(drain(streamCsvFile(path, { batchSize: 2 }))).rejects.toThrow(/no data rows/);
  });
});
