import { type ResolvedAxis, resolveAxis } from "./axis.js";
import { escapeXml } from "./escape.js";
import { renderLegend } from "./legend.js";
import { text } from "./marks.js";
import { leftMargin, renderPanel } from "./panel.js";
import { STYLE, wrapText } from "./theme.js";
import type { Figure, Layer, Panel } from "./types.js";

const PAD = 16;

/** The extent of the values a panel draws along one axis (positive values only on a log axis). */
function extentOf(
  layers: readonly Layer[],
  axis: "x" | "y",
  positiveOnly: boolean,
): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const see = (v: number) => {
    if (!Number.isFinite(v) || (positiveOnly && v <= 0)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const l of layers) {
    if (l.kind === "line" || l.kind === "points") for (const v of l[axis]) see(v);
    else if (l.kind === "rects")
      for (const r of l.rects) {
        see(axis === "x" ? r.x0 : r.y0);
        see(axis === "x" ? r.x1 : r.y1);
      }
    else for (const t of l.items) see(t[axis]);
  }
  return lo <= hi ? [lo, hi] : positiveOnly ? [1, 10] : [0, 1];
}

/** A short deterministic hash, so clip-path ids differ between charts inlined in one page. */
function hashOf(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

function axesOf(panels: readonly Panel[], shareY: boolean): { x: ResolvedAxis; y: ResolvedAxis }[] {
  const yExtents = panels.map((p) => extentOf(p.layers, "y", p.y.log === true));
  const shared: [number, number] = [
    Math.min(...yExtents.map((e) => e[0])),
    Math.max(...yExtents.map((e) => e[1])),
  ];
  return panels.map((p, i) => ({
    x: resolveAxis(p.x, extentOf(p.layers, "x", p.x.log === true)),
    y: resolveAxis(p.y, shareY ? shared : yExtents[i]!),
  }));
}

/** Renders a figure to a standalone SVG document. */
export function renderFigure(fig: Figure): string {
  const columns = Math.max(1, Math.min(fig.columns ?? fig.panels.length, fig.panels.length));
  const rows = Math.ceil(fig.panels.length / columns);
  const width = PAD * 2 + columns * fig.panelWidth;
  // Long titles wrap rather than run off the edge; each line is its own <text>.
  const head: string[] = [];
  let y = PAD;
  for (const line of wrapText(fig.title, width - 2 * PAD, 17 * 1.05)) {
    head.push(text(PAD, y + 16, line, "nplot-text nplot-title", 17, 'font-weight="600"'));
    y += 22;
  }
  y += 2;
  if (fig.subtitle) {
    for (const line of wrapText(fig.subtitle, width - 2 * PAD, 12)) {
      head.push(text(PAD, y + 12, line, "nplot-muted nplot-subtitle", 12));
      y += 17;
    }
    y += 3;
  }
  const legend = renderLegend(fig.legend ?? [], PAD, y, width - 2 * PAD);
  head.push(legend.svg);
  y += legend.height + 6;
  const axes = axesOf(fig.panels, fig.shareY === true);
  const left = Math.max(...fig.panels.map((p, i) => leftMargin(p, axes[i]!.y)));
  const height = y + rows * fig.panelHeight + PAD / 2;
  const id = `nplot-${hashOf(JSON.stringify(fig))}`;
  const panels = fig.panels.map((p, i) =>
    renderPanel(p, {
      x: PAD + (i % columns) * fig.panelWidth,
      y: y + Math.floor(i / columns) * fig.panelHeight,
      width: fig.panelWidth,
      height: fig.panelHeight,
      xAxis: axes[i]!.x,
      yAxis: axes[i]!.y,
      left,
      clipId: `${id}-${i}`,
    }),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(fig.title)}"><title>${escapeXml(fig.title)}</title><style>${STYLE}</style><rect class="nplot-bg" width="${width}" height="${height}"/>${head.join("")}${panels.join("")}</svg>\n`;
}
