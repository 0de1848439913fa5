import { DTypeError, optionNames, ShapeError, Tensor, ValueError } from "@neurite/tensor";
import { checkOptions, fmtShape } from "../internal/check.js";
import { describe } from "../internal/describe.js";
import { checkIdxRank, decodeIdx, type IdxArray } from "./decode.js";

/** Options for reading IDX images. */
export interface IdxImageOptions {
  /** Divide pixel values by 255 so they lie in [0, 1] (default true). */
  readonly normalize?: boolean;
  /** Return `[n, rows * cols]` instead of `[n, rows, cols]` (default false). */
  readonly flatten?: boolean;
}

const IDX_IMAGE_OPTIONS = optionNames<IdxImageOptions>({ normalize: true, flatten: true });

/** Images and labels read from a pair of IDX files. */
export interface IdxDataset {
  /** Images, float32 `[n, rows, cols]` (or `[n, rows * cols]` with `flatten`). */
  readonly x: Tensor;
  /** Labels, int32 `[n]`. */
  readonly y: Tensor;
}

/**
 * Decodes IDX bytes (e.g. an MNIST file) into a tensor: int32 for the integer
 * element types (uint8, int8, int16, int32), float32 or float64 for the float
 * ones. Gzip-compressed bytes are decompressed first. Nothing is downloaded:
 * pass bytes you have.
 *
 * @param bytes - the file's bytes
 * @throws ValueError for a wrong magic number, a truncated file or trailing bytes
 */
export function parseIdx(bytes: Uint8Array | ArrayBuffer): Tensor {
  return decodeIdx("parseIdx", "bytes", bytes).tensor;
}

/** Turns decoded IDX images into float32 images. */
export function toImages(
  op: string,
  arg: string,
  a: IdxArray,
  options: IdxImageOptions | undefined,
  source = "",
): Tensor {
  const o = checkOptions(op, options, IDX_IMAGE_OPTIONS);
  const normalize = o.normalize ?? true;
  const flatten = o.flatten ?? false;
  if (typeof normalize !== "boolean")
    throw new ValueError(
      op,
      "options.normalize",
      `expected true or false, got ${describe(normalize)}`,
    );
  if (typeof flatten !== "boolean")
    throw new ValueError(op, "options.flatten", `expected true or false, got ${describe(flatten)}`);
  checkIdxRank(op, arg, a, 3, "an images file", source);
  if (a.type !== "uint8")
    throw new DTypeError(
      op,
      arg,
      `images must hold uint8 pixels, got ${a.type}${source ? ` (${source})` : ""}`,
    );
  const src = a.tensor.data;
  const out = new Float32Array(src.length);
  const k = normalize ? 1 / 255 : 1;
  for (let i = 0; i < src.length; i++) out[i] = src[i]! * k;
  const [n, rows, cols] = a.tensor.shape as [number, number, number];
  return new Tensor(out, flatten ? [n, rows * cols] : [n, rows, cols]);
}

/** Turns decoded IDX labels into int32 labels. */
export function toLabels(op: string, arg: string, a: IdxArray, source = ""): Tensor {
  checkIdxRank(op, arg, a, 1, "a labels file", source);
  if (a.type === "float32" || a.type === "float64")
    throw new DTypeError(
      op,
      arg,
      `labels must be integers, got ${a.type}${source ? ` (${source})` : ""}`,
    );
  return a.tensor;
}

/** Checks that images and labels count the same samples. */
export function pairUp(op: string, x: Tensor, y: Tensor): IdxDataset {
  if (x.shape[0] !== y.shape[0])
    throw new ShapeError(
      op,
      "labels",
      `${x.shape[0]} images (shape ${fmtShape(x.shape)}) but ${y.shape[0]} labels`,
    );
  return { x, y };
}

/**
 * Decodes an IDX images file (magic 0x00000803: uint8, `[n, rows, cols]`), as
 * MNIST and Fashion-MNIST distribute them, into float32 images.
 *
 * @param bytes - the file's bytes (gzip allowed)
 * @param options - `normalize` (default true: divide by 255), `flatten` (default false)
 * @throws ValueError for a malformed file; ShapeError/DTypeError if it is not 3-D uint8
 */
export function parseIdxImages(bytes: Uint8Array | ArrayBuffer, options?: IdxImageOptions): Tensor {
  return toImages("parseIdxImages", "bytes", decodeIdx("parseIdxImages", "bytes", bytes), options);
}

/**
 * Decodes an IDX labels file (magic 0x00000801: uint8, `[n]`) into int32 labels.
 *
 * @param bytes - the file's bytes (gzip allowed)
 * @throws ValueError for a malformed file; ShapeError if it is not 1-D
 */
export function parseIdxLabels(bytes: Uint8Array | ArrayBuffer): Tensor {
  return toLabels("parseIdxLabels", "bytes", decodeIdx("parseIdxLabels", "bytes", bytes));
}

/**
 * Decodes a pair of IDX files, images and labels, and checks that they hold
 * the same number of samples.
 *
 * @param images - bytes of the images file
 * @param labels - bytes of the labels file
 * @param options - image options, as in {@link parseIdxImages}
 * @throws ShapeError when the counts differ
 * @example
 * ```ts
 * const { x, y } = parseIdxDataset(imageBytes, labelBytes, { flatten: true }); // x: [n, 784]
 * ```
 */
export function parseIdxDataset(
  images: Uint8Array | ArrayBuffer,
  labels: Uint8Array | ArrayBuffer,
  options?: IdxImageOptions,
): IdxDataset {
  const op = "parseIdxDataset";
  const x = toImages(op, "images", decodeIdx(op, "images", images), options);
  const y = toLabels(op, "labels", decodeIdx(op, "labels", labels));
  return pairUp(op, x, y);
}
