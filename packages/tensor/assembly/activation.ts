// The standalone derivative of an activation, `out = g·f'(v)`, four lanes at
// a time with dense.ts's `gradV` (relu, leakyRelu, step, sign read z; sigmoid
// and tanh read y). Buffers are padded to 16 bytes by the loader and chunks
// are multiples of 4 elements, so the last partial vector is safe.

import { gradV } from "./dense";
import { param, paramF } from "./layout";

// Parameter slots.
const KIND = 0;
const G = 1;
const IN = 2;
const OUT = 3;
const LEN = 4;
const P1 = 5;
const CHUNK = 6;

/** One chunk of a unaryGrad task: elements [chunk·size, (chunk+1)·size). */
export function unaryGradChunk(ctl: usize, chunk: i32): void {
  const size = param(ctl, CHUNK);
  const start = chunk * size;
  const end = min(param(ctl, LEN), start + size);
  const kind = param(ctl, KIND);
  const p1 = f32x4.splat(paramF(ctl, P1));
  const g = <usize>param(ctl, G);
  const input = <usize>param(ctl, IN);
  const out = <usize>param(ctl, OUT);
  for (let o = (<usize>start) << 2; o < (<usize>end) << 2; o += 16) {
    v128.store(out + o, gradV(kind, v128.load(g + o), v128.load(input + o), p1));
  }
}
