/** One chart in the HTML report. */
export interface ChartEntry {
  /** SVG file name, relative to the report. */
  file: string;
  /** Heading above the chart. */
  title: string;
  /** What the chart shows, in a sentence or two. */
  caption: string;
}

/** One example's section of the HTML report. */
export interface ReportSection {
  /** The example's name (`wine`). */
  example: string;
  /** Its heading. */
  title: string;
  /** The textbook items (BOOK.md numbers) it demonstrates. */
  book: number[];
  /** A paragraph on what it does. */
  lead: string;
  /** The command that produced it, e.g. `pnpm demo wine --seed 0`. */
  command: string;
  /** Final numbers shown as a small table (already formatted). */
  facts: [string, string][];
  /** Its charts, in order. */
  charts: ChartEntry[];
}

const BOOK_ITEMS: Record<number, string> = {
  1: "artificial neural network",
  2: "perceptron",
  3: "multi-layer perceptron",
  4: "backpropagation",
  5: "activation functions",
  6: "batch normalization",
  7: "dropout",
  8: "batch size, epoch, iteration",
  9: "a classification network",
  10: "a regression network",
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function section(s: ReportSection): string {
  const items = s.book.map((n) => `${n}. ${BOOK_ITEMS[n] ?? ""}`).join(" · ");
  const facts = s.facts.length
    ? `<table class="facts">${s.facts
        .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
        .join("")}</table>`
    : "";
  const charts = s.charts
    .map(
      (c) => `<figure>
  <img src="${escapeHtml(c.file)}" alt="${escapeHtml(c.title)}">
  <figcaption><strong>${escapeHtml(c.title)}.</strong> ${escapeHtml(c.caption)}</figcaption>
</figure>`,
    )
    .join("\n");
  return `<section id="${escapeHtml(s.example)}">
<h2>${escapeHtml(s.title)}</h2>
<p class="book">Book: ${escapeHtml(items)}</p>
<p>${escapeHtml(s.lead)}</p>
<p><code>${escapeHtml(s.command)}</code></p>
${facts}
${charts}
</section>`;
}

/**
 * The report page: one section per example that has been run into this
 * directory, each with its numbers and its charts (SVG files next to the page).
 */
export function reportHtml(sections: readonly ReportSection[]): string {
  const nav = sections
    .map((s) => `<a href="#${escapeHtml(s.example)}">${escapeHtml(s.example)}</a>`)
    .join(" · ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Neurite demo report</title>
<style>
  body { font-family: Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
  h1 { margin-bottom: 0.2em; }
  nav { margin-bottom: 2em; }
  section { border-top: 1px solid #ddd; padding-top: 1em; margin-top: 2em; }
  .book { color: #666; margin-top: -0.5em; }
  code { background: #f3f3f3; padding: 0.1em 0.3em; }
  table.facts { border-collapse: collapse; margin: 1em 0; }
  table.facts th { text-align: left; font-weight: normal; color: #555; padding: 0.15em 1.5em 0.15em 0; }
  table.facts td { font-variant-numeric: tabular-nums; }
  figure { margin: 1.5em 0; }
  figure img { max-width: 100%; border: 1px solid #eee; }
  figcaption { color: #444; max-width: 800px; }
  /* The charts follow the reader's colour scheme; the page does too. */
  @media (prefers-color-scheme: dark) {
    body { background: #121316; color: #e4e4e4; }
    section { border-top-color: #33363c; }
    .book, table.facts th, figcaption { color: #a9a9a9; }
    code { background: #26282d; }
    figure img { border-color: #33363c; }
  }
</style>
</head>
<body>
<h1>Neurite demo report</h1>
<p>The textbook's networks trained with Neurite; charts drawn by <code>@neurite/plot</code>.</p>
<nav>${nav}</nav>
${sections.map(section).join("\n")}
</body>
</html>
`;
}
