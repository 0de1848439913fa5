import { DTypeError, ShapeError, ValueError } from "@neurite/tensor";
import { gzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parseIdx, parseIdxDataset, parseIdxImages, parseIdxLabels } from "../src/index.js";
import { expectError } from "./helpers.js";
import { IMAGES, idxBytes, LABELS } from "./idxFixtures.js";

describe("parseIdx", () => {
  it("reads every element type, big-endian, with its shape", () => {
    expect(parseIdx(idxBytes(0x08, [3], [0, 128, 255])).toArray()).toEqual([0, 128, 255]);
    expect(parseIdx(idxBytes(0x09, [2], [-128, 127])).toArray()).toEqual([-128, 127]);
    expect(parseIdx(idxBytes(0x0b, [2], [-300, 300])).toArray()).toEqual([-300, 300]);
    expect(parseIdx(idxBytes(0x0c, [1, 2], [-70000, 70000])).toArray()).toEqual([[-70000, 70000]]);
    const f = parseIdx(idxBytes(0x0d, [2], [1.5, -0.25]));
    expect([f.dtype, ...f.data]).toEqual(["float32", 1.5, -0.25]);
    const d = parseIdx(idxBytes(0x0e, [1], [0.1]));
    expect([d.dtype, d.data[0]]).toEqual(["float64", 0.1]);
    expect(parseIdx(IMAGES).shape).toEqual([2, 2, 3]);
  });
  it("accepts an ArrayBuffer, a view at an offset, and gzip", () => {
    expect(parseIdx(LABELS.slice().buffer).toArray()).toEqual([7, 3]);
    const padded = new Uint8Array(LABELS.length + 3);
    padded.set(LABELS, 3);
    expect(parseIdx(padded.subarray(3)).toArray()).toEqual([7, 3]);
    expect(parseIdx(gzipSync(LABELS)).toArray()).toEqual([7, 3]);
  });
  it("rejects a wrong magic number", () => {
    const bytes = LABELS.slice();
    bytes[0] = 0x1a;
    expectError(
      () => parseIdx(bytes),
      ValueError,
      "parseIdx",
      "'bytes'",
      "wrong IDX magic number 0x1a000801",
      "0x00000803",
    );
    expectError(
      () => parseIdx(idxBytes(0x08, [2], [1, 2]).fill(0x07, 2, 3)),
      ValueError,
      "wrong IDX magic number 0x00000701",
    );
    expectError(() => parseIdx(new Uint8Array([0, 0, 8, 0])), ValueError, "dimension count >= 1");
  });
  it("rejects data shorter than the magic number", () => {
    expectError(
      () => parseIdx(new Uint8Array([0, 0])),
      ValueError,
      "truncated IDX data",
      "4-byte magic number, got 2 bytes",
    );
  });
  it("rejects a truncated header", () => {
    expectError(
      () => parseIdx(IMAGES.subarray(0, 10)),
      ValueError,
      "truncated IDX header",
      "3 dimensions need 16 header bytes, got 10",
    );
  });
  it("rejects truncated data, saying how much is missing", () => {
    expectError(
      () => parseIdx(IMAGES.subarray(0, IMAGES.length - 5)),
      ValueError,
      "truncated IDX data",
      "shape [2,2,3] of uint8 needs 28 bytes, got 23 (5 missing)",
    );
  });
  it("rejects trailing bytes", () => {
    const more = new Uint8Array(LABELS.length + 2);
    more.set(LABELS);
    expectError(() => parseIdx(more), ValueError, "2 bytes after the 10");
  });
  it("rejects broken gzip", () => {
    expectError(
      () => parseIdx(gzipSync(IMAGES).subarray(0, 12)),
      ValueError,
      "gzip data could not be decompressed",
    );
  });
  it("rejects input that is not bytes", () => {
    expectError(
      () => parseIdx("abc" as unknown as Uint8Array),
      DTypeError,
      "parseIdx",
      "Uint8Array or an ArrayBuffer",
    );
  });
});

describe("parseIdxImages / parseIdxLabels / parseIdxDataset", () => {
  it("images become float32 in [0, 1], or raw, or flattened", () => {
    const x = parseIdxImages(IMAGES);
    expect(x.dtype).toBe("float32");
    expect(x.shape).toEqual([2, 2, 3]);
    expect(x.data[1]).toBeCloseTo(0.2, 6);
    expect(x.data[2]).toBe(1);
    expect(parseIdxImages(IMAGES, { normalize: false }).data[2]).toBe(255);
    expect(parseIdxImages(IMAGES, { flatten: true }).shape).toEqual([2, 6]);
  });
  it("labels become int32", () => {
    const y = parseIdxLabels(LABELS);
    expect([y.dtype, ...y.data]).toEqual(["int32", 7, 3]);
  });
  it("a pair checks the sample counts", () => {
    const { x, y } = parseIdxDataset(IMAGES, LABELS, { flatten: true });
    expect(x.shape).toEqual([2, 6]);
    expect(y.shape).toEqual([2]);
    expectError(
      () => parseIdxDataset(IMAGES, idxBytes(0x08, [3], [1, 2, 3])),
      ShapeError,
      "parseIdxDataset",
      "'labels'",
      "2 images",
      "3 labels",
    );
  });
  it("a labels file given as images (wrong rank) and the reverse", () => {
    expectError(
      () => parseIdxImages(LABELS),
      ShapeError,
      "parseIdxImages",
      "an images file must be a 3-D IDX array, got shape [2]",
    );
    expectError(
      () => parseIdxLabels(IMAGES),
      ShapeError,
      "parseIdxLabels",
      "a labels file must be a 1-D IDX array, got shape [2,2,3]",
    );
  });
  it("images that are not uint8, labels that are floats", () => {
    expectError(
      () => parseIdxImages(idxBytes(0x0d, [1, 1, 1], [0.5])),
      DTypeError,
      "images must hold uint8 pixels, got float32",
    );
    expectError(
      () => parseIdxLabels(idxBytes(0x0d, [1], [0.5])),
      DTypeError,
      "labels must be integers, got float32",
    );
  });
  it("bad image options", () => {
    expectError(
      () => parseIdxImages(IMAGES, { normalize: 1 as unknown as boolean }),
      ValueError,
      "options.normalize",
    );
    expectError(
      () => parseIdxImages(IMAGES, { flatten: "y" as unknown as boolean }),
      ValueError,
      "options.flatten",
    );
  });
});
