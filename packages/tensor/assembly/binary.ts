// Elementwise functions of two float32 arrays with the broadcast patterns that
// matter in practice, viewed as [rows, cols]: each operand is either full
// (row-major like the output), a row vector (one value per column), a column
// vector (one value per row) or a scalar. Every other broadcast pattern stays
// on the reference kernel.
//
// Each operand is read through a pointer and a step of 16 or 0 bytes: a row
// vector or a full operand advances, a column value or scalar is splatted into
// scratch memory once per row and read with step 0. So there is one loop per
// function, whatever the broadcast pattern.

import { param } from "./layout";

// Function ids (the loader's binary wrapper uses the same numbers).
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const MAXIMUM = 4;
const MINIMUM = 5;
const EQ = 6;
const NE = 7;
const GT = 8;
const GE = 9;
const LT = 10;
const LE = 11;

// Operand layouts: FULL, ROW, COL, and 3 for a scalar (read like COL, from its only element).
const FULL = 0;
const ROW = 1;
const COL = 2;

// Parameter slots.
const KIND = 0;
const A = 1;
const B = 2;
const OUT = 3;
const A_LAYOUT = 4;
const B_LAYOUT = 5;
const ROWS = 6;
const COLS = 7;
const CHUNK = 8;

function one(mask: v128): v128 {
  return v128.and(mask, f32x4.splat(1));
}

/** `count` vectors: out = a op b, with a and b advancing by `sa` and `sb` bytes. */
function vectors(
  kind: i32,
  a: usize,
  sa: usize,
  b: usize,
  sb: usize,
  out: usize,
  count: i32,
): void {
  const end = out + ((<usize>count) << 4);
  switch (kind) {
    case ADD:
      for (; out < end; out += 16, a += sa, b += sb) {
        v128.store(out, f32x4.add(v128.load(a), v128.load(b)));
      }
      break;
    case SUB:
      for (; out < end; out += 16, a += sa, b += sb) {
        v128.store(out, f32x4.sub(v128.load(a), v128.load(b)));
      }
      break;
    case MUL:
      for (; out < end; out += 16, a += sa, b += sb) {
        v128.store(out, f32x4.mul(v128.load(a), v128.load(b)));
      }
      break;
    case DIV:
      for (; out < end; out += 16, a += sa, b += sb) {
        v128.store(out, f32x4.div(v128.load(a), v128.load(b)));
      }
      break;
    case MAXIMUM:
      // a > b || a is NaN ? a : b, exactly as the reference.
      for (; out < end; out += 16, a += sa, b += sb) {
        const x = v128.load(a);
        const y = v128.load(b);
        v128.store(out, v128.bitselect(x, y, v128.or(f32x4.gt(x, y), f32x4.ne(x, x))));
      }
      break;
    case MINIMUM:
      for (; out < end; out += 16, a += sa, b += sb) {
        const x = v128.load(a);
        const y = v128.load(b);
        v128.store(out, v128.bitselect(x, y, v128.or(f32x4.lt(x, y), f32x4.ne(x, x))));
      }
      break;
    case EQ:
      for (; out < end; out += 16, a += sa, b += sb) {
        v128.store(out, one(f32x4.eq(v128.load(a), v128.load(b))));
      }
      break;
    case NE:
      for (; out < end; out += 16, a += sa, b += sb) {
        v128.store(out, one(f32x4.ne(v128.load(a), v128.load(b))));
      }
      break;
    case GT:
      for (; out < end; out += 16, a += sa, b += sb) {
        v128.store(out, one(f32x4.gt(v128.load(a), v128.load(b))));
      }
      break;
    case GE:
      for (; out < end; out += 16, a += sa, b += sb) {
        v128.store(out, one(f32x4.ge(v128.load(a), v128.load(b))));
      }
      break;
    case LT:
      for (; out < end; out += 16, a += sa, b += sb) {
        v128.store(out, one(f32x4.lt(v128.load(a), v128.load(b))));
      }
      break;
    case LE:
      for (; out < end; out += 16, a += sa, b += sb) {
        v128.store(out, one(f32x4.le(v128.load(a), v128.load(b))));
      }
      break;
    default:
      unreachable();
  }
}

/** The same functions on single values, for the ends of rows that are not a multiple of 4. */
function scalar(kind: i32, x: f32, y: f32): f32 {
  switch (kind) {
    case ADD:
      return x + y;
    case SUB:
      return x - y;
    case MUL:
      return x * y;
    case DIV:
      return x / y;
    case MAXIMUM:
      return x > y || F32.isNaN(x) ? x : y;
    case MINIMUM:
      return x < y || F32.isNaN(x) ? x : y;
    case EQ:
      return x === y ? 1 : 0;
    case NE:
      return x !== y ? 1 : 0;
    case GT:
      return x > y ? 1 : 0;
    case GE:
      return x >= y ? 1 : 0;
    case LT:
      return x < y ? 1 : 0;
    case LE:
      return x <= y ? 1 : 0;
    default:
      unreachable();
      return 0;
  }
}

/**
 * Where row `r` of an operand starts and how far it advances per vector: full
 * rows and row vectors advance 16 bytes; a column value or a scalar is splatted
 * into `splat` and read in place.
 */
function rowStart(layout: i32, base: usize, r: i32, cols: i32, splat: usize): usize {
  if (layout === FULL) return base + ((<usize>r * <usize>cols) << 2);
  if (layout === ROW) return base;
  const v = load<f32>(layout === COL ? base + ((<usize>r) << 2) : base);
  v128.store(splat, f32x4.splat(v));
  return splat;
}

/**
 * One chunk: `CHUNK` rows of the [rows, cols] view (or, with one row, `CHUNK`
 * elements of it; chunk edges are then multiples of 4 and the padded buffers
 * absorb the last partial vector).
 */
export function binaryChunk(ctl: usize, chunk: i32, scratch: usize): void {
  const kind = param(ctl, KIND);
  const a = <usize>param(ctl, A);
  const b = <usize>param(ctl, B);
  const out = <usize>param(ctl, OUT);
  const la = param(ctl, A_LAYOUT);
  const lb = param(ctl, B_LAYOUT);
  const rows = param(ctl, ROWS);
  const cols = param(ctl, COLS);
  const size = param(ctl, CHUNK);
  const sa: usize = la === FULL || la === ROW ? 16 : 0;
  const sb: usize = lb === FULL || lb === ROW ? 16 : 0;
  if (rows === 1) {
    const start = chunk * size;
    const count = (min(cols, start + size) - start + 3) >> 2;
    const off = (<usize>start) << 2;
    const pa = rowStart(la, a, 0, cols, scratch) + (sa ? off : 0);
    const pb = rowStart(lb, b, 0, cols, scratch + 16) + (sb ? off : 0);
    vectors(kind, pa, sa, pb, sb, out + off, count);
    return;
  }
  const first = chunk * size;
  const last = min(rows, first + size);
  const full = cols >> 2;
  const tail = full << 2;
  for (let r = first; r < last; r++) {
    const pa = rowStart(la, a, r, cols, scratch);
    const pb = rowStart(lb, b, r, cols, scratch + 16);
    const po = out + ((<usize>r * <usize>cols) << 2);
    vectors(kind, pa, sa, pb, sb, po, full);
    for (let j = tail; j < cols; j++) {
      const o = (<usize>j) << 2;
      const x = load<f32>(sa ? pa + o : pa);
      const y = load<f32>(sb ? pb + o : pb);
      store<f32>(po + o, scalar(kind, x, y));
    }
  }
}
