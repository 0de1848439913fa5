/** Escapes text for SVG/XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A coordinate with at most two decimals: enough for a screen, short in the file. */
export function px(v: number): string {
  return String(Math.round(v * 100) / 100);
}
