import { escapeXml, px } from "./escape.js";
import { DASH_ARRAY, marker, text } from "./marks.js";
import { textWidth } from "./theme.js";
import type { LegendItem } from "./types.js";

const SIZE = 12;
const ROW = 20;
const SWATCH = 22;

/** The legend as a row (wrapping) of swatches and labels, and the height it takes. */
export function renderLegend(
  items: readonly LegendItem[],
  x: number,
  y: number,
  maxWidth: number,
): { svg: string; height: number } {
  if (items.length === 0) return { svg: "", height: 0 };
  let cx = x;
  let cy = y;
  const parts: string[] = [];
  for (const item of items) {
    const w = SWATCH + 6 + textWidth(item.label, SIZE) + 18;
    if (cx > x && cx + w > x + maxWidth) {
      cx = x;
      cy += ROW;
    }
    const mid = cy + ROW / 2;
    let swatch: string;
    if (item.mark === "line") {
      const dash = DASH_ARRAY[item.dash ?? "solid"];
      swatch = `<path d="M${px(cx)} ${px(mid)}H${px(cx + SWATCH)}" stroke="${item.color}" stroke-width="2.5" fill="none"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`;
    } else if (item.mark === "square") {
      swatch = `<rect x="${px(cx + 4)}" y="${px(mid - 7)}" width="14" height="14" fill="${item.color}"/>`;
    } else {
      swatch = marker(item.shape ?? "circle", cx + SWATCH / 2, mid, 4.5, `fill="${item.color}"`);
    }
    parts.push(
      `<g class="nplot-legend-item" data-label="${escapeXml(item.label)}">${swatch}${text(cx + SWATCH + 6, mid + 4, item.label, "nplot-text", SIZE)}</g>`,
    );
    cx += w;
  }
  return { svg: `<g class="nplot-legend">${parts.join("")}</g>`, height: cy - y + ROW };
}
