const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number written in `s` (spaces around allowed), or `undefined` if it is not one. */
export function parseNumber(s: string): number | undefined {
  const t = s.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

/** The key a category or class is looked up by: numbers compare by value ("1.0" is "1"). */
export function canonical(s: string): string {
  const t = s.trim();
  const n = parseNumber(t);
  return n === undefined ? t : String(n);
}

/** Sorts category keys: numerically when all are numbers, else by code units. */
export function sortCategories(keys: Iterable<string>): string[] {
  const list = [...keys];
  if (list.every((k) => parseNumber(k) !== undefined))
    return list.sort((a, b) => Number(a) - Number(b));
  return list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
