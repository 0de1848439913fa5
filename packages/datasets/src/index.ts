/**
 * @packageDocumentation
 * `@neurite/datasets`: data for Neurite networks. Built-in datasets (wine,
 * iris, breast cancer, digits, diabetes, Boston) embedded in the package, the
 * textbook's fixed splits, synthetic generators, CSV and IDX parsing, splits,
 * scalers, encoders and mini-batch loaders. Works in Node and in browsers; the
 * file-reading functions are in `@neurite/datasets/node`.
 */

export { type BookSplitName, bookSplit } from "./builtin/bookSplit.js";
export { loadBoston } from "./builtin/boston.js";
export { loadBreastCancer } from "./builtin/breastCancer.js";
export { type DiabetesOptions, loadDiabetes } from "./builtin/diabetes.js";
export { type DigitsDataset, loadDigits } from "./builtin/digits.js";
export { loadIris } from "./builtin/iris.js";
export { loadWine } from "./builtin/wine.js";
export type {
  CategoricalColumn,
  CategoricalEncoding,
  ColumnRef,
  CsvOptions,
  CsvStreamOptions,
  FillStrategy,
  MissingPolicy,
  TargetType,
} from "./csv/options.js";
export { DEFAULT_NA_VALUES } from "./csv/options.js";
export { parseCsv } from "./csv/parse.js";
export { type CsvSource, streamCsv } from "./csv/stream.js";
export type { CsvBatch, CsvTable } from "./csv/table.js";
export { CsvError } from "./errors.js";
export {
  type IdxDataset,
  type IdxImageOptions,
  parseIdx,
  parseIdxDataset,
  parseIdxImages,
  parseIdxLabels,
} from "./idx/images.js";
export type { Batch, DataLoaderBatch } from "./loader/batch.js";
export { DataLoader, type DataLoaderOptions } from "./loader/dataLoader.js";
export { type StreamChunk, StreamLoader, type StreamLoaderOptions } from "./loader/streamLoader.js";
export { LabelEncoder, type LabelEncoderJSON } from "./preprocess/labelEncoder.js";
export {
  MinMaxScaler,
  type MinMaxScalerJSON,
  type MinMaxScalerOptions,
} from "./preprocess/minMaxScaler.js";
export { oneHot } from "./preprocess/oneHot.js";
export { applySplit, type TrainTestSplitOptions, trainTestSplit } from "./preprocess/split.js";
export {
  StandardScaler,
  type StandardScalerJSON,
  type StandardScalerOptions,
} from "./preprocess/standardScaler.js";
export { type BlobsDataset, type BlobsOptions, makeBlobs } from "./synthetic/blobs.js";
export { type CirclesOptions, makeCircles } from "./synthetic/circles.js";
export { type ClassificationOptions, makeClassification } from "./synthetic/classification.js";
export type { NoisyOptions, SyntheticOptions } from "./synthetic/common.js";
export { makeMoons } from "./synthetic/moons.js";
export {
  makeRegression,
  type RegressionDataset,
  type RegressionOptions,
} from "./synthetic/regression.js";
export { makeSpirals, type SpiralsOptions } from "./synthetic/spirals.js";
export { makeXor } from "./synthetic/xor.js";
export type { Dataset, IndexSplit, Split, Task } from "./types.js";
