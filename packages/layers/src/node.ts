/**
 * @packageDocumentation
 * `@neurite/layers/node`: saving and loading models as files, for Node.js
 * only (it imports `node:fs`). Everything else is in `@neurite/layers`.
 */

export { writeFileAtomic, writeFileAtomicSync } from "./node/atomic.js";
export { ensureDirectory, ensureDirectorySync } from "./node/directories.js";
export {
  type FileSetEntry,
  type FileSetManifest,
  verifyFileSet,
  verifyFileSetSync,
  writeFileSet,
  writeFileSetSync,
} from "./node/file-set.js";
export {
  ARCHITECTURE_FILE,
  loadModelFromFile,
  loadModelFromFileSync,
  MANIFEST_FILE,
  manifestPathFor,
  type SavedModelFiles,
  type SaveModelToFileOptions,
  saveModelToFile,
  saveModelToFileSync,
  WEIGHTS_FILE,
} from "./node/model-files.js";
