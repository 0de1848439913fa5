// Scratch memory of the reference kernels. A small typed array of its own
// costs about 1 µs to allocate once it passes 64 bytes (V8 gives it an
// off-heap backing store), and the book's examples call these kernels with a
// few dozen elements thousands of times per fit; so each temporary lives in
// a grow-only buffer of its slot, and a call hands out a view of it. Kernels
// run synchronously on one thread, each uses slots of its own, and none calls
// another kernel while it holds a view, so no two users overlap.

/** The slots: one per temporary of a reference kernel. */
export const SLOT = {
  bnSum: 0,
  bnSumSquares: 1,
  bnInverseStd: 2,
  bnGradSum: 3,
  bnGradDotX: 4,
  denseBiasSum: 5,
  denseGradZ: 6,
  softmax: 7,
  crossEntropyGrad: 8,
} as const;

const f64: Float64Array[] = [];
const f32: Float32Array[] = [];
const newF64 = (length: number) => new Float64Array(length);
const newF32 = (length: number) => new Float32Array(length);

/** A grow-only buffer of at least `size` entries, reusing `current` while it is large enough. */
export function grown(current: Float64Array, size: number): Float64Array {
  return current.length >= size ? current : new Float64Array(Math.max(size, current.length * 2));
}

/** `n` zeroed entries of slot `slot` in `buffers`, growing the slot's buffer (made by `make`) as needed. */
function slotView<A extends Float32Array | Float64Array>(
  buffers: A[],
  slot: number,
  n: number,
  make: (length: number) => A,
): A {
  let b = buffers[slot];
  if (b === undefined || b.length < n) b = buffers[slot] = make(Math.max(n, 2 * (b?.length ?? 8)));
  const view = b.subarray(0, n) as A;
  view.fill(0);
  return view;
}

/** `n` zeroed float64 entries of slot `slot`, valid until the next call for that slot. */
export function scratch64(slot: number, n: number): Float64Array {
  return slotView(f64, slot, n, newF64);
}

/** `n` zeroed float32 entries of slot `slot`, valid until the next call for that slot. */
export function scratch32(slot: number, n: number): Float32Array {
  return slotView(f32, slot, n, newF32);
}
