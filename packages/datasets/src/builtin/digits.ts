import { Tensor } from "@neurite/tensor";
import { digits } from "../embedded/digits.js";
import type { Dataset } from "../types.js";
import { cachedLoader, featuresAndLast, labels, numericTable } from "./table.js";

/** The digits dataset, with the pixels also shaped as images. */
export interface DigitsDataset extends Dataset {
  /** The same pixels as `x`, float32 `[1797, 8, 8]` (row, column). */
  readonly images: Tensor;
}

const FEATURES = Array.from({ length: 64 }, (_, i) => `pixel_${i >> 3}_${i & 7}`);

const DESCRIPTION = `Digits: 1797 handwritten digits 0-9 as 8x8 grey images. Each pixel is the
count of inked pixels in a 4x4 block of the original 32x32 bitmap, so values
are integers from 0 to 16; divide by 16 (or standardize) before training. The
ten classes have about 180 samples each. x holds the 64 pixels of each image
row by row; images holds the same values shaped [n, 8, 8]. Source: E. Alpaydin
and C. Kaynak, UCI Machine Learning Repository (test part of the optical
recognition of handwritten digits set), as distributed by scikit-learn.`;

const load = cachedLoader(() => {
  const t = featuresAndLast(
    numericTable("loadDigits", digits, { skipRows: 0, rows: 1797, cols: 65 }),
  );
  return { x: t.x, features: 64, y: labels(t.last) };
});

/**
 * The optical recognition of handwritten digits dataset: 1797 images of 8×8
 * pixels with values 0..16, 10 classes.
 *
 * @returns `x` float32 `[1797, 64]`, `images` float32 `[1797, 8, 8]`, `y` int32 `[1797]` in 0..9
 */
export function loadDigits(): DigitsDataset {
  const { x, y } = load();
  return {
    name: "digits",
    task: "classification",
    x,
    y,
    images: new Tensor(x.data.slice(), [x.shape[0]!, 8, 8]),
    featureNames: [...FEATURES],
    targetNames: Array.from({ length: 10 }, (_, i) => String(i)),
    description: DESCRIPTION,
  };
}
