import { escapeXml, px } from "./escape.js";
import type { Dash, PointShape } from "./types.js";

/** `stroke-dasharray` of each dash pattern. */
export const DASH_ARRAY: Record<Dash, string | undefined> = {
  solid: undefined,
  dashed: "7 4",
  dotted: "2 3",
};

/** A path through the points, starting a new piece after every non-finite value. */
export function pathData(points: readonly (readonly [number, number])[]): string {
  let d = "";
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${px(x)} ${px(y)}`;
    pen = true;
  }
  return d;
}

/** One marker centred at `(cx, cy)`. `attrs` is appended verbatim (class, fill, data-*). */
export function marker(
  shape: PointShape,
  cx: number,
  cy: number,
  r: number,
  attrs: string,
): string {
  if (shape === "square")
    return `<rect x="${px(cx - r)}" y="${px(cy - r)}" width="${px(2 * r)}" height="${px(2 * r)}" ${attrs}/>`;
  if (shape === "diamond") {
    const k = r * 1.3;
    return `<path d="M${px(cx)} ${px(cy - k)}L${px(cx + k)} ${px(cy)}L${px(cx)} ${px(cy + k)}L${px(cx - k)} ${px(cy)}Z" ${attrs}/>`;
  }
  return `<circle cx="${px(cx)}" cy="${px(cy)}" r="${px(r)}" ${attrs}/>`;
}

/** A `<text>` element. */
export function text(
  x: number,
  y: number,
  content: string,
  cls: string,
  size: number,
  extra = "",
): string {
  return `<text x="${px(x)}" y="${px(y)}" class="${cls}" font-size="${size}"${extra ? ` ${extra}` : ""}>${escapeXml(content)}</text>`;
}
