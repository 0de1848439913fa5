import { DTypeError, ShapeError, Tensor, ValueError } from "@neurite/tensor";
import { gunzipSync } from "fflate";
import { fmtShape } from "../internal/check.js";
import { describe } from "../internal/describe.js";

/** Element types of the IDX format, by their type code. */
export type IdxType = "uint8" | "int8" | "int16" | "int32" | "float32" | "float64";

const TYPES: Record<number, { type: IdxType; bytes: number }> = {
  8: { type: "uint8", bytes: 1 },
  9: { type: "int8", bytes: 1 },
  11: { type: "int16", bytes: 2 },
  12: { type: "int32", bytes: 4 },
  13: { type: "float32", bytes: 4 },
  14: { type: "float64", bytes: 8 },
};

/** A decoded IDX array: its element type and a tensor holding the values. */
export interface IdxArray {
  /** The element type written in the file. */
  readonly type: IdxType;
  /** The values: int32 for integer types, float32 or float64 for float types. */
  readonly tensor: Tensor;
}

/** Bytes from a Uint8Array, another typed array view, or an ArrayBuffer (no copy). */
export function asBytes(op: string, arg: string, bytes: unknown): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes))
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw new DTypeError(op, arg, `expected a Uint8Array or an ArrayBuffer, got ${describe(bytes)}`);
}

/**
 * Decodes IDX bytes (gzip-compressed ones too, as MNIST is distributed).
 * `source` names the input in messages (a file path, or empty).
 */
export function decodeIdx(op: string, arg: string, input: unknown, source = ""): IdxArray {
  let bytes = asBytes(op, arg, input);
  const from = source ? ` (${source})` : "";
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new ValueError(
        op,
        arg,
        `gzip data${from} could not be decompressed (${(e as Error).message}); the file may be truncated`,
      );
    }
  }
  if (bytes.length < 4)
    throw new ValueError(
      op,
      arg,
      `truncated IDX data${from}: expected a 4-byte magic number, got ${bytes.length} bytes`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const code = bytes[2]!;
  const rank = bytes[3]!;
  const spec = TYPES[code];
  if (bytes[0] !== 0 || bytes[1] !== 0 || spec === undefined || rank === 0) {
    throw new ValueError(
      op,
      arg,
      `wrong IDX magic number 0x${magic.toString(16).padStart(8, "0")}${from}: expected 0x0000, a type code (08 uint8, 09 int8, 0B int16, 0C int32, 0D float32, 0E float64) and a dimension count >= 1, e.g. 0x00000803 for MNIST images`,
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes)
    throw new ValueError(
      op,
      arg,
      `truncated IDX header${from}: ${rank} dimensions need ${headerBytes} header bytes, got ${bytes.length}`,
    );
  const shape: number[] = [];
  let size = 1;
  for (let d = 0; d < rank; d++) {
    const dim = view.getUint32(4 + 4 * d, false);
    shape.push(dim);
    size *= dim;
  }
  const expected = headerBytes + size * spec.bytes;
  if (bytes.length < expected)
    throw new ValueError(
      op,
      arg,
      `truncated IDX data${from}: shape ${fmtShape(shape)} of ${spec.type} needs ${expected} bytes, got ${bytes.length} (${expected - bytes.length} missing)`,
    );
  if (bytes.length > expected)
    throw new ValueError(
      op,
      arg,
      `IDX data${from} has ${bytes.length - expected} bytes after the ${expected} that shape ${fmtShape(shape)} of ${spec.type} needs`,
    );
  const tensor = new Tensor(readValues(view, headerBytes, size, spec.type), shape);
  return { type: spec.type, tensor };
}

function readValues(
  view: DataView,
  at: number,
  size: number,
  type: IdxType,
): Int32Array | Float32Array | Float64Array {
  switch (type) {
    case "uint8": {
      const out = new Int32Array(size);
      out.set(new Uint8Array(view.buffer, view.byteOffset + at, size));
      return out;
    }
    case "int8": {
      const out = new Int32Array(size);
      out.set(new Int8Array(view.buffer, view.byteOffset + at, size));
      return out;
    }
    case "int16": {
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getInt16(at + 2 * i, false);
      return out;
    }
    case "int32": {
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getInt32(at + 4 * i, false);
      return out;
    }
    case "float32": {
      const out = new Float32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat32(at + 4 * i, false);
      return out;
    }
    default: {
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat64(at + 8 * i, false);
      return out;
    }
  }
}

/** Checks that an IDX array has the rank an images or labels file must have. */
export function checkIdxRank(
  op: string,
  arg: string,
  a: IdxArray,
  rank: number,
  what: string,
  source = "",
): void {
  if (a.tensor.rank !== rank)
    throw new ShapeError(
      op,
      arg,
      `${what} must be a ${rank}-D IDX array, got shape ${fmtShape(a.tensor.shape)}${source ? ` (${source})` : ""}`,
    );
}
