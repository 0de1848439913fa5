// Naive, index-by-index reference implementations for the property tests.
// They are written independently of the package (no broadcastShapes, no
// strides helpers), slow and obvious on purpose.
import fc from "fast-check";
import { expect } from "vitest";
import { type DType, kernels, Tensor } from "../src/index.js";

// ---- backend isolation ---------------------------------------------------------------

const REGISTRY = Symbol.for("@neurite/tensor/registry@2");

/**
 * Makes the TypeScript reference (`cpu`) serve every kernel until the returned
 * function is called, whatever backends are registered (for example one that
 * registers itself on first use). The suites that check the reference's
 * semantics run under it; white-box: it edits the shared registry directly.
 */
export function cpuOnly(): () => void {
  kernels(); // create the registry first, running any automatic registration
  const reg = (
    globalThis as unknown as Record<symbol, { backends: Map<string, unknown>; version: number }>
  )[REGISTRY];
  if (!reg) throw new Error("test helper: registry not found (key changed?)");
  const saved = [...reg.backends];
  reg.backends.clear();
  reg.version++;
  return () => {
    for (const [name, entry] of saved) if (!reg.backends.has(name)) reg.backends.set(name, entry);
    reg.version++;
  };
}

export function prod(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Flat row-major index -> multi-index. */
export function unravel(i: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = i % shape[d]!;
    i = Math.floor(i / shape[d]!);
  }
  return idx;
}

/** Multi-index -> flat row-major index. */
export function ravel(idx: readonly number[], shape: readonly number[]): number {
  let i = 0;
  for (let d = 0; d < shape.length; d++) i = i * shape[d]! + idx[d]!;
  return i;
}

/** A float64 tensor of `shape` holding `values`. */
export function t64(values: readonly number[], shape: readonly number[]): Tensor {
  return new Tensor(Float64Array.from(values), shape);
}

/** The value of `x` at multi-index `idx`. */
export function at(x: Tensor, idx: readonly number[]): number {
  return x.data[ravel(idx, x.shape)]!;
}

/** NumPy broadcast of shapes, computed the slow way (null when incompatible). */
export function naiveBroadcastShape(...shapes: (readonly number[])[]): number[] | null {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let d = 1;
    for (const s of shapes) {
      const k = s.length - rank + i;
      const v = k < 0 ? 1 : s[k]!;
      if (v !== 1) {
        if (d !== 1 && d !== v) return null;
        d = v;
      }
    }
    out.push(d);
  }
  return out;
}

/** The element of `x` that output multi-index `outIdx` reads under broadcasting. */
export function broadcastRead(x: Tensor, outIdx: readonly number[]): number {
  const off = outIdx.length - x.rank;
  const idx = x.shape.map((d, i) => (d === 1 ? 0 : outIdx[i + off]!));
  return at(x, idx);
}

/** out[idx] = f(a[...], b[...]) over the broadcast shape, one index at a time. */
export function naiveBinary(
  a: Tensor,
  b: Tensor,
  f: (x: number, y: number) => number,
): { shape: number[]; values: number[] } {
  const shape = naiveBroadcastShape(a.shape, b.shape);
  if (!shape) throw new Error("test bug: shapes do not broadcast");
  const values: number[] = [];
  for (let i = 0; i < prod(shape); i++) {
    const idx = unravel(i, shape);
    values.push(f(broadcastRead(a, idx), broadcastRead(b, idx)));
  }
  return { shape, values };
}

/**
 * Reduces `x` over `axes` (already normalized, any order) with `f` applied to
 * the list of values of each output position.
 */
export function naiveReduce(
  x: Tensor,
  axes: readonly number[],
  keepDims: boolean,
  f: (vals: number[]) => number,
): { shape: number[]; values: number[] } {
  const outFull = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const groups: number[][] = Array.from({ length: prod(outFull) }, () => []);
  for (let i = 0; i < x.size; i++) {
    const idx = unravel(i, x.shape);
    const o = idx.map((v, d) => (axes.includes(d) ? 0 : v));
    groups[ravel(o, outFull)]!.push(x.data[i]!);
  }
  const shape = keepDims ? outFull : x.shape.filter((_, i) => !axes.includes(i));
  return { shape, values: groups.map(f) };
}

/** Matrix product with a plain triple loop in float64, with transposes, batch broadcasting, vectors. */
export function naiveMatmul(
  a: Tensor,
  b: Tensor,
  transA = false,
  transB = false,
): { shape: number[]; values: number[] } {
  const aVec = a.rank === 1;
  const bVec = b.rank === 1;
  const as = aVec ? [1, a.shape[0]!] : [...a.shape];
  const bs = bVec ? [b.shape[0]!, 1] : [...b.shape];
  const tA = transA && !aVec;
  const tB = transB && !bVec;
  const m = tA ? as.at(-1)! : as.at(-2)!;
  const k = tA ? as.at(-2)! : as.at(-1)!;
  const n = tB ? bs.at(-2)! : bs.at(-1)!;
  const aBatch = as.slice(0, -2);
  const bBatch = bs.slice(0, -2);
  const batch = naiveBroadcastShape(aBatch, bBatch);
  if (!batch) throw new Error("test bug: batch dims do not broadcast");
  const values: number[] = [];
  for (let bi = 0; bi < prod(batch); bi++) {
    const bidx = unravel(bi, batch);
    const pick = (own: number[], full: number[]): number[] => {
      const off = full.length - own.length;
      return own.map((d, i) => (d === 1 ? 0 : bidx[i + off]!));
    };
    const aOff = ravel(pick(aBatch, batch), aBatch) * m * k;
    const bOff = ravel(pick(bBatch, batch), bBatch) * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) {
          const av = a.data[aOff + (tA ? p * m + i : i * k + p)]!;
          const bv = b.data[bOff + (tB ? j * k + p : p * n + j)]!;
          s += av * bv;
        }
        values.push(s);
      }
    }
  }
  const shape = [...batch];
  if (!aVec) shape.push(m);
  if (!bVec) shape.push(n);
  return { shape, values };
}

/** Expects `x` to have `shape` and values within a relative/absolute tolerance (exact by default). */
export function expectClose(
  x: Tensor,
  ref: { shape: readonly number[]; values: readonly number[] },
  tol = 0,
): void {
  expect([...x.shape]).toEqual([...ref.shape]);
  expect(x.size).toBe(ref.values.length);
  for (let i = 0; i < ref.values.length; i++) {
    const got = x.data[i]!;
    const want = ref.values[i]!;
    if (Number.isNaN(want)) {
      if (!Number.isNaN(got)) expect.fail(`index ${i}: expected NaN, got ${got}`);
      continue;
    }
    if (tol === 0 || !Number.isFinite(want)) {
      if (!Object.is(got, want) && got !== want)
        expect.fail(`index ${i}: expected ${want}, got ${got}`);
      continue;
    }
    const err = Math.abs(got - want);
    if (err > tol * Math.max(1, Math.abs(want))) {
      expect.fail(`index ${i}: expected ${want}, got ${got} (error ${err} > ${tol})`);
    }
  }
}

// ---- arbitraries ------------------------------------------------------------------

/** A shape of rank `minRank..maxRank` with dims `1..maxDim`. */
export function arbShape(minRank = 0, maxRank = 4, maxDim = 5): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: maxDim }), { minLength: minRank, maxLength: maxRank });
}

/**
 * Two shapes that broadcast together: start from an output shape, then for each
 * operand drop some leading dims and set some of the rest to 1.
 */
export function arbBroadcastPair(maxRank = 4, maxDim = 5): fc.Arbitrary<[number[], number[]]> {
  const operand = (out: number[]) =>
    fc
      .tuple(
        fc.integer({ min: 0, max: out.length }),
        fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
      )
      .map(([drop, ones]) => out.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)));
  return arbShape(0, maxRank, maxDim).chain((out) => fc.tuple(operand(out), operand(out)));
}

/** Values for a tensor of `size` elements: small integers and fractions, some negative. */
export function arbValues(size: number): fc.Arbitrary<number[]> {
  return fc.array(
    fc.oneof(
      fc.integer({ min: -9, max: 9 }),
      fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }),
    ),
    { minLength: size, maxLength: size },
  );
}

/** A float64 tensor of a random shape with random values. */
export function arbTensor(minRank = 0, maxRank = 4, maxDim = 5): fc.Arbitrary<Tensor> {
  return arbShape(minRank, maxRank, maxDim).chain((shape) =>
    arbValues(prod(shape)).map((v) => t64(v, shape)),
  );
}

/** A tensor of `shape` and `dtype` filled with deterministic pseudo-random small values. */
export function filled(shape: readonly number[], dtype: DType, seed = 1): Tensor {
  const n = prod(shape);
  const data =
    dtype === "float32"
      ? new Float32Array(n)
      : dtype === "float64"
        ? new Float64Array(n)
        : new Int32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const v = ((s >>> 8) % 2001) / 100 - 10; // -10..10 in steps of 0.01
    data[i] = dtype === "int32" ? Math.round(v) : v;
  }
  return new Tensor(data, shape);
}
