import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  Activation,
  BatchNorm,
  Dense,
  Dropout,
  decodeSafetensors,
  encodeSafetensors,
  FormatError,
  loadModel,
  Module,
  Sequential,
  saveModel,
} from "../src/index.js";

/** Fixed seed: the same cases on every run. */
const SEED = 20261203;

function model(): Sequential {
  return new Sequential([
    new Dense(4, { inputDim: 3, seed: 1 }),
    new BatchNorm(),
    new Activation("relu"),
    new Dropout(0.25, { seed: 2 }),
    new Dense(2, { activation: "softmax", seed: 3 }),
  ]);
}

const saved = saveModel(model());
const goodBytes = saved.weights;
const good = decodeSafetensors(goodBytes);
const architecture = JSON.stringify(saved.architecture);

/**
 * Bytes of every parameter and buffer registered while `f` runs: the weights
 * an architecture makes the reader allocate.
 */
let registered = 0;
beforeEach(() => {
  registered = 0;
  const proto = Module.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const method of ["registerParameter", "registerBuffer"]) {
    const original = proto[method]!;
    vi.spyOn(proto, method as never).mockImplementation(function (
      this: unknown,
      ...args: unknown[]
    ) {
      const v = args[1] as { data?: ArrayLike<number>; value?: { data: ArrayLike<number> } };
      const data = (v.value?.data ?? v.data) as unknown as { byteLength: number } | undefined;
      registered += data?.byteLength ?? 0;
      return original.apply(this, args);
    } as never);
  }
});
afterEach(() => vi.restoreAllMocks());

/** Loads `bytes`; the only acceptable outcomes are a model or a FormatError, and never more weights than bytes. */
function readsSafely(bytes: Uint8Array): void {
  registered = 0;
  try {
    const m = loadModel({ weights: bytes });
    expect(m).toBeInstanceOf(Sequential);
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
  }
  expect(registered).toBeLessThanOrEqual(bytes.length);
}

/** A safetensors file from a header object and a data section, as another writer might produce. */
function rawFile(header: unknown, data: Uint8Array): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

const headerLength = Number(
  new DataView(goodBytes.buffer, goodBytes.byteOffset).getBigUint64(0, true),
);
const header = JSON.parse(
  new TextDecoder().decode(goodBytes.subarray(8, 8 + headerLength)),
) as Record<string, unknown>;
const data = goodBytes.subarray(8 + headerLength);

/** Values that a damaged or hostile JSON field may hold. */
const jsonValue = fc.oneof(
  fc.integer({ min: -3, max: 10 }),
  fc.constantFrom(8000, 65536, 1e6, 2 ** 31, 2 ** 53, 1e300, 0.5, -0),
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.constantFrom(null, true, false, "float64", "F64", "I32", "U8"),
  fc.array(fc.integer({ min: -2, max: 9000 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

/** Replaces one value, chosen by `pick`, somewhere inside `root` (in place). */
function replaceSomewhere(root: unknown, pick: number, value: unknown): void {
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: unknown) => {
    if (typeof v !== "object" || v === null) return;
    for (const [k, child] of Object.entries(v)) {
      slots.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
      walk(child);
    }
  };
  walk(root);
  const [holder, key] = slots[pick % slots.length]!;
  (holder as Record<string | number, unknown>)[key] = value;
}

describe("the model reader under random damage: a FormatError, never another error, never more weights than the file holds", () => {
  it("the 636-byte file that declares an 8000×8000 Dense allocates nothing", () => {
    const hostile = JSON.parse(architecture);
    hostile.inputShape = [8000];
    hostile.layers = [{ className: "Dense", config: { units: 8000, inputDim: 8000 } }];
    const bytes = encodeSafetensors(good.tensors, {
      ...good.metadata,
      "neurite.architecture": JSON.stringify(hostile),
    });
    registered = 0;
    expect(() => loadModel({ weights: bytes })).toThrow(
      /'0\.kernel': expected shape \[8000,8000\], got \[3,4\]/,
    );
    expect(registered).toBe(0);
  });

  it("random bytes overwritten, truncated or appended anywhere in the file", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.option(fc.nat(), { nil: undefined }),
        fc.uint8Array({ maxLength: 16 }),
        (edits, cut, extra) => {
          const bytes = goodBytes.slice();
          for (const [pos, b] of edits) bytes[pos % bytes.length] = b;
          const end = cut === undefined ? bytes.length : cut % (bytes.length + 1);
          const out = new Uint8Array(end + extra.length);
          out.set(bytes.subarray(0, end));
          out.set(extra, end);
          readsSafely(out);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("one value of the embedded architecture replaced", () => {
    fc.assert(
      fc.property(fc.nat(), jsonValue, (pick, value) => {
        const arch = JSON.parse(architecture);
        replaceSomewhere(arch, pick, value);
        const bytes = encodeSafetensors(good.tensors, {
          ...good.metadata,
          "neurite.architecture": JSON.stringify(arch),
        });
        readsSafely(bytes);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("one value of the safetensors header replaced (shapes, dtypes, offsets, metadata)", () => {
    fc.assert(
      fc.property(fc.nat(), jsonValue, (pick, value) => {
        const h = structuredClone(header);
        replaceSomewhere(h, pick, value);
        readsSafely(rawFile(h, data));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});
