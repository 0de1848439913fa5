import type { TypedArray } from "../../dtype.js";

/**
 * A bump allocator over WebAssembly linear memory, reset before each kernel
 * call (phase A of the memory design: tensors stay JS typed arrays; kernels copy
 * their operands in, compute, and copy results out). Memory only grows, so after
 * the largest call has run once, calls allocate nothing.
 */
export class Arena {
  /** Float view of the whole memory; refreshed by {@link Arena.views} after growth. */
  f32: Float32Array;
  /** Int view of the whole memory. */
  i32: Int32Array;
  private top: number;
  /**
   * The memory's size in bytes. Only this arena grows the memory (the kernels
   * allocate nothing), so it keeps the size itself: reading `memory.buffer`
   * of a shared memory makes a new SharedArrayBuffer object each time, which
   * cost about 3% of a small training step when every allocation did it.
   */
  private bytes: number;

  /**
   * @param memory - the module's memory
   * @param base - first byte the arena may use (after the control block)
   */
  constructor(
    private readonly memory: WebAssembly.Memory,
    private base: number,
  ) {
    this.top = base;
    this.f32 = new Float32Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    this.bytes = this.f32.byteLength;
  }

  /** Frees everything allocated since the last reset. */
  reset(): void {
    this.top = this.base;
  }

  /**
   * Reserves `floats` float32 slots, 64-byte aligned and padded to a whole
   * vector so kernels may read and write the last partial vector. Returns the
   * byte address, or -1 if memory cannot grow that far.
   */
  alloc(floats: number): number {
    const at = this.top;
    const end = at + ((floats * 4 + 63) & ~63);
    if (end > this.bytes && !this.grow(end)) return -1;
    this.top = end;
    return at;
  }

  /**
   * Takes `bytes` (a multiple of 64) for good from the start of the arena's
   * space, for long-lived data such as resident optimizer state (see
   * resident.ts): the arena then starts after it. Call it between kernel
   * calls only (the arena holds nothing across calls). Returns the byte
   * address, or -1 if memory cannot grow that far.
   */
  reserve(bytes: number): number {
    const at = this.base;
    const end = at + bytes;
    if (end > this.bytes && !this.grow(end)) return -1;
    this.base = end;
    this.top = Math.max(this.top, end);
    return at;
  }

  /** Copies `src` into a new block (see {@link Arena.alloc}); returns its byte address, or -1. */
  copyIn(src: TypedArray): number {
    const at = this.alloc(src.length);
    if (at >= 0) this.views().f32.set(src, at >> 2);
    return at;
  }

  /** Copies the `n` floats at byte address `at` into `dst`, from `offset`. */
  copyOut(at: number, n: number, dst: TypedArray, offset = 0): void {
    dst.set(this.views().f32.subarray(at >> 2, (at >> 2) + n), offset);
  }

  /** A float64 view of the `n` values at byte address `at` (8-byte aligned). */
  f64(at: number, n: number): Float64Array {
    return new Float64Array(this.views().f32.buffer, at, n);
  }

  /** Typed views over the current memory (new ones if it grew). */
  views(): this {
    // Growth detaches an unshared buffer (length 0) and leaves a shared one shorter.
    if (this.f32.length * 4 !== this.bytes) {
      const buffer = this.memory.buffer;
      this.f32 = new Float32Array(buffer);
      this.i32 = new Int32Array(buffer);
    }
    return this;
  }

  private grow(end: number): boolean {
    const have = this.bytes;
    // Grow by at least a quarter to keep the number of (copy-free but not free) grows small.
    const want = Math.max(end - have, have >> 2);
    try {
      this.memory.grow(Math.ceil(want / 65536));
    } catch {
      try {
        this.memory.grow(Math.ceil((end - have) / 65536));
      } catch {
        return false;
      }
    }
    this.bytes = this.memory.buffer.byteLength;
    return true;
  }
}
