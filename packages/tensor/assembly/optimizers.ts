// The other optimizers' updates over float32 arrays (in place), in float64 in
// the reference's order of operations, so the results are bit-identical to it
// (see OptimizerKernels): two lanes at a time (lane-wise IEEE add, mul, div,
// sqrt, max round exactly as the scalar ones). Every array is padded to 64
// bytes (arena and resident blocks alike) and chunks are even, so an odd
// length's last pair computes one lane of padding, written to padding only.
// Each runs chunk `i` of its task; the parameter layout is update.ts's.
// `l2 = 0` leaves d = g exactly (no 0·θ term, which is NaN for an infinite θ).

import { arrayAt, chunkEnd, chunkStart, load2, scalarAt, store2 } from "./update";

/** Gradient plus the coupled weight decay, as the reference forms it, two lanes at a time. */
function decayed2(g: usize, o: usize, l2: f64, theta: v128): v128 {
  const d = load2(g + o);
  return l2 !== 0 ? f64x2.add(d, f64x2.mul(f64x2.splat(l2), theta)) : d;
}

/** SGD. Arrays: p, g, buf (0 without momentum). Scalars: lr, μ, dampening, l2, nesterov, first. */
export function sgdChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const buf = arrayAt(ctl, 2);
  const end = chunkEnd(ctl, i);
  const lr = scalarAt(ctl, 0);
  const mu = scalarAt(ctl, 1);
  const keep = 1 - scalarAt(ctl, 2);
  const l2 = scalarAt(ctl, 3);
  const nesterov = scalarAt(ctl, 4) !== 0;
  const first = scalarAt(ctl, 5) !== 0;
  const vlr = f64x2.splat(lr);
  const vmu = f64x2.splat(mu);
  const vkeep = f64x2.splat(keep);
  for (let j = chunkStart(ctl, i); j < end; j += 2) {
    const o = (<usize>j) << 2;
    const theta = load2(p + o);
    const d = decayed2(g, o, l2, theta);
    if (buf === 0) {
      store2(p + o, f64x2.sub(theta, f64x2.mul(vlr, d)));
      continue;
    }
    const b = first ? d : f64x2.add(f64x2.mul(vmu, load2(buf + o)), f64x2.mul(vkeep, d));
    store2(buf + o, b);
    const step = nesterov ? f64x2.add(d, f64x2.mul(vmu, b)) : b;
    store2(p + o, f64x2.sub(theta, f64x2.mul(vlr, step)));
  }
}

/** Adamax. Arrays: p, g, m, u. Scalars: clr, β₁, β₂, ε, l2. */
export function adamaxChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const m = arrayAt(ctl, 2);
  const u = arrayAt(ctl, 3);
  const end = chunkEnd(ctl, i);
  const clr = scalarAt(ctl, 0);
  const b1 = scalarAt(ctl, 1);
  const b2 = scalarAt(ctl, 2);
  const eps = scalarAt(ctl, 3);
  const l2 = scalarAt(ctl, 4);
  const k1 = 1 - b1;
  const vclr = f64x2.splat(clr);
  const vb1 = f64x2.splat(b1);
  const vb2 = f64x2.splat(b2);
  const veps = f64x2.splat(eps);
  const vk1 = f64x2.splat(k1);
  for (let j = chunkStart(ctl, i); j < end; j += 2) {
    const o = (<usize>j) << 2;
    const theta = load2(p + o);
    const d = decayed2(g, o, l2, theta);
    const mi = f64x2.add(f64x2.mul(vb1, load2(m + o)), f64x2.mul(vk1, d));
    const ui = f64x2.max(f64x2.mul(vb2, load2(u + o)), f64x2.add(f64x2.abs(d), veps));
    store2(m + o, mi);
    store2(u + o, ui);
    store2(p + o, f64x2.sub(theta, f64x2.div(f64x2.mul(vclr, mi), ui)));
  }
}

/** NAdam. Arrays: p, g, m, v. Scalars: gradCoef, momentCoef, bc2, β₁, β₂, ε, l2, decay. */
export function nadamChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const m = arrayAt(ctl, 2);
  const v = arrayAt(ctl, 3);
  const end = chunkEnd(ctl, i);
  const gradCoef = scalarAt(ctl, 0);
  const momentCoef = scalarAt(ctl, 1);
  const bc2 = scalarAt(ctl, 2);
  const b1 = scalarAt(ctl, 3);
  const b2 = scalarAt(ctl, 4);
  const eps = scalarAt(ctl, 5);
  const l2 = scalarAt(ctl, 6);
  const decay = scalarAt(ctl, 7);
  const k1 = 1 - b1;
  const k2 = 1 - b2;
  const vgc = f64x2.splat(gradCoef);
  const vmc = f64x2.splat(momentCoef);
  const vbc2 = f64x2.splat(bc2);
  const vb1 = f64x2.splat(b1);
  const vb2 = f64x2.splat(b2);
  const vk1 = f64x2.splat(k1);
  const vk2 = f64x2.splat(k2);
  const veps = f64x2.splat(eps);
  const vdecay = f64x2.splat(decay);
  for (let j = chunkStart(ctl, i); j < end; j += 2) {
    const o = (<usize>j) << 2;
    // θ·1 is θ exactly, so the decay multiplies unconditionally.
    const theta = f64x2.mul(load2(p + o), vdecay);
    const d = decayed2(g, o, l2, theta);
    const mi = f64x2.add(f64x2.mul(vb1, load2(m + o)), f64x2.mul(vk1, d));
    const vi = f64x2.add(f64x2.mul(vb2, load2(v + o)), f64x2.mul(f64x2.mul(vk2, d), d));
    store2(m + o, mi);
    store2(v + o, vi);
    const s = f64x2.add(f64x2.sqrt(f64x2.div(vi, vbc2)), veps);
    const first = f64x2.sub(theta, f64x2.div(f64x2.mul(vgc, d), s));
    store2(p + o, f64x2.sub(first, f64x2.div(f64x2.mul(vmc, mi), s)));
  }
}

/** RMSprop. Arrays: p, g, sq, avg (0 unless centered), buf (0 without momentum). Scalars: lr, α, ε, l2, μ. */
export function rmspropChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const sq = arrayAt(ctl, 2);
  const avg = arrayAt(ctl, 3);
  const buf = arrayAt(ctl, 4);
  const end = chunkEnd(ctl, i);
  const lr = scalarAt(ctl, 0);
  const alpha = scalarAt(ctl, 1);
  const eps = scalarAt(ctl, 2);
  const l2 = scalarAt(ctl, 3);
  const mu = scalarAt(ctl, 4);
  const ka = 1 - alpha;
  const vlr = f64x2.splat(lr);
  const valpha = f64x2.splat(alpha);
  const vka = f64x2.splat(ka);
  const veps = f64x2.splat(eps);
  const vmu = f64x2.splat(mu);
  const zero = f64x2.splat(0);
  for (let j = chunkStart(ctl, i); j < end; j += 2) {
    const o = (<usize>j) << 2;
    const theta = load2(p + o);
    const d = decayed2(g, o, l2, theta);
    const v = f64x2.add(f64x2.mul(valpha, load2(sq + o)), f64x2.mul(f64x2.mul(vka, d), d));
    store2(sq + o, v);
    let variance = v;
    if (avg !== 0) {
      const mean = f64x2.add(f64x2.mul(valpha, load2(avg + o)), f64x2.mul(vka, d));
      store2(avg + o, mean);
      variance = f64x2.sub(v, f64x2.mul(mean, mean));
      // 0 where variance < 0 (NaN and -0 compare false and stay, as in the reference).
      variance = v128.bitselect(zero, variance, f64x2.lt(variance, zero));
    }
    const s = f64x2.add(f64x2.sqrt(variance), veps);
    if (buf !== 0) {
      const b = f64x2.add(f64x2.mul(vmu, load2(buf + o)), f64x2.div(d, s));
      store2(buf + o, b);
      store2(p + o, f64x2.sub(theta, f64x2.mul(vlr, b)));
    } else {
      store2(p + o, f64x2.sub(theta, f64x2.div(f64x2.mul(vlr, d), s)));
    }
  }
}

/** Adagrad. Arrays: p, g, sum. Scalars: clr, ε, l2. */
export function adagradChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const sum = arrayAt(ctl, 2);
  const end = chunkEnd(ctl, i);
  const clr = scalarAt(ctl, 0);
  const eps = scalarAt(ctl, 1);
  const l2 = scalarAt(ctl, 2);
  const vclr = f64x2.splat(clr);
  const veps = f64x2.splat(eps);
  for (let j = chunkStart(ctl, i); j < end; j += 2) {
    const o = (<usize>j) << 2;
    const theta = load2(p + o);
    const d = decayed2(g, o, l2, theta);
    const s = f64x2.add(load2(sum + o), f64x2.mul(d, d));
    store2(sum + o, s);
    const step = f64x2.div(f64x2.mul(vclr, d), f64x2.add(f64x2.sqrt(s), veps));
    store2(p + o, f64x2.sub(theta, step));
  }
}

/** Adadelta. Arrays: p, g, sq, acc. Scalars: lr, ρ, ε, l2. */
export function adadeltaChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const sq = arrayAt(ctl, 2);
  const acc = arrayAt(ctl, 3);
  const end = chunkEnd(ctl, i);
  const lr = scalarAt(ctl, 0);
  const rho = scalarAt(ctl, 1);
  const eps = scalarAt(ctl, 2);
  const l2 = scalarAt(ctl, 3);
  const kr = 1 - rho;
  const vlr = f64x2.splat(lr);
  const vrho = f64x2.splat(rho);
  const vkr = f64x2.splat(kr);
  const veps = f64x2.splat(eps);
  for (let j = chunkStart(ctl, i); j < end; j += 2) {
    const o = (<usize>j) << 2;
    const theta = load2(p + o);
    const d = decayed2(g, o, l2, theta);
    const v = f64x2.add(f64x2.mul(vrho, load2(sq + o)), f64x2.mul(f64x2.mul(vkr, d), d));
    store2(sq + o, v);
    const u = load2(acc + o);
    const ratio = f64x2.div(f64x2.sqrt(f64x2.add(u, veps)), f64x2.sqrt(f64x2.add(v, veps)));
    const delta = f64x2.mul(ratio, d);
    store2(acc + o, f64x2.add(f64x2.mul(vrho, u), f64x2.mul(f64x2.mul(vkr, delta), delta)));
    store2(p + o, f64x2.sub(theta, f64x2.mul(vlr, delta)));
  }
}
