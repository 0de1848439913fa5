import { type ResolvedAxis, scaleOf } from "./axis.js";
import { escapeXml, px } from "./escape.js";
import { DASH_ARRAY, marker, pathData, text } from "./marks.js";
import { textWidth } from "./theme.js";
import type { Layer, Panel } from "./types.js";

const TICK_SIZE = 11;
const LABEL_SIZE = 12;
const TITLE_SIZE = 13;

/** Where a panel goes and its resolved axes. */
export interface PanelBox {
  x: number;
  y: number;
  width: number;
  height: number;
  xAxis: ResolvedAxis;
  yAxis: ResolvedAxis;
  /** Left margin (y tick labels and title); shared by panels of one figure so they align. */
  left: number;
  /** A document-unique id for the clip path. */
  clipId: string;
}

/** Room the vertical axis needs at the left: its title and its widest tick label. */
export function leftMargin(panel: Panel, yAxis: ResolvedAxis): number {
  const widest = Math.max(0, ...yAxis.ticks.map((t) => textWidth(t.label, TICK_SIZE)));
  return (panel.y.label ? 22 : 4) + widest + 10;
}

function layerSvg(layer: Layer, sx: (v: number) => number, sy: (v: number) => number): string {
  const series = `data-series="${escapeXml(layer.name)}"`;
  switch (layer.kind) {
    case "line": {
      const d = pathData(layer.x.map((x, i) => [sx(x), sy(layer.y[i]!)] as const));
      const dash = DASH_ARRAY[layer.dash ?? "solid"];
      return `<path class="nplot-line" ${series} d="${d}" fill="none" stroke="${layer.color}" stroke-width="${layer.width ?? 2}" stroke-linejoin="round" stroke-linecap="round"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`;
    }
    case "points": {
      const r = layer.radius ?? 3;
      const attrs = `fill="${layer.color}"${layer.opacity === undefined ? "" : ` fill-opacity="${layer.opacity}"`}${layer.outline ? ' class="nplot-point nplot-outline" stroke-width="1"' : ' class="nplot-point"'}`;
      const marks = layer.x.map((x, i) =>
        marker(layer.shape ?? "circle", sx(x), sy(layer.y[i]!), r, attrs),
      );
      return `<g class="nplot-points" ${series}>${marks.join("")}</g>`;
    }
    case "rects": {
      const cells = layer.rects.map((c) => {
        const x0 = sx(c.x0);
        const x1 = sx(c.x1);
        const y0 = sy(c.y0);
        const y1 = sy(c.y1);
        return `<rect class="nplot-rect" x="${px(Math.min(x0, x1))}" y="${px(Math.min(y0, y1))}" width="${px(Math.abs(x1 - x0))}" height="${px(Math.abs(y1 - y0))}" fill="${c.color}"${c.opacity === undefined ? "" : ` fill-opacity="${c.opacity}"`}${c.value === undefined ? "" : ` data-value="${c.value}"`}/>`;
      });
      return `<g class="nplot-rects" ${series} shape-rendering="crispEdges">${cells.join("")}</g>`;
    }
    case "labels": {
      const items = layer.items.map((t) =>
        text(
          sx(t.x),
          sy(t.y) + 4,
          t.text,
          t.onDark ? "nplot-on-dark" : "nplot-text",
          LABEL_SIZE,
          'text-anchor="middle"',
        ),
      );
      return `<g class="nplot-labels" ${series}>${items.join("")}</g>`;
    }
  }
}

/** One panel: title, grid, axes with ticks and titles, and its layers clipped to the plot area. */
export function renderPanel(panel: Panel, box: PanelBox): string {
  const top = box.y + (panel.title ? 24 : 8);
  const bottom = box.y + box.height - (panel.x.label ? 40 : 22);
  const left = box.x + box.left;
  const right = box.x + box.width - 14;
  const { xAxis, yAxis } = box;
  // Numeric axes keep their ends a few pixels inside the frame, so markers
  // and lines on the extreme values are not cut in half by it.
  const inset = (a: typeof xAxis) => (a.categorical ? 0 : 6);
  const sx = scaleOf(xAxis, left + inset(xAxis), right - inset(xAxis));
  const sy = scaleOf(yAxis, bottom - inset(yAxis), top + inset(yAxis));
  const out: string[] = [
    `<g class="nplot-panel"${panel.title ? ` data-title="${escapeXml(panel.title)}"` : ""}>`,
  ];
  if (panel.title)
    out.push(text(left, box.y + 15, panel.title, "nplot-text", TITLE_SIZE, 'font-weight="600"'));
  const grid: string[] = [];
  if (!xAxis.categorical)
    for (const t of xAxis.ticks) grid.push(`M${px(sx(t.value))} ${px(top)}V${px(bottom)}`);
  if (!yAxis.categorical)
    for (const t of yAxis.ticks) grid.push(`M${px(left)} ${px(sy(t.value))}H${px(right)}`);
  if (grid.length) out.push(`<path class="nplot-grid" d="${grid.join("")}"/>`);
  out.push(
    `<clipPath id="${box.clipId}"><rect x="${px(left)}" y="${px(top)}" width="${px(right - left)}" height="${px(bottom - top)}"/></clipPath>`,
  );
  out.push(`<g clip-path="url(#${box.clipId})">`);
  for (const layer of panel.layers) out.push(layerSvg(layer, sx, sy));
  out.push("</g>");
  out.push(
    `<rect class="nplot-frame" x="${px(left)}" y="${px(top)}" width="${px(right - left)}" height="${px(bottom - top)}"/>`,
  );
  const xTicks = xAxis.ticks.map((t) => {
    const x = sx(t.value);
    return `<path class="nplot-axis" d="M${px(x)} ${px(bottom)}v4"/>${text(x, bottom + 16, t.label, "nplot-muted", TICK_SIZE, 'text-anchor="middle"')}`;
  });
  out.push(
    `<g class="nplot-axis-x" data-domain="${xAxis.domain.join(",")}">${xTicks.join("")}</g>`,
  );
  const yTicks = yAxis.ticks.map((t) => {
    const y = sy(t.value);
    return `<path class="nplot-axis" d="M${px(left)} ${px(y)}h-4"/>${text(left - 7, y + 4, t.label, "nplot-muted", TICK_SIZE, 'text-anchor="end"')}`;
  });
  out.push(
    `<g class="nplot-axis-y" data-domain="${yAxis.domain.join(",")}">${yTicks.join("")}</g>`,
  );
  if (panel.x.label)
    out.push(
      text(
        (left + right) / 2,
        bottom + 34,
        panel.x.label,
        "nplot-text nplot-axis-title",
        LABEL_SIZE,
        'text-anchor="middle" data-axis="x"',
      ),
    );
  if (panel.y.label) {
    const cx = box.x + 12;
    const cy = (top + bottom) / 2;
    out.push(
      text(
        cx,
        cy,
        panel.y.label,
        "nplot-text nplot-axis-title",
        LABEL_SIZE,
        `text-anchor="middle" transform="rotate(-90 ${px(cx)} ${px(cy)})" data-axis="y"`,
      ),
    );
  }
  out.push("</g>");
  return out.join("");
}
