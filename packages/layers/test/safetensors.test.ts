import { tensor, ValueError } from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeSafetensors,
  encodeSafetensors,
  FormatError,
  type FormatErrorKind,
} from "../src/index.js";
import { bytesOf } from "./helpers.js";

/** A safetensors file from a header object and raw data, as any writer might produce it. */
function build(header: unknown, data: Uint8Array, pad = false): Uint8Array {
  let json = new TextEncoder().encode(typeof header === "string" ? header : JSON.stringify(header));
  if (pad && json.length % 8) {
    const padded = new Uint8Array(json.length + 8 - (json.length % 8)).fill(0x20);
    padded.set(json);
    json = padded;
  }
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function f32(...v: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(v).buffer);
}

function kindOf(fn: () => unknown): FormatErrorKind | "none" | "other" {
  try {
    fn();
    return "none";
  } catch (e) {
    return e instanceof FormatError ? e.kind : "other";
  }
}

describe("safetensors encoding", () => {
  it("writes the documented layout: u64 LE header length, space-padded JSON, LE data", () => {
    const bytes = encodeSafetensors({ a: tensor([1, 2]) });
    const view = new DataView(bytes.buffer);
    const n = view.getUint32(0, true);
    expect(view.getUint32(4, true)).toBe(0);
    expect((8 + n) % 8).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(header.startsWith('{"a":')).toBe(true);
    expect(JSON.parse(header)).toEqual({ a: { dtype: "F32", shape: [2], data_offsets: [0, 8] } });
    expect(header.trimEnd().length).toBeLessThanOrEqual(n);
    expect(Array.from(bytes.subarray(8 + n))).toEqual(Array.from(f32(1, 2)));
  });

  it("round-trips every dtype bit for bit, with metadata", () => {
    const tensors = {
      w: tensor(
        [
          [1.5, Number.NaN],
          [-0, Number.POSITIVE_INFINITY],
        ],
        undefined,
        "float64",
      ),
      b: tensor([0.1, -3e38]),
      labels: tensor([-7, 0, 2147483647], undefined, "int32"),
      scalar: tensor(4),
      empty: tensor([]),
    };
    const meta = { format: "pt", note: "hello" };
    const { tensors: back, metadata } = decodeSafetensors(encodeSafetensors(tensors, meta));
    expect(metadata).toEqual(meta);
    expect(Object.keys(back)).toEqual(Object.keys(tensors));
    for (const [k, t] of Object.entries(tensors)) {
      expect(back[k]!.dtype).toBe(t.dtype);
      expect(back[k]!.shape).toEqual(t.shape);
      expect(bytesOf(back[k]!)).toEqual(bytesOf(t));
    }
  });

  it("reads files from other writers: unpadded header, any entry order", () => {
    const data = new Uint8Array([...f32(3, 4), ...new Uint8Array(new Int32Array([9]).buffer)]);
    const file = build(
      {
        __metadata__: { format: "pt" },
        n: { dtype: "I32", shape: [], data_offsets: [8, 12] },
        v: { dtype: "F32", shape: [1, 2], data_offsets: [0, 8] },
      },
      data,
    );
    const { tensors, metadata } = decodeSafetensors(file.buffer as ArrayBuffer);
    expect(metadata).toEqual({ format: "pt" });
    expect(tensors.v!.toArray()).toEqual([[3, 4]]);
    expect(tensors.n!.item()).toBe(9);
  });

  it("accepts a Map or an iterable and rejects bad names and values", () => {
    expect(
      Object.keys(decodeSafetensors(encodeSafetensors(new Map([["x", tensor([1])]]))).tensors),
    ).toEqual(["x"]);
    expect(() =>
      encodeSafetensors([
        ["x", tensor([1])],
        ["x", tensor([2])],
      ]),
    ).toThrow(/duplicate/);
    expect(() => encodeSafetensors({ __metadata__: tensor([1]) })).toThrow(ValueError);
    expect(() => encodeSafetensors({ "": tensor([1]) })).toThrow(ValueError);
    expect(() => encodeSafetensors({ a: [1] as never })).toThrow(/not a Tensor/);
    expect(() => encodeSafetensors({}, { n: 1 as never })).toThrow(/must be strings/);
  });
});

describe("safetensors decoding of damaged files", () => {
  const good = encodeSafetensors({
    a: tensor([1, 2, 3]),
    b: tensor([[4, 5]], undefined, "float64"),
  });
  const headerLen = new DataView(good.buffer).getUint32(0, true);

  it("a file shorter than 8 bytes is truncated", () => {
    expect(kindOf(() => decodeSafetensors(new Uint8Array(5)))).toBe("truncated");
    expect(() => decodeSafetensors(new Uint8Array(5))).toThrow(
      /5 bytes; a safetensors file starts with an 8-byte/,
    );
  });

  it("a file cut in its data section is truncated", () => {
    const cut = good.slice(0, good.length - 4);
    expect(kindOf(() => decodeSafetensors(cut))).toBe("truncated");
    expect(() => decodeSafetensors(cut)).toThrow(/the file is truncated/);
  });

  it("a header length beyond the file, or beyond the limit, is refused before reading", () => {
    expect(kindOf(() => decodeSafetensors(good.slice(0, 8 + headerLen - 3)))).toBe("header-length");
    const huge = good.slice();
    new DataView(huge.buffer).setUint32(4, 1, true);
    expect(kindOf(() => decodeSafetensors(huge))).toBe("header-length");
    const big = good.slice();
    new DataView(big.buffer).setUint32(0, 0xffffffff, true);
    expect(() => decodeSafetensors(big)).toThrow(/larger than the \d+ bytes that follow it/);
    expect(kindOf(() => decodeSafetensors(good, { maxHeaderBytes: 16 }))).toBe("header-length");
  });

  it("a header that is not JSON, not UTF-8 or not an object is refused", () => {
    expect(kindOf(() => decodeSafetensors(build('{"a": [1,', new Uint8Array())))).toBe(
      "header-json",
    );
    expect(kindOf(() => decodeSafetensors(build("[1, 2]", new Uint8Array())))).toBe("header-json");
    const bad = build("{}", new Uint8Array());
    bad[9] = 0xff;
    expect(kindOf(() => decodeSafetensors(bad))).toBe("header-json");
    expect(kindOf(() => decodeSafetensors(build({ a: 5 }, new Uint8Array())))).toBe("header");
    expect(
      kindOf(() => decodeSafetensors(build({ __metadata__: { n: 1 } }, new Uint8Array()))),
    ).toBe("header");
    expect(
      kindOf(() =>
        decodeSafetensors(
          build({ a: { dtype: "F32", shape: [-1], data_offsets: [0, 0] } }, new Uint8Array()),
        ),
      ),
    ).toBe("header");
    expect(() => decodeSafetensors(build("{oops", new Uint8Array()))).toThrow(/not valid JSON/);
  });

  it("offsets out of range, overlapping, leaving gaps or malformed are refused", () => {
    const data = f32(1, 2, 3);
    const cases: unknown[] = [
      { a: { dtype: "F32", shape: [2], data_offsets: [4, 12] } }, // gap before
      {
        a: { dtype: "F32", shape: [2], data_offsets: [0, 8] },
        b: { dtype: "F32", shape: [1], data_offsets: [4, 8] },
      }, // overlap
      { a: { dtype: "F32", shape: [2], data_offsets: [0, 8] } }, // 4 unused bytes after
      { a: { dtype: "F32", shape: [3], data_offsets: [-4, 8] } },
      { a: { dtype: "F32", shape: [0], data_offsets: [8, 4] } },
      { a: { dtype: "F32", shape: [3], data_offsets: [0, 1.5] } },
      { a: { dtype: "F32", shape: [3], data_offsets: [0] } },
    ];
    for (const h of cases)
      expect(
        kindOf(() => decodeSafetensors(build(h, data))),
        JSON.stringify(h),
      ).toBe("offsets");
  });

  it("I64: int32 tensors written as I64 on request, read back as int32 when they fit", () => {
    const bytes = encodeSafetensors(
      {
        n: tensor(7, undefined, "int32"),
        w: tensor([-3, 2147483647], undefined, "int32"),
        f: tensor([1.5]),
      },
      undefined,
      { int64: ["n", "w"] },
    );
    const n = new DataView(bytes.buffer).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.n).toEqual({ dtype: "I64", shape: [], data_offsets: [0, 8] });
    expect(header.w).toEqual({ dtype: "I64", shape: [2], data_offsets: [8, 24] });
    // Sign-extended little-endian 64-bit integers.
    const data = new DataView(bytes.buffer, 8 + n);
    expect(data.getBigInt64(8, true)).toBe(-3n);
    const back = decodeSafetensors(bytes).tensors;
    expect(back.n!.dtype).toBe("int32");
    expect(back.n!.shape).toEqual([]);
    expect(Array.from(back.w!.data)).toEqual([-3, 2147483647]);
    expect(Array.from(back.f!.data)).toEqual([1.5]);
  });

  it("I64: values outside int32 are refused, and only int32 tensors can be widened", () => {
    const big = new Uint8Array(8);
    new DataView(big.buffer).setBigInt64(0, 2n ** 40n, true);
    const file = build({ a: { dtype: "I64", shape: [1], data_offsets: [0, 8] } }, big);
    expect(kindOf(() => decodeSafetensors(file))).toBe("dtype");
    expect(() => decodeSafetensors(file)).toThrow(
      /'a' \(I64\) holds 1099511627776, outside the int32 range/,
    );
    expect(() => encodeSafetensors({ a: tensor([1.5]) }, undefined, { int64: ["a"] })).toThrow(
      /argument 'options.int64': 'a' must name an int32 tensor to write as I64, got float32/,
    );
    expect(() => encodeSafetensors({ a: tensor([1.5]) }, undefined, { int64: ["b"] })).toThrow(
      ValueError,
    );
  });

  it("unknown or unsupported dtypes are named", () => {
    const h = (dtype: string) =>
      build({ a: { dtype, shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4));
    expect(kindOf(() => decodeSafetensors(h("F16")))).toBe("dtype");
    expect(() => decodeSafetensors(h("F16"))).toThrow(/dtype 'F16', which Neurite does not read/);
    expect(() => decodeSafetensors(h("Q7"))).toThrow(/unknown dtype 'Q7'/);
    expect(
      kindOf(() =>
        decodeSafetensors(build({ a: { shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4))),
      ),
    ).toBe("header");
  });

  it("a byte span that does not match the shape is a size error", () => {
    const file = build({ a: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }, f32(1, 2));
    expect(kindOf(() => decodeSafetensors(file))).toBe("size");
    expect(() => decodeSafetensors(file)).toThrow(
      /shape \[3\] and dtype F32 needs 12 bytes, but its data_offsets span 8/,
    );
    const overflow = build(
      { a: { dtype: "F64", shape: [2 ** 40, 2 ** 40], data_offsets: [0, 8] } },
      new Uint8Array(8),
    );
    expect(kindOf(() => decodeSafetensors(overflow))).toBe("size");
  });

  it("never allocates what the file cannot hold", () => {
    // Claims a 4 GB tensor in a file of a few dozen bytes: refused as truncated, nothing allocated.
    const liar = build({ a: { dtype: "F32", shape: [1e9], data_offsets: [0, 4e9] } }, f32(1));
    expect(kindOf(() => decodeSafetensors(liar))).toBe("truncated");
  });

  it("any truncation or corrupted byte gives a FormatError or a valid result, never another error", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: good.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        (pos, value, truncate) => {
          const bytes = truncate ? good.slice(0, pos) : good.slice();
          if (!truncate) bytes[pos] = value;
          const k = kindOf(() => decodeSafetensors(bytes));
          return k !== "other";
        },
      ),
      { numRuns: 400, seed: 7 },
    );
  });
});
