export {
  type BatchNormTrainingResult,
  batchNormInference,
  batchNormTraining,
} from "./batchnorm.js";
export { dense } from "./dense.js";
export { dropout } from "./dropout.js";
