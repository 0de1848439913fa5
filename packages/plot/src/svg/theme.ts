/**
 * The look every chart shares. Text, axes and the background come from CSS
 * classes that switch with `prefers-color-scheme`, so a chart reads on a light
 * and a dark page; series colours are mid-tones from the Okabe–Ito
 * colour-blind-safe palette that stay legible on both backgrounds. Classes
 * carry a `nplot-` prefix because CSS inside an inline `<svg>` applies to the
 * whole HTML page.
 */

/** Series colours in the order charts hand them out. */
export const PALETTE = [
  "#3a8fd6", // blue
  "#e69f00", // orange
  "#009e73", // bluish green
  "#d55e00", // vermillion
  "#cc79a7", // reddish purple
  "#56b4e9", // sky blue
  "#b8a520", // olive yellow
  "#8c8c8c", // grey
] as const;

/**
 * One meaning per colour within each chart family: training is always blue
 * and validation orange in learning curves; real values grey and predictions
 * orange; a function blue and its derivative vermillion.
 */
export const COLORS = {
  train: PALETTE[0],
  validation: PALETTE[1],
  actual: "#8c8c8c",
  predicted: PALETTE[1],
  fn: PALETTE[0],
  derivative: PALETTE[3],
  reference: "#8c8c8c",
} as const;

/** The font stack of every text. */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";

/** The stylesheet embedded in every chart. */
export const STYLE = `
.nplot-bg{fill:#ffffff}
.nplot-text{fill:#1f1f1f;font-family:${FONT}}
.nplot-muted{fill:#5c5c5c;font-family:${FONT}}
.nplot-axis{stroke:#8a8a8a;stroke-width:1;fill:none}
.nplot-grid{stroke:#e3e3e3;stroke-width:1;fill:none}
.nplot-frame{stroke:#c8c8c8;stroke-width:1;fill:none}
.nplot-outline{stroke:#1f1f1f}
.nplot-on-dark{fill:#ffffff;font-family:${FONT}}
@media (prefers-color-scheme: dark){
.nplot-bg{fill:#1b1d21}
.nplot-text{fill:#e8e8e8}
.nplot-muted{fill:#a8a8a8}
.nplot-axis{stroke:#8f8f8f}
.nplot-grid{stroke:#34373d}
.nplot-frame{stroke:#4a4d55}
.nplot-outline{stroke:#e8e8e8}
}`;

/** Approximate width in pixels of `text` at `size` px in a sans-serif font (no DOM to measure with). */
export function textWidth(text: string, size: number): number {
  return [...text].length * size * 0.58;
}

/** Splits `text` into lines no wider than `width` pixels at `size` px, breaking between words. */
export function wrapText(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}
