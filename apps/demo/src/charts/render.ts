import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * Renders a vega-lite spec to an SVG string, headless: vega-lite compiles it
 * to a vega spec, and a vega `View` without a renderer draws it as SVG.
 *
 * @param spec - a complete vega-lite spec with inline data
 * @returns the SVG document (starts with `<svg`)
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
