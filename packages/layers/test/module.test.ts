import { Parameter, type Variable } from "@neurite/autograd";
import { DTypeError, randn, type Tensor, tensor, ValueError, zeros } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  Activation,
  BatchNorm,
  Dense,
  Dropout,
  losses,
  Module,
  Sequential,
  StateDictError,
} from "../src/index.js";
import { bytesOf } from "./helpers.js";

function wine(seed = 1): Sequential {
  const m = new Sequential([
    new Dense(20, { inputDim: 13, seed }),
    new BatchNorm(),
    new Activation("relu"),
    new Dense(3, { activation: "softmax", seed: seed + 1 }),
  ]);
  m.build([null, 13]);
  return m;
}

describe("Module names and traversal", () => {
  it("gives parameters and buffers stable dotted names", () => {
    const m = wine();
    m.call(randn([4, 13], 0));
    expect(m.namedParameters().map(([n]) => n)).toEqual([
      "0.kernel",
      "0.bias",
      "1.gamma",
      "1.beta",
      "3.kernel",
      "3.bias",
    ]);
    expect(m.namedBuffers().map(([n]) => n)).toEqual(["1.movingMean", "1.movingVariance"]);
    expect(Object.keys(m.stateDict())).toEqual([
      "0.kernel",
      "0.bias",
      "1.gamma",
      "1.beta",
      "1.movingMean",
      "1.movingVariance",
      "3.kernel",
      "3.bias",
    ]);
    expect(m.parameters()).toHaveLength(6);
    expect(m.parameters().every((p) => p instanceof Parameter)).toBe(true);
    expect(m.children()).toHaveLength(4);
    expect(m.namedModules().map(([n]) => n)).toEqual(["", "0", "1", "2", "3"]);
  });

  it("nests: a Sequential inside a Sequential gets a longer prefix", () => {
    const inner = new Sequential([new Dense(2, { inputDim: 3 })]);
    const outer = new Sequential([inner, new Dense(1, { inputDim: 2 })]);
    expect(outer.namedParameters().map(([n]) => n)).toEqual([
      "0.0.kernel",
      "0.0.bias",
      "1.kernel",
      "1.bias",
    ]);
  });

  it("train() and eval() reach every descendant", () => {
    const inner = new Sequential([new Dropout(0.5), new BatchNorm()]);
    const outer = new Sequential([new Dense(2), inner]);
    expect(outer.modules().every((m) => m.training)).toBe(true);
    outer.eval();
    expect(outer.modules().every((m) => !m.training)).toBe(true);
    outer.train();
    expect(outer.modules().every((m) => m.training)).toBe(true);
    outer.train(false);
    expect(inner.layers[0]!.training).toBe(false);
    expect(() => outer.train("yes" as never)).toThrow(ValueError);
  });

  it("zeroGrad clears every gradient", () => {
    const m = wine();
    losses.mse(m.call(randn([4, 13], 0)), zeros([4, 3])).backward();
    expect(m.parameters().every((p) => p.grad !== null)).toBe(true);
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it("freeze() moves parameters to the non-trainable count", () => {
    const d = new Dense(4, { inputDim: 3 });
    expect(d.countParameters()).toEqual({ total: 16, trainable: 16, nonTrainable: 0 });
    d.freeze();
    expect(d.countParameters()).toEqual({ total: 16, trainable: 0, nonTrainable: 16 });
    d.unfreeze();
    expect(d.countParameters().trainable).toBe(16);
  });
});

describe("stateDict / loadStateDict", () => {
  it("stateDict is a snapshot that training does not change", () => {
    const m = wine();
    const snap = m.stateDict();
    const before = bytesOf(snap["0.kernel"]!);
    m.parameters()[0]!.value.data[0] = 123;
    expect(bytesOf(snap["0.kernel"]!)).toEqual(before);
  });

  it("copies values in place, so Parameter objects (held by optimizers) stay valid", () => {
    const a = wine(1);
    const b = wine(7);
    const x = randn([6, 13], 3);
    a.call(x); // updates a's running statistics
    const params = b.parameters();
    const kernelTensor = params[0]!.value;
    b.loadStateDict(a.stateDict());
    expect(b.parameters()[0]).toBe(params[0]);
    expect(b.parameters()[0]!.value).toBe(kernelTensor);
    expect(bytesOf(b.predict(x))).toEqual(bytesOf(a.predict(x)));
  });

  it("reports every problem at once and loads nothing when any is wrong", () => {
    const m = wine();
    const good = m.stateDict();
    const bad: Record<string, Tensor> = { ...good };
    delete bad["0.bias"];
    bad.extra = zeros([1]);
    bad["3.kernel"] = zeros([20, 4]);
    bad["1.gamma"] = zeros([20], "float64");
    bad["3.bias"] = [1, 2, 3] as unknown as Tensor;
    const target = wine(99);
    const before = bytesOf(target.stateDict()["0.kernel"]!);
    let err: StateDictError | undefined;
    try {
      target.loadStateDict(bad);
    } catch (e) {
      err = e as StateDictError;
    }
    expect(err).toBeInstanceOf(StateDictError);
    expect(err!.problems.map((p) => [p.kind, p.key])).toEqual([
      ["missing", "0.bias"],
      ["dtype", "1.gamma"],
      ["shape", "3.kernel"],
      ["type", "3.bias"],
      ["unexpected", "extra"],
    ]);
    expect(err!.message).toMatch(/shape '3\.kernel': expected shape \[20,3\], got \[20,4\]/);
    expect(err!.message).toMatch(/dtype '1\.gamma': expected float32, got float64/);
    expect(bytesOf(target.stateDict()["0.kernel"]!)).toEqual(before);
  });

  it("each kind of mismatch alone gives its own error", () => {
    const m = new Dense(2, { inputDim: 3 });
    const sd = m.stateDict();
    expect(() => m.loadStateDict({ kernel: sd.kernel! })).toThrow(/missing 'bias'/);
    expect(() => m.loadStateDict({ ...sd, other: zeros([1]) })).toThrow(/unexpected 'other'/);
    expect(() => m.loadStateDict({ ...sd, kernel: zeros([2, 3]) })).toThrow(
      /expected shape \[3,2\], got \[2,3\]/,
    );
    expect(() => m.loadStateDict({ ...sd, bias: zeros([2], "float64") })).toThrow(
      /expected float32, got float64/,
    );
    expect(() => m.loadStateDict(null as never)).toThrow(ValueError);
  });

  it("strict: false ignores missing and unexpected keys but not shapes", () => {
    const m = new Dense(2, { inputDim: 3 });
    const k = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    m.loadStateDict({ kernel: k, other: zeros([1]) }, { strict: false });
    expect(Array.from(m.kernel.value.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => m.loadStateDict({ kernel: zeros([1]) }, { strict: false })).toThrow(
      StateDictError,
    );
  });

  it("explains that lazy layers must be built first", () => {
    const built = new Sequential([new Dense(2, { inputDim: 3 })]);
    const lazy = new Sequential([new Dense(2)]);
    expect(() => lazy.loadStateDict(built.stateDict())).toThrow(/Not built yet.*'0' \(Dense\)/s);
  });
});

describe("dtype", () => {
  it("to('float64') converts parameters and buffers in place", () => {
    const m = wine();
    m.call(randn([3, 13], 0));
    const p0 = m.parameters()[0]!;
    m.to("float64");
    expect(m.parameters()[0]).toBe(p0);
    expect(m.parameters().every((p) => p.dtype === "float64")).toBe(true);
    expect(m.namedBuffers().every(([, b]) => b.dtype === "float64")).toBe(true);
    expect(m.call(randn([3, 13], 1, "float64")).dtype).toBe("float64");
    expect(() => m.call(randn([3, 13], 1))).toThrow(DTypeError);
    expect(() => m.call(randn([3, 13], 1))).toThrow(/model\.to\("float32"\)/);
    expect(() => m.to("int32")).toThrow(DTypeError);
  });

  it("a lazily built layer adopts its first input's dtype", () => {
    const m = new Sequential([new Dense(3), new BatchNorm()]);
    m.call(randn([4, 2], 0, "float64"));
    expect(m.parameters().every((p) => p.dtype === "float64")).toBe(true);
    const f = new Dense(3, { dtype: "float64", inputDim: 2 });
    expect(f.kernel.dtype).toBe("float64");
  });
});

describe("custom modules", () => {
  class TwoLayer extends Module {
    hidden = this.registerModule("hidden", new Dense(4, { activation: "tanh", seed: 1 }));
    out = this.registerModule("out", new Dense(2, { seed: 2 }));
    scale = this.registerParameter("scale", tensor([2]));
    forward(x: Variable | Tensor): Variable {
      return this.out.call(this.hidden.call(x)).mul(this.scale);
    }
  }

  it("register children and parameters, and infer output shapes by running once", () => {
    const m = new TwoLayer();
    expect(m.className).toBe("TwoLayer");
    expect(m.built).toBe(false);
    expect(m.computeOutputShape([null, 3])).toEqual([null, 2]);
    expect(m.built).toBe(true);
    expect(m.training).toBe(true);
    expect(m.namedParameters().map(([n]) => n)).toEqual([
      "scale",
      "hidden.kernel",
      "hidden.bias",
      "out.kernel",
      "out.bias",
    ]);
    const s = new Sequential([m]);
    expect(s.summarize([3]).rows[0]!.params).toBe(4 * 3 + 4 + 2 * 4 + 2 + 1);
  });

  it("refuse duplicate or dotted names", () => {
    class Bad extends Module {
      constructor(name: string) {
        super();
        this.registerParameter("w", zeros([1]));
        this.registerParameter(name, zeros([1]));
      }
      forward(x: Variable | Tensor): Variable {
        return x as Variable;
      }
    }
    expect(() => new Bad("w")).toThrow(/already registered/);
    expect(() => new Bad("a.b")).toThrow(/without dots/);
    expect(() => new Bad("__proto__")).toThrow(/not "__proto__"/);
  });
});
