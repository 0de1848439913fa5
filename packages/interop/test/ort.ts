import { Tensor } from "@neurite/tensor";
import * as ort from "onnxruntime-web";

// One thread: the machine is shared, and threads would need cross-origin isolation in browsers anyway.
ort.env.wasm.numThreads = 1;

/** Runs an ONNX model on `x` with ONNX Runtime (WebAssembly build) and returns its single output. */
export async function runOnnx(bytes: Uint8Array, x: Tensor): Promise<Tensor> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const input = new ort.Tensor(
      x.dtype === "float64" ? "float64" : "float32",
      x.data as Float32Array,
      x.shape.slice(),
    );
    const result = await session.run({ [session.inputNames[0]!]: input });
    const out = result[session.outputNames[0]!]!;
    return new Tensor(out.data as Float32Array, out.dims.slice());
  } finally {
    await session.release();
  }
}
