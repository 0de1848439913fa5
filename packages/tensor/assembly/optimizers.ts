// The other optimizers' updates over float32 arrays (in place), one element
// at a time in float64, in the reference's order of operations, so the
// results are bit-identical to it (see OptimizerKernels). Each runs chunk `i`
// of its task; the parameter layout is update.ts's. `l2 = 0` leaves d = g
// exactly (no 0·θ term, which is NaN for an infinite θ).

import { arrayAt, chunkEnd, chunkStart, scalarAt } from "./update";

/** Gradient plus the coupled weight decay, as the reference forms it. */
function decayed(g: usize, o: usize, l2: f64, theta: f64): f64 {
  const d = <f64>load<f32>(g + o);
  return l2 !== 0 ? d + l2 * theta : d;
}

/** SGD. Arrays: p, g, buf (0 without momentum). Scalars: lr, μ, dampening, l2, nesterov, first. */
export function sgdChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const buf = arrayAt(ctl, 2);
  const start = chunkStart(ctl, i);
  const end = chunkEnd(ctl, i);
  const lr = scalarAt(ctl, 0);
  const mu = scalarAt(ctl, 1);
  const keep = 1 - scalarAt(ctl, 2);
  const l2 = scalarAt(ctl, 3);
  const nesterov = scalarAt(ctl, 4) !== 0;
  const first = scalarAt(ctl, 5) !== 0;
  for (let j = start; j < end; j++) {
    const o = (<usize>j) << 2;
    const theta = <f64>load<f32>(p + o);
    const d = decayed(g, o, l2, theta);
    if (buf === 0) {
      store<f32>(p + o, <f32>(theta - lr * d));
      continue;
    }
    const b = first ? d : mu * <f64>load<f32>(buf + o) + keep * d;
    store<f32>(buf + o, <f32>b);
    store<f32>(p + o, <f32>(theta - lr * (nesterov ? d + mu * b : b)));
  }
}

/** Adamax. Arrays: p, g, m, u. Scalars: clr, β₁, β₂, ε, l2. */
export function adamaxChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const m = arrayAt(ctl, 2);
  const u = arrayAt(ctl, 3);
  const start = chunkStart(ctl, i);
  const end = chunkEnd(ctl, i);
  const clr = scalarAt(ctl, 0);
  const b1 = scalarAt(ctl, 1);
  const b2 = scalarAt(ctl, 2);
  const eps = scalarAt(ctl, 3);
  const l2 = scalarAt(ctl, 4);
  for (let j = start; j < end; j++) {
    const o = (<usize>j) << 2;
    const theta = <f64>load<f32>(p + o);
    const d = decayed(g, o, l2, theta);
    const mi = b1 * <f64>load<f32>(m + o) + (1 - b1) * d;
    // f64.max propagates NaN and orders -0 below +0, as Math.max.
    const ui = max(b2 * <f64>load<f32>(u + o), Math.abs(d) + eps);
    store<f32>(m + o, <f32>mi);
    store<f32>(u + o, <f32>ui);
    store<f32>(p + o, <f32>(theta - (clr * mi) / ui));
  }
}

/** NAdam. Arrays: p, g, m, v. Scalars: gradCoef, momentCoef, bc2, β₁, β₂, ε, l2, decay. */
export function nadamChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const m = arrayAt(ctl, 2);
  const v = arrayAt(ctl, 3);
  const start = chunkStart(ctl, i);
  const end = chunkEnd(ctl, i);
  const gradCoef = scalarAt(ctl, 0);
  const momentCoef = scalarAt(ctl, 1);
  const bc2 = scalarAt(ctl, 2);
  const b1 = scalarAt(ctl, 3);
  const b2 = scalarAt(ctl, 4);
  const eps = scalarAt(ctl, 5);
  const l2 = scalarAt(ctl, 6);
  const decay = scalarAt(ctl, 7);
  for (let j = start; j < end; j++) {
    const o = (<usize>j) << 2;
    const theta = <f64>load<f32>(p + o) * decay;
    const d = decayed(g, o, l2, theta);
    const mi = b1 * <f64>load<f32>(m + o) + (1 - b1) * d;
    const vi = b2 * <f64>load<f32>(v + o) + (1 - b2) * d * d;
    store<f32>(m + o, <f32>mi);
    store<f32>(v + o, <f32>vi);
    const s = Math.sqrt(vi / bc2) + eps;
    store<f32>(p + o, <f32>(theta - (gradCoef * d) / s - (momentCoef * mi) / s));
  }
}

/** RMSprop. Arrays: p, g, sq, avg (0 unless centered), buf (0 without momentum). Scalars: lr, α, ε, l2, μ. */
export function rmspropChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const sq = arrayAt(ctl, 2);
  const avg = arrayAt(ctl, 3);
  const buf = arrayAt(ctl, 4);
  const start = chunkStart(ctl, i);
  const end = chunkEnd(ctl, i);
  const lr = scalarAt(ctl, 0);
  const alpha = scalarAt(ctl, 1);
  const eps = scalarAt(ctl, 2);
  const l2 = scalarAt(ctl, 3);
  const mu = scalarAt(ctl, 4);
  for (let j = start; j < end; j++) {
    const o = (<usize>j) << 2;
    const theta = <f64>load<f32>(p + o);
    const d = decayed(g, o, l2, theta);
    const v = alpha * <f64>load<f32>(sq + o) + (1 - alpha) * d * d;
    store<f32>(sq + o, <f32>v);
    let variance = v;
    if (avg !== 0) {
      const mean = alpha * <f64>load<f32>(avg + o) + (1 - alpha) * d;
      store<f32>(avg + o, <f32>mean);
      variance = v - mean * mean;
      if (variance < 0) variance = 0;
    }
    const s = Math.sqrt(variance) + eps;
    if (buf !== 0) {
      const b = mu * <f64>load<f32>(buf + o) + d / s;
      store<f32>(buf + o, <f32>b);
      store<f32>(p + o, <f32>(theta - lr * b));
    } else {
      store<f32>(p + o, <f32>(theta - (lr * d) / s));
    }
  }
}

/** Adagrad. Arrays: p, g, sum. Scalars: clr, ε, l2. */
export function adagradChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const sum = arrayAt(ctl, 2);
  const start = chunkStart(ctl, i);
  const end = chunkEnd(ctl, i);
  const clr = scalarAt(ctl, 0);
  const eps = scalarAt(ctl, 1);
  const l2 = scalarAt(ctl, 2);
  for (let j = start; j < end; j++) {
    const o = (<usize>j) << 2;
    const theta = <f64>load<f32>(p + o);
    const d = decayed(g, o, l2, theta);
    const s = <f64>load<f32>(sum + o) + d * d;
    store<f32>(sum + o, <f32>s);
    store<f32>(p + o, <f32>(theta - (clr * d) / (Math.sqrt(s) + eps)));
  }
}

/** Adadelta. Arrays: p, g, sq, acc. Scalars: lr, ρ, ε, l2. */
export function adadeltaChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const sq = arrayAt(ctl, 2);
  const acc = arrayAt(ctl, 3);
  const start = chunkStart(ctl, i);
  const end = chunkEnd(ctl, i);
  const lr = scalarAt(ctl, 0);
  const rho = scalarAt(ctl, 1);
  const eps = scalarAt(ctl, 2);
  const l2 = scalarAt(ctl, 3);
  for (let j = start; j < end; j++) {
    const o = (<usize>j) << 2;
    const theta = <f64>load<f32>(p + o);
    const d = decayed(g, o, l2, theta);
    const v = rho * <f64>load<f32>(sq + o) + (1 - rho) * d * d;
    store<f32>(sq + o, <f32>v);
    const u = <f64>load<f32>(acc + o);
    const delta = (Math.sqrt(u + eps) / Math.sqrt(v + eps)) * d;
    store<f32>(acc + o, <f32>(rho * u + (1 - rho) * delta * delta));
    store<f32>(p + o, <f32>(theta - lr * delta));
  }
}
