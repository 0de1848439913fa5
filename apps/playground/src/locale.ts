/**
 * A valid BCP 47 language tag for the page, whatever the browser reports.
 *
 * Some Chromium builds report the POSIX locale of their process, e.g.
 * `en-US@posix` under `LANG=C.UTF-8`. That is not a BCP 47 tag, and
 * `new Intl.NumberFormat(navigator.language)` throws a RangeError on it, which
 * uPlot does when it is imported. So the page settles on a valid tag first.
 */

/** The tag used when the browser's own cannot be repaired. */
export const FALLBACK_LOCALE = "en-US";

/** True if `Intl` accepts `tag` as a language tag. */
export function isValidLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/**
 * `tag` itself if valid; otherwise the tag with a POSIX modifier (`@posix`),
 * codeset (`.UTF-8`) and underscores repaired (`en_US.UTF-8@posix` → `en-US`)
 * if that is valid; otherwise {@link FALLBACK_LOCALE}.
 */
export function validLocale(tag: string | undefined | null): string {
  if (typeof tag === "string" && isValidLocale(tag)) return tag;
  const repaired = String(tag ?? "")
    .replace(/[@.].*$/, "")
    .replace(/_/g, "-");
  return repaired !== "" && isValidLocale(repaired) ? repaired : FALLBACK_LOCALE;
}

/**
 * Makes `navigator.language` and `navigator.languages` valid tags on this
 * page when the browser reports invalid ones (own properties on `navigator`
 * shadow the getters of `Navigator.prototype`). Returns the tag in use.
 */
export function useValidNavigatorLanguage(nav: Navigator = navigator): string {
  const language = validLocale(nav.language);
  if (language !== nav.language)
    Object.defineProperty(nav, "language", { value: language, configurable: true });
  const languages = (nav.languages ?? []).map(validLocale);
  if (languages.some((l, i) => l !== nav.languages[i]))
    Object.defineProperty(nav, "languages", {
      value: Object.freeze([...new Set(languages)]),
      configurable: true,
    });
  return language;
}
