/** The drawing model every chart is built from: a figure of panels, each a stack of layers. */

/** Stroke pattern of a line. */
export type Dash = "solid" | "dashed" | "dotted";

/** Marker shape of a point. */
export type PointShape = "circle" | "square" | "diamond";

/** A polyline through `(x[i], y[i])`; NaN in `y` leaves a gap. */
export interface LineLayer {
  kind: "line";
  /** The series name, written as `data-series` for tools and tests. */
  name: string;
  x: readonly number[];
  y: readonly number[];
  color: string;
  dash?: Dash;
  /** Stroke width in pixels (default 2). */
  width?: number;
}

/** Markers at `(x[i], y[i])`. */
export interface PointLayer {
  kind: "points";
  name: string;
  x: readonly number[];
  y: readonly number[];
  color: string;
  shape?: PointShape;
  /** Marker radius in pixels (default 3). */
  radius?: number;
  /** Fill opacity (default 1). */
  opacity?: number;
  /** Draw a contrasting outline, for markers on coloured regions (default false). */
  outline?: boolean;
}

/** Axis-aligned rectangles in data coordinates (regions, heat-map cells). */
export interface RectLayer {
  kind: "rects";
  name: string;
  rects: readonly {
    x0: number;
    x1: number;
    y0: number;
    y1: number;
    color: string;
    opacity?: number;
    /** Written as `data-value`, e.g. a cell's count. */
    value?: number;
  }[];
}

/** Text centred at data coordinates (cell counts). */
export interface LabelLayer {
  kind: "labels";
  name: string;
  items: readonly { x: number; y: number; text: string; onDark?: boolean }[];
}

/** Anything a panel draws. */
export type Layer = LineLayer | PointLayer | RectLayer | LabelLayer;

/** How an axis maps values to positions. */
export interface AxisSpec {
  /** The axis title. */
  label?: string;
  /** A fixed range; otherwise the data's extent, widened to nice ticks. */
  domain?: readonly [number, number];
  /** Logarithmic (base 10); every value must be positive. */
  log?: boolean;
  /** Whole-number ticks only, and no widening of the range (epochs, counts). */
  integer?: boolean;
  /** Include 0 in the range. */
  zero?: boolean;
  /** Named bands instead of numbers: value `i` to `i + 1` is `categories[i]`. */
  categories?: readonly string[];
  /** Categories from the far end: on a vertical axis, the first at the top (default false). */
  reverse?: boolean;
}

/** One plot area with its axes. */
export interface Panel {
  /** Heading above the panel (grids of panels). */
  title?: string;
  x: AxisSpec;
  y: AxisSpec;
  /** Drawn in order: later layers on top. */
  layers: Layer[];
}

/** One entry of the legend. */
export interface LegendItem {
  label: string;
  color: string;
  mark: "line" | "point" | "square";
  dash?: Dash;
  shape?: PointShape;
}

/** A whole chart. */
export interface Figure {
  title: string;
  subtitle?: string;
  legend?: LegendItem[];
  panels: Panel[];
  /** Panels per row (default: all in one row). */
  columns?: number;
  /** Width of each panel in pixels, axes included. */
  panelWidth: number;
  /** Height of each panel in pixels, axes included. */
  panelHeight: number;
  /** One vertical range for all panels, so curves compare by eye. */
  shareY?: boolean;
}
