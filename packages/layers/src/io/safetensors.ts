import { type DType, Tensor, ValueError } from "@neurite/tensor";
import { FormatError } from "../errors.js";
import { fmt } from "../internal.js";

/**
 * The safetensors dtype names Neurite reads and writes. I64 (PyTorch's
 * integer default, e.g. BatchNorm's `num_batches_tracked`) is read into int32
 * tensors when every value fits, and written on request from int32 tensors
 * (see {@link EncodeSafetensorsOptions.int64}).
 */
export type SafetensorsDType = "F32" | "F64" | "I32" | "I64";

/** Options of {@link encodeSafetensors}. */
export interface EncodeSafetensorsOptions {
  /**
   * Names of int32 tensors to store as I64, sign-extended: what PyTorch
   * expects for counters and indices (`load_state_dict` refuses an I32
   * `num_batches_tracked` where its module holds int64).
   */
  int64?: Iterable<string>;
}

/** What {@link decodeSafetensors} returns. */
export interface SafetensorsContents {
  /** The tensors by name, in the header's order. */
  tensors: Record<string, Tensor>;
  /** The header's `__metadata__` (string → string), empty when absent. */
  metadata: Record<string, string>;
}

/** Options of {@link decodeSafetensors}. */
export interface DecodeSafetensorsOptions {
  /** Largest accepted header, in bytes (default 100 MB, as the reference implementation). */
  maxHeaderBytes?: number;
}

const BYTES: Record<SafetensorsDType, number> = { F32: 4, F64: 8, I32: 4, I64: 8 };
const TO_DTYPE: Record<SafetensorsDType, DType> = {
  F32: "float32",
  F64: "float64",
  I32: "int32",
  I64: "int32",
};
const FROM_DTYPE: Record<DType, Exclude<SafetensorsDType, "I64">> = {
  float32: "F32",
  float64: "F64",
  int32: "I32",
};
/** Dtypes of the format that Neurite has no tensor type for. */
const OTHER_DTYPES = new Set([
  "BOOL",
  "U8",
  "I8",
  "U16",
  "I16",
  "F16",
  "BF16",
  "U32",
  "U64",
  "F8_E4M3",
  "F8_E5M2",
  "F8_E8M0",
  "F4",
  "F6_E2M3",
  "F6_E3M2",
  "C64",
]);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const TWO_32 = 0x100000000;

function entriesOf(
  tensors: Record<string, Tensor> | Iterable<readonly [string, Tensor]>,
): [string, Tensor][] {
  if (
    tensors instanceof Map ||
    (typeof tensors === "object" && tensors !== null && Symbol.iterator in tensors)
  )
    return [...(tensors as Iterable<readonly [string, Tensor]>)].map(([k, v]) => [k, v]);
  return Object.entries(tensors as Record<string, Tensor>);
}

/**
 * Serializes named tensors in the safetensors format: an 8-byte
 * little-endian header length, a JSON header (`dtype`, `shape`,
 * `data_offsets` per tensor, optional `__metadata__` of strings) padded with
 * spaces to a multiple of 8 bytes, then the raw little-endian data, tensor
 * after tensor. PyTorch (`safetensors.torch.load_file`) and Hugging Face
 * tools read the result.
 *
 * @throws ValueError for an empty or reserved name, a non-Tensor, non-string
 * metadata, or an `int64` name that is not an int32 tensor
 */
export function encodeSafetensors(
  tensors: Record<string, Tensor> | Iterable<readonly [string, Tensor]>,
  metadata?: Record<string, string>,
  options: EncodeSafetensorsOptions = {},
): Uint8Array {
  const op = "encodeSafetensors";
  const entries = entriesOf(tensors);
  const int64 = new Set(options.int64 ?? []);
  for (const name of int64) {
    const t = entries.find(([k]) => k === name)?.[1];
    if (!(t instanceof Tensor) || t.dtype !== "int32")
      throw new ValueError(
        op,
        "options.int64",
        `'${name}' must name an int32 tensor to write as I64, got ${t instanceof Tensor ? t.dtype : "no such tensor"}`,
      );
  }
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) {
    for (const [k, v] of Object.entries(metadata))
      if (typeof v !== "string")
        throw new ValueError(
          op,
          "metadata",
          `metadata values must be strings; '${k}' is ${typeof v}`,
        );
    const meta: Record<string, string> = {};
    for (const [k, v] of Object.entries(metadata)) define(meta, k, v);
    header.__metadata__ = meta;
  }
  let offset = 0;
  const seen = new Set<string>();
  for (const [name, t] of entries) {
    if (typeof name !== "string" || name.length === 0 || name === "__metadata__")
      throw new ValueError(op, "tensors", `invalid tensor name '${String(name)}'`);
    if (seen.has(name)) throw new ValueError(op, "tensors", `duplicate tensor name '${name}'`);
    seen.add(name);
    if (!(t instanceof Tensor)) throw new ValueError(op, "tensors", `'${name}' is not a Tensor`);
    const wide = int64.has(name);
    const size = wide ? t.size * 8 : t.data.byteLength;
    define(header, name, {
      dtype: wide ? "I64" : FROM_DTYPE[t.dtype],
      shape: t.shape.slice(),
      data_offsets: [offset, offset + size],
    });
    offset += size;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = json.length + ((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLength % TWO_32, true);
  view.setUint32(4, Math.floor(headerLength / TWO_32), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let pos = 8 + headerLength;
  for (const [name, t] of entries) {
    if (int64.has(name)) {
      const view = new DataView(out.buffer, pos, t.size * 8);
      for (let i = 0; i < t.size; i++) view.setBigInt64(i * 8, BigInt(t.data[i]!), true);
      pos += t.size * 8;
    } else {
      writeLittleEndian(t, out, pos);
      pos += t.data.byteLength;
    }
  }
  return out;
}

function writeLittleEndian(t: Tensor, out: Uint8Array, pos: number): void {
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + pos, t.data.byteLength);
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    if (t.dtype === "float64") view.setFloat64(i * 8, d[i]!, true);
    else if (t.dtype === "float32") view.setFloat32(i * 4, d[i]!, true);
    else view.setInt32(i * 4, d[i]!, true);
  }
}

function fail(kind: FormatError["kind"], detail: string): never {
  throw new FormatError("decodeSafetensors", kind, detail);
}

/** Sets an own property even for names such as `__proto__`, which plain assignment would not. */
function define<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

interface Entry {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  begin: number;
  end: number;
  count: number;
}

function parseEntry(name: string, info: unknown): Entry {
  if (!isPlainObject(info)) fail("header", `entry '${name}' is not an object`);
  const dtype = info.dtype;
  if (typeof dtype !== "string") fail("header", `entry '${name}' has no dtype string`);
  if (!(dtype in BYTES))
    fail(
      "dtype",
      OTHER_DTYPES.has(dtype)
        ? `tensor '${name}' has dtype '${dtype}', which Neurite does not read (it reads F32, F64, I32 and I64)`
        : `tensor '${name}' has unknown dtype '${dtype}' (Neurite reads F32, F64, I32 and I64)`,
    );
  const shape = info.shape;
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || (d as number) < 0))
    fail("header", `tensor '${name}' has an invalid shape ${JSON.stringify(shape)}`);
  const offsets = info.data_offsets;
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0) ||
    (offsets[0] as number) > (offsets[1] as number)
  )
    fail("offsets", `tensor '${name}' has invalid data_offsets ${JSON.stringify(offsets)}`);
  const [begin, end] = offsets as [number, number];
  // Element count, stopping once it exceeds the byte span (no overflow, no huge numbers).
  let count = 1;
  for (const d of shape as number[]) {
    count *= d;
    if (count > end - begin) break;
  }
  const width = BYTES[dtype as SafetensorsDType];
  if (count * width !== end - begin)
    fail(
      "size",
      `tensor '${name}' of shape ${fmt(shape as number[])} and dtype ${dtype} needs ${count * width} bytes, but its data_offsets span ${end - begin}`,
    );
  return { name, dtype: dtype as SafetensorsDType, shape: shape as number[], begin, end, count };
}

function readTensor(bytes: Uint8Array, start: number, e: Entry): Tensor {
  // A fresh, aligned copy. (Not bytes.slice: on a Node Buffer, slice shares memory.)
  const copy = new Uint8Array(e.end - e.begin);
  copy.set(bytes.subarray(start + e.begin, start + e.end));
  if (e.dtype === "I64") return readInt64(copy, e);
  const dtype = TO_DTYPE[e.dtype];
  let data: Float32Array | Float64Array | Int32Array;
  if (LITTLE_ENDIAN) {
    data =
      dtype === "float64"
        ? new Float64Array(copy.buffer, 0, e.count)
        : dtype === "float32"
          ? new Float32Array(copy.buffer, 0, e.count)
          : new Int32Array(copy.buffer, 0, e.count);
  } else {
    const view = new DataView(copy.buffer);
    data =
      dtype === "float64"
        ? new Float64Array(e.count)
        : dtype === "float32"
          ? new Float32Array(e.count)
          : new Int32Array(e.count);
    for (let i = 0; i < e.count; i++)
      data[i] =
        dtype === "float64"
          ? view.getFloat64(i * 8, true)
          : dtype === "float32"
            ? view.getFloat32(i * 4, true)
            : view.getInt32(i * 4, true);
  }
  return new Tensor(data, e.shape);
}

/** An I64 tensor as int32, refusing values outside the int32 range rather than wrapping them. */
function readInt64(bytes: Uint8Array, e: Entry): Tensor {
  const view = new DataView(bytes.buffer);
  const data = new Int32Array(e.count);
  for (let i = 0; i < e.count; i++) {
    const v = view.getBigInt64(i * 8, true);
    if (v > 2147483647n || v < -2147483648n)
      fail(
        "dtype",
        `tensor '${e.name}' (I64) holds ${v}, outside the int32 range Neurite's integer tensors have`,
      );
    data[i] = Number(v);
  }
  return new Tensor(data, e.shape);
}

/**
 * Reads a safetensors buffer. Everything is validated before any tensor is
 * allocated: the header length against the bytes present, the header as
 * UTF-8 JSON, each entry's dtype, shape and offsets, that each byte span
 * matches its shape, and that the tensors tile the data section exactly. So
 * a truncated or corrupt file gives a {@link FormatError} naming what is
 * wrong, and never a huge allocation.
 *
 * @throws FormatError with `kind` truncated, header-length, header-json, header, offsets, dtype or size
 */
export function decodeSafetensors(
  input: Uint8Array | ArrayBuffer,
  options: DecodeSafetensorsOptions = {},
): SafetensorsContents {
  const bytes =
    input instanceof Uint8Array
      ? input
      : input instanceof ArrayBuffer
        ? new Uint8Array(input)
        : fail(
            "header",
            `expected a Uint8Array or ArrayBuffer, got ${input === null ? "null" : typeof input}`,
          );
  const maxHeader = options.maxHeaderBytes ?? 100_000_000;
  if (bytes.length < 8)
    fail(
      "truncated",
      `the data is ${bytes.length} bytes; a safetensors file starts with an 8-byte header length`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lo = view.getUint32(0, true);
  const hi = view.getUint32(4, true);
  const available = bytes.length - 8;
  if (hi !== 0 || lo > available)
    fail(
      "header-length",
      `the header length ${hi === 0 ? lo : `${hi}·2^32 + ${lo}`} is larger than the ${available} bytes that follow it: the file is truncated or not a safetensors file`,
    );
  const headerLength = lo;
  if (headerLength > maxHeader)
    fail(
      "header-length",
      `the header length ${headerLength} exceeds the limit of ${maxHeader} bytes`,
    );
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    fail("header-json", "the header is not valid UTF-8");
  }
  if (!text.startsWith("{"))
    fail("header-json", "the header does not start with '{': not a safetensors file");
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    fail("header-json", `the header is not valid JSON (${(e as Error).message})`);
  }
  if (!isPlainObject(header)) fail("header", "the header is not a JSON object");
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") {
      if (!isPlainObject(info)) fail("header", "__metadata__ must be an object of strings");
      for (const [k, v] of Object.entries(info)) {
        if (typeof v !== "string") fail("header", `__metadata__ value '${k}' is not a string`);
        define(metadata, k, v);
      }
      continue;
    }
    entries.push(parseEntry(name, info));
  }
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const e of sorted) {
    if (e.begin !== expected)
      fail(
        "offsets",
        e.begin < expected
          ? `tensor '${e.name}' overlaps the previous tensor (starts at byte ${e.begin}, before ${expected})`
          : `bytes ${expected}..${e.begin} before tensor '${e.name}' belong to no tensor`,
      );
    expected = e.end;
  }
  if (expected > dataLength)
    fail(
      "truncated",
      `the header describes ${expected} bytes of tensor data but only ${dataLength} follow it: the file is truncated`,
    );
  if (expected < dataLength)
    fail("offsets", `${dataLength - expected} bytes after the last tensor belong to no tensor`);
  const tensors: Record<string, Tensor> = {};
  for (const e of entries) define(tensors, e.name, readTensor(bytes, dataStart, e));
  return { tensors, metadata };
}
