import { DTypeError, ValueError } from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError, type CsvSource, parseCsv, streamCsv } from "../src/index.js";
import { collect, expectAsyncError, expectError } from "./helpers.js";

function rows(n: number): string {
  let s = "a,b,label\n";
  for (let i = 0; i < n; i++) s += `${i},${i * 0.5},${i % 3 === 0 ? "yes" : "no"}\n`;
  return s;
}

/** Cuts text into pieces at the given sizes, cycling. */
function cut(text: string, sizes: number[]): string[] {
  const out: string[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const len = sizes[k % sizes.length]!;
    out.push(text.slice(i, i + len));
    i += len;
  }
  return out;
}

const opts = { batchSize: 4, target: "label", classes: ["no", "yes"] } as const;

describe("streamCsv", () => {
  it("yields batches of batchSize rows with the same values as parseCsv", async () => {
    const text = rows(10);
    const whole = parseCsv(text, { target: "label", classes: ["no", "yes"] });
    const batches = await collect(streamCsv(cut(text, [7, 3, 11]), opts));
    expect(batches.map((b) => b.x.shape[0])).toEqual([4, 4, 2]);
    expect(batches.map((b) => b.index)).toEqual([0, 1, 2]);
    expect(batches.flatMap((b) => Array.from(b.x.data))).toEqual(Array.from(whole.x.data));
    expect(batches.flatMap((b) => Array.from(b.y!.data))).toEqual(Array.from(whole.y!.data));
    expect(Array.from(batches[0]!.lines)).toEqual([2, 3, 4, 5]);
    expect(batches[0]!.featureNames).toEqual(["a", "b"]);
    expect(batches[0]!.targetNames).toEqual(["no", "yes"]);
  });
  it("property: any chunking gives the same rows as parsing the whole text", async () => {
    const text = `x,"note",y\n1,"a, ""q""\nb",2\n3,plain,4\r\n5,"",6\n7,"z",8\n`;
    const whole = parseCsv(text, {
      target: "y",
      categorical: [
        { column: "note", encoding: "label", categories: ['a, "q"\nb', "plain", "", "z"] },
      ],
      missing: "drop",
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
        async (sizes) => {
          const batches = await collect(
            streamCsv(cut(text, sizes), {
              batchSize: 2,
              target: "y",
              categorical: [
                { column: "note", encoding: "label", categories: ['a, "q"\nb', "plain", "", "z"] },
              ],
              missing: "drop",
            }),
          );
          expect(batches.flatMap((b) => Array.from(b.x.data))).toEqual(Array.from(whole.x.data));
          expect(batches.flatMap((b) => b.droppedLines)).toEqual(whole.droppedLines);
        },
      ),
      { numRuns: 100 },
    );
  });
  it("decodes UTF-8 bytes split inside a character", async () => {
    const bytes = new TextEncoder().encode("city,v\nZürich,1\n東京,2\n");
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const [b] = await collect(
      streamCsv(chunks, {
        batchSize: 8,
        categorical: [{ column: "city", categories: ["東京", "Zürich"] }],
      }),
    );
    expect(b!.featureNames).toEqual(["city=東京", "city=Zürich", "v"]);
    expect(b!.x.toArray()).toEqual([
      [0, 1, 1],
      [1, 0, 2],
    ]);
  });
  it("reads a web ReadableStream", async () => {
    const text = rows(5);
    const stream = new ReadableStream<string>({
      start(c) {
        for (const piece of cut(text, [5])) c.enqueue(piece);
        c.close();
      },
    });
    const batches = await collect(streamCsv(stream, opts));
    expect(batches.map((b) => b.x.shape[0])).toEqual([4, 1]);
  });
  it("is re-iterable over a string source (one pass per for await)", async () => {
    const s = streamCsv(rows(6), opts);
    expect((await collect(s)).length).toBe(2);
    expect((await collect(s)).length).toBe(2);
  });
  it("reports dropped lines with the batch before them; never yields an empty batch", async () => {
    const text = "a,b\n1,2\n,3\n4,5\n6,\n";
    const batches = await collect(streamCsv(text, { batchSize: 1, missing: "drop" }));
    expect(batches.map((b) => b.x.shape[0])).toEqual([1, 1]);
    expect(batches.map((b) => b.droppedLines)).toEqual([[3], [5]]);
  });
  it("fills missing values with a number", async () => {
    const [b] = await collect(streamCsv("a,b\n1,\n", { batchSize: 2, missing: { fill: -1 } }));
    expect(b!.x.toArray()).toEqual([[1, -1]]);
  });
  it("a numeric target without classes is a value target", async () => {
    const [b] = await collect(streamCsv("a,y\n1,2.5\n", { batchSize: 2, target: "y" }));
    expect(b!.y!.dtype).toBe("float32");
    expect(b!.y!.toArray()).toEqual([2.5]);
  });
  it("auto-detects a semicolon delimiter and CRLF from the first chunk", async () => {
    const [b] = await collect(
      streamCsv(["a;b\r", "\n1;2\r\n3;4\r\n"], { batchSize: 5, delimiter: "auto" }),
    );
    expect(b!.x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe("streamCsv errors", () => {
  it("a malformed row in a later chunk names its line and column", async () => {
    const text = `${rows(9)}9,x,no\n`;
    const e = await expectAsyncError(
      () => collect(streamCsv(cut(text, [6]), opts)),
      CsvError,
      "streamCsv: argument 'source': line 11, column 2",
      '"b"',
      '"x"',
    );
    expect(e.line).toBe(11);
  });
  it("a categorical column without categories", () => {
    const it = streamCsv("c,v\nx,1\n", { batchSize: 2, categorical: ["c"] });
    return expectAsyncError(
      () => collect(it),
      ValueError,
      "streamCsv",
      "options.categorical",
      "categories listed",
    );
  });
  it("a class target without classes", () => {
    return expectAsyncError(
      () => collect(streamCsv("v,c\n1,x\n", { batchSize: 2, target: "c", targetType: "class" })),
      ValueError,
      "options.classes",
      "classes listed when streaming",
    );
  });
  it("a text target under auto without classes", () => {
    return expectAsyncError(
      () => collect(streamCsv("v,c\n1,x\n", { batchSize: 2, target: "c" })),
      CsvError,
      "line 2, column 2",
      'targetType: "class"',
    );
  });
  it("fill strategies that need the whole column, at once", () => {
    expectError(
      () => streamCsv("a\n1\n", { batchSize: 1, missing: { fill: "mean" } }),
      ValueError,
      "streamCsv",
      "options.missing.fill",
      "needs the whole column",
    );
  });
  it("a batch size of 0 or none, at once", () => {
    expectError(
      () => streamCsv("a\n1\n", { batchSize: 0 }),
      ValueError,
      "streamCsv",
      "options.batchSize",
      ">= 1",
      "got 0",
    );
    expectError(
      () => streamCsv("a\n1\n", {} as { batchSize: number }),
      ValueError,
      "options.batchSize",
      "undefined",
    );
  });
  it("a source that is not text or an iterable", () => {
    expectError(
      () => streamCsv(42 as unknown as CsvSource, { batchSize: 1 }),
      DTypeError,
      "streamCsv",
      "'source'",
      "got 42",
    );
    expectError(
      () => streamCsv(undefined as unknown as string, { batchSize: 1 }),
      DTypeError,
      "'source'",
      "got undefined",
    );
  });
  it("a chunk that is neither text nor bytes", () => {
    return expectAsyncError(
      () => collect(streamCsv([{}] as unknown as string[], { batchSize: 1 })),
      DTypeError,
      "'source'",
      "chunks of text or Uint8Array",
    );
  });
  it("an empty source", () => {
    return expectAsyncError(
      () => collect(streamCsv("", { batchSize: 1 })),
      ValueError,
      "streamCsv",
      "at least one row",
    );
  });
});
