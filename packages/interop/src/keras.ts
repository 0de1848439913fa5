/**
 * @packageDocumentation
 * `@neurite/interop/keras`: Keras 3 `.keras` files. A separate entry because
 * it brings the two readers a `.keras` file needs (fflate for the zip, jsfive
 * for the HDF5 weights), which the rest of the package does without.
 */

export { fromKeras } from "./keras/keras-file.js";
