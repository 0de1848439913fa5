/** The one DOM helper the views share. */

/** Attributes of {@link h}: `true` writes an empty attribute, `false` omits it. */
export type Attrs = Record<string, string | number | boolean>;

/** Creates an element with attributes (`false` omits one) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== false) e.setAttribute(k, v === true ? "" : String(v));
  e.append(...children);
  return e;
}
