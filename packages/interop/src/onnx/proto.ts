import { ProtoWriter } from "./protobuf.js";

// Field numbers and enum values below are those of onnx/onnx.proto (ONNX IR).

/** `TensorProto.DataType` values this package writes. */
export const DATA_TYPE = { FLOAT: 1, INT64: 7, DOUBLE: 11 } as const;
/** An ONNX tensor element type this package writes. */
export type OnnxDataType = (typeof DATA_TYPE)[keyof typeof DATA_TYPE];

const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;

/** A constant tensor (an initializer), stored as little-endian `raw_data`. */
export interface OnnxTensor {
  name: string;
  dataType: OnnxDataType;
  dims: readonly number[];
  data: Float32Array | Float64Array | BigInt64Array;
}

/** A node attribute. */
export type OnnxAttribute =
  | { name: string; kind: "float"; value: number }
  | { name: string; kind: "int"; value: number }
  | { name: string; kind: "string"; value: string }
  | { name: string; kind: "ints"; value: readonly number[] }
  | { name: string; kind: "floats"; value: readonly number[] };

/** One operator of the graph. */
export interface OnnxNode {
  opType: string;
  name: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: readonly OnnxAttribute[];
}

/** A graph input or output: a tensor type whose dimensions are sizes or symbolic names. */
export interface OnnxValueInfo {
  name: string;
  elemType: OnnxDataType;
  shape: readonly (number | string)[];
}

/** A whole model: one graph and the default-domain opset it targets. */
export interface OnnxModel {
  irVersion: number;
  opsetVersion: number;
  producerName: string;
  /** Left out when absent (a hard-coded version would go stale). */
  producerVersion?: string;
  docString?: string;
  graph: {
    name: string;
    nodes: readonly OnnxNode[];
    initializers: readonly OnnxTensor[];
    inputs: readonly OnnxValueInfo[];
    outputs: readonly OnnxValueInfo[];
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function littleEndianBytes(data: OnnxTensor["data"]): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    if (data instanceof Float32Array) view.setFloat32(i * 4, data[i]!, true);
    else if (data instanceof Float64Array) view.setFloat64(i * 8, data[i]!, true);
    else view.setBigInt64(i * 8, data[i]!, true);
  }
  return out;
}

function encodeTensor(t: OnnxTensor): Uint8Array {
  const w = new ProtoWriter();
  if (t.dims.length > 0) w.packedInts(1, t.dims);
  w.int(2, t.dataType);
  w.string(8, t.name);
  w.bytes(9, littleEndianBytes(t.data));
  return w.finish();
}

function encodeAttribute(a: OnnxAttribute): Uint8Array {
  const w = new ProtoWriter().string(1, a.name);
  switch (a.kind) {
    case "float":
      return w.float(2, a.value).int(20, ATTRIBUTE_TYPE.FLOAT).finish();
    case "int":
      return w.int(3, a.value).int(20, ATTRIBUTE_TYPE.INT).finish();
    case "string":
      return w.string(4, a.value).int(20, ATTRIBUTE_TYPE.STRING).finish();
    case "floats":
      return w.packedFloats(7, a.value).int(20, ATTRIBUTE_TYPE.FLOATS).finish();
    case "ints":
      return w.packedInts(8, a.value).int(20, ATTRIBUTE_TYPE.INTS).finish();
  }
}

function encodeNode(n: OnnxNode): Uint8Array {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const a of n.attributes ?? []) w.bytes(5, encodeAttribute(a));
  return w.finish();
}

function encodeValueInfo(v: OnnxValueInfo): Uint8Array {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    const dim = new ProtoWriter();
    if (typeof d === "number") dim.int(1, d);
    else dim.string(2, d);
    shape.bytes(1, dim.finish());
  }
  const tensorType = new ProtoWriter().int(1, v.elemType).bytes(2, shape.finish()).finish();
  const type = new ProtoWriter().bytes(1, tensorType).finish();
  return new ProtoWriter().string(1, v.name).bytes(2, type).finish();
}

/** Serializes a model as an ONNX `ModelProto`. */
export function encodeModel(m: OnnxModel): Uint8Array {
  const g = new ProtoWriter();
  for (const n of m.graph.nodes) g.bytes(1, encodeNode(n));
  g.string(2, m.graph.name);
  for (const t of m.graph.initializers) g.bytes(5, encodeTensor(t));
  for (const i of m.graph.inputs) g.bytes(11, encodeValueInfo(i));
  for (const o of m.graph.outputs) g.bytes(12, encodeValueInfo(o));
  const w = new ProtoWriter().int(1, m.irVersion).string(2, m.producerName);
  if (m.producerVersion) w.string(3, m.producerVersion);
  if (m.docString) w.string(6, m.docString);
  w.bytes(7, g.finish());
  w.bytes(8, new ProtoWriter().string(1, "").int(2, m.opsetVersion).finish());
  return w.finish();
}
