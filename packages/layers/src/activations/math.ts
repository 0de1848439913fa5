// The scalar helpers other modules of this package (and its tests) use; the
// single definition lives in @neurite/tensor's reference kernels.
export { erf, erfc, logistic as sigmoid, normalCdf } from "@neurite/tensor";
