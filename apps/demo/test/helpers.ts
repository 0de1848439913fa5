import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temporary output directory. */
export function tempOut(): string {
  return mkdtempSync(join(tmpdir(), "neurite-demo-"));
}

/** Collects the lines an example prints. */
export function collector(): { log: (line: string) => void; text: () => string } {
  const lines: string[] = [];
  return { log: (line) => lines.push(line), text: () => lines.join("\n") };
}

/** Reads a file as text. */
export function read(path: string): string {
  return readFileSync(path, "utf8");
}

/** Checks that a file is an SVG document drawn by vega. */
export function isSvg(path: string): boolean {
  const text = read(path);
  return (
    text.startsWith("<svg") && text.trimEnd().endsWith("</svg>") && text.includes('class="marks"')
  );
}

/** The summary fields of the wine example run for 2 epochs with its other defaults. */
export const WINE_TWO_EPOCHS = {
  example: "wine",
  seed: 0,
  epochs: 2,
  batchSize: 5,
  iterationsPerEpoch: 27,
  samples: { train: 133, test: 45 },
};
