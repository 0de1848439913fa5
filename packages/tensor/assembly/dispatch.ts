// Routes a chunk of the current task to its kernel. Adding a kernel means one
// `OP_*` id in layout.ts, its file here, and one case below.

import { unaryGradChunk } from "./activation";
import { adamChunk } from "./adam";
import {
  batchNormBackwardChunk,
  batchNormInferenceChunk,
  batchNormTrainingChunk,
} from "./batchnorm";
import { binaryChunk } from "./binary";
import { denseEpilogueChunk, denseGradChunk } from "./dense";
import {
  OP_ADADELTA,
  OP_ADAGRAD,
  OP_ADAM,
  OP_ADAMAX,
  OP_BATCHNORM_BACKWARD,
  OP_BATCHNORM_INFERENCE,
  OP_BATCHNORM_TRAINING,
  OP_BINARY,
  OP_DENSE_EPILOGUE,
  OP_DENSE_GRAD,
  OP_MATMUL,
  OP_NADAM,
  OP_REDUCE,
  OP_RMSPROP,
  OP_SGD,
  OP_UNARY,
  OP_UNARY_GRAD,
  SCRATCH,
  SCRATCH_BYTES,
} from "./layout";
import { matmulBlock, matmulPack } from "./matmul";
import {
  adadeltaChunk,
  adagradChunk,
  adamaxChunk,
  nadamChunk,
  rmspropChunk,
  sgdChunk,
} from "./optimizers";
import { reduceChunk } from "./reduce";
import { unaryChunk } from "./unary";

/** Runs chunk `i` of phase `phase` (1 or 2) of kernel `op` as thread `tid`. */
export function runChunk(ctl: usize, op: i32, phase: i32, i: i32, tid: i32): void {
  const scratch = ctl + SCRATCH + <usize>tid * SCRATCH_BYTES;
  switch (op) {
    case OP_MATMUL:
      if (phase === 1) matmulPack(ctl, i);
      else matmulBlock(ctl, i, scratch);
      break;
    case OP_UNARY:
      unaryChunk(ctl, i);
      break;
    case OP_BINARY:
      binaryChunk(ctl, i, scratch);
      break;
    case OP_REDUCE:
      reduceChunk(ctl, i);
      break;
    case OP_ADAM:
      adamChunk(ctl, i);
      break;
    case OP_BATCHNORM_TRAINING:
      batchNormTrainingChunk(ctl, i);
      break;
    case OP_BATCHNORM_INFERENCE:
      batchNormInferenceChunk(ctl, i);
      break;
    case OP_BATCHNORM_BACKWARD:
      batchNormBackwardChunk(ctl, i);
      break;
    case OP_SGD:
      sgdChunk(ctl, i);
      break;
    case OP_ADAMAX:
      adamaxChunk(ctl, i);
      break;
    case OP_NADAM:
      nadamChunk(ctl, i);
      break;
    case OP_RMSPROP:
      rmspropChunk(ctl, i);
      break;
    case OP_ADAGRAD:
      adagradChunk(ctl, i);
      break;
    case OP_ADADELTA:
      adadeltaChunk(ctl, i);
      break;
    case OP_DENSE_EPILOGUE:
      denseEpilogueChunk(ctl, i);
      break;
    case OP_DENSE_GRAD:
      denseGradChunk(ctl, i, scratch);
      break;
    case OP_UNARY_GRAD:
      unaryGradChunk(ctl, i);
      break;
    default:
      unreachable();
  }
}
