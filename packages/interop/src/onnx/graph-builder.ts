import type { Tensor } from "@neurite/tensor";
import {
  DATA_TYPE,
  type OnnxAttribute,
  type OnnxDataType,
  type OnnxNode,
  type OnnxTensor,
} from "./proto.js";

/** The float type of a graph: the model's parameter dtype. */
export type GraphFloat = "float32" | "float64";

/** Collects the nodes and initializers of one ONNX graph, with unique value names. */
export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  readonly elemType: OnnxDataType;
  private readonly used = new Set<string>();

  constructor(readonly float: GraphFloat) {
    this.elemType = float === "float64" ? DATA_TYPE.DOUBLE : DATA_TYPE.FLOAT;
  }

  /** A value name not used yet, built from `base`. */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Reserves a name chosen by the caller (graph inputs and outputs). */
  reserve(name: string): string {
    this.used.add(name);
    return name;
  }

  /** Adds a constant tensor in the graph's float type, from a Neurite tensor or plain numbers. */
  constant(base: string, values: Tensor | readonly number[], dims?: readonly number[]): string {
    const name = this.fresh(base);
    const src = Array.isArray(values) ? values : (values as Tensor).data;
    const data = this.float === "float64" ? Float64Array.from(src) : Float32Array.from(src);
    this.initializers.push({
      name,
      dataType: this.elemType,
      dims: dims ?? (Array.isArray(values) ? [] : (values as Tensor).shape.slice()),
      data,
    });
    return name;
  }

  /** Adds an int64 constant (shapes, axes). */
  int64Constant(base: string, values: readonly number[]): string {
    const name = this.fresh(base);
    this.initializers.push({
      name,
      dataType: DATA_TYPE.INT64,
      dims: [values.length],
      data: BigInt64Array.from(values.map((v) => BigInt(v))),
    });
    return name;
  }

  /** Adds a node with one output and returns the output's name. */
  node(
    opType: string,
    inputs: readonly string[],
    scope: string,
    attributes: readonly OnnxAttribute[] = [],
    output?: string,
  ): string {
    const out = output ?? this.fresh(`${scope}/${opType}`);
    this.nodes.push({
      opType,
      name: this.fresh(`${scope}/${opType}:node`),
      inputs,
      outputs: [out],
      attributes,
    });
    return out;
  }
}
