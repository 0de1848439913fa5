import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DTypeError, ShapeError, ValueError } from "@neurite/tensor";
import { gzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { CsvError, StreamLoader } from "../src/index.js";
import {
  readCsvFile,
  readCsvFileSync,
  readIdxDataset,
  readIdxFile,
  readIdxImages,
  readIdxLabels,
  streamCsvFile,
} from "../src/node.js";
import { collect, expectAsyncError, expectError } from "./helpers.js";
import { IMAGES, idxBytes, LABELS } from "./idxFixtures.js";

const dir = mkdtempSync(join(tmpdir(), "neurite-datasets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const missing = join(dir, "nope.csv");

const N = 20000;
let big = "id,x,y,label\n";
for (let i = 0; i < N; i++)
  big += `${i},${(i % 97) / 10},${(i * 7) % 13},${i % 2 === 0 ? "even" : "odd"}\n`;
const bigPath = file("big.csv", big);

describe("readCsvFile / readCsvFileSync", () => {
  it("read and parse a file, also from a file: URL", async () => {
    const p = file("small.csv", "a,b,y\n1,2,x\n3,4,z\n");
    const t = await readCsvFile(p, { target: "y" });
    expect(t.x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(t.targetNames).toEqual(["x", "z"]);
    expect(readCsvFileSync(pathToFileURL(p), { target: "y" }).y!.toArray()).toEqual([0, 1]);
  });
  it("a malformed row is a CsvError with the line", async () => {
    const p = file("bad.csv", "a,b\n1,2\n3\n");
    await expectAsyncError(
      () => readCsvFile(p),
      CsvError,
      "readCsvFile: argument 'path': line 3",
      "expected 2 fields, got 1",
    );
  });
  it("a missing file is a ValueError naming the path", async () => {
    await expectAsyncError(
      () => readCsvFile(missing),
      ValueError,
      "readCsvFile",
      "'path'",
      "nope.csv",
      "ENOENT",
    );
    expectError(() => readCsvFileSync(missing), ValueError, "readCsvFileSync", "ENOENT");
  });
  it("a path that is not a string", async () => {
    await expectAsyncError(
      () => readCsvFile(3 as unknown as string),
      DTypeError,
      "readCsvFile",
      "file path",
    );
  });
});

describe("streamCsvFile", () => {
  const options = {
    batchSize: 1000,
    target: "label",
    classes: ["even", "odd"],
    features: ["x", "y"],
  };
  it("streams a file in batches without reading it whole, every row once", async () => {
    let rows = 0;
    let sumX = 0;
    let batches = 0;
    for await (const b of streamCsvFile(bigPath, options)) {
      batches++;
      rows += b.x.shape[0]!;
      for (let r = 0; r < b.x.shape[0]!; r++) sumX += b.x.data[r * 2]!;
      expect(b.y!.data[0]).toBe((b.lines[0]! - 2) % 2);
    }
    expect(batches).toBe(20);
    expect(rows).toBe(N);
    let expected = 0;
    for (let i = 0; i < N; i++) expected += Math.fround((i % 97) / 10);
    expect(sumX).toBeCloseTo(expected, 1);
  });
  it("feeds a StreamLoader for several epochs (the file is read again each time)", async () => {
    const loader = new StreamLoader(streamCsvFile(bigPath, options), {
      batchSize: 64,
      shuffleBuffer: 500,
      seed: 1,
    });
    for (let e = 0; e < 2; e++) {
      let n = 0;
      let evens = 0;
      for await (const b of loader) {
        n += b.x.shape[0]!;
        for (const v of b.y.data) if (v === 0) evens++;
        expect(b.epoch).toBe(e);
      }
      expect(n).toBe(N);
      expect(evens).toBe(N / 2);
    }
  });
  it("a missing file fails on iteration with a ValueError", async () => {
    await expectAsyncError(
      () => collect(streamCsvFile(missing, { batchSize: 5 })),
      ValueError,
      "streamCsvFile",
      "ENOENT",
    );
  });
  it("bad options fail at once", () => {
    expectError(
      () => streamCsvFile(bigPath, { batchSize: -1 }),
      ValueError,
      "streamCsvFile",
      "options.batchSize",
    );
  });
});

describe("readIdx*", () => {
  const images = file("imgs-idx3-ubyte", IMAGES);
  const labels = file("labels-idx1-ubyte.gz", gzipSync(LABELS));
  it("read images, labels, a pair and a raw array from files (gzip too)", async () => {
    expect((await readIdxImages(images)).shape).toEqual([2, 2, 3]);
    expect((await readIdxLabels(labels)).toArray()).toEqual([7, 3]);
    expect((await readIdxFile(images)).dtype).toBe("int32");
    const { x, y } = await readIdxDataset(images, labels, { flatten: true });
    expect(x.shape).toEqual([2, 6]);
    expect(y.shape).toEqual([2]);
  });
  it("a wrong magic number names the file", async () => {
    const p = file("fake.idx", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    await expectAsyncError(
      () => readIdxFile(p),
      ValueError,
      "readIdxFile",
      "wrong IDX magic number 0x89504e47",
      "fake.idx",
    );
  });
  it("a truncated file names the file and the missing bytes", async () => {
    const p = file("short.idx", IMAGES.subarray(0, 20));
    await expectAsyncError(
      () => readIdxImages(p),
      ValueError,
      "readIdxImages",
      "short.idx",
      "8 missing",
    );
  });
  it("labels and images that do not pair up", async () => {
    const three = file("three-labels", idxBytes(0x08, [3], [1, 2, 3]));
    await expectAsyncError(
      () => readIdxDataset(images, three),
      ShapeError,
      "readIdxDataset",
      "2 images",
      "3 labels",
    );
  });
  it("an images file passed as labels", async () => {
    await expectAsyncError(
      () => readIdxLabels(images),
      ShapeError,
      "readIdxLabels",
      "1-D",
      "imgs-idx3-ubyte",
    );
  });
  it("a missing file", async () => {
    await expectAsyncError(
      () => readIdxDataset(images, missing),
      ValueError,
      "readIdxDataset",
      "'labelsPath'",
      "ENOENT",
    );
  });
});
