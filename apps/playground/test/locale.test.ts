import { describe, expect, it } from "vitest";
import {
  FALLBACK_LOCALE,
  isValidLocale,
  useValidNavigatorLanguage,
  validLocale,
} from "../src/locale.js";

describe("validLocale", () => {
  it("keeps valid tags", () => {
    for (const tag of ["en-US", "de", "fr-CA", "zh-Hant-TW", "sr-Latn"])
      expect(validLocale(tag)).toBe(tag);
  });

  it("repairs POSIX locale names", () => {
    expect(isValidLocale("en-US@posix")).toBe(false);
    expect(validLocale("en-US@posix")).toBe("en-US");
    expect(validLocale("de_DE.UTF-8")).toBe("de-DE");
    expect(validLocale("pt_BR.UTF-8@euro")).toBe("pt-BR");
  });

  it("falls back to en-US when nothing valid is left", () => {
    for (const tag of ["C", "C.UTF-8", "x", "", "@", undefined, null])
      expect(validLocale(tag)).toBe(FALLBACK_LOCALE);
  });

  it("gives a tag Intl.NumberFormat accepts", () => {
    for (const tag of ["en-US@posix", "C.UTF-8", "x", "de_AT"])
      expect(() => new Intl.NumberFormat(validLocale(tag))).not.toThrow();
  });
});

describe("useValidNavigatorLanguage", () => {
  /** A navigator whose getters live on its prototype, as in browsers. */
  function fakeNavigator(language: string, languages: string[]): Navigator {
    const proto = {
      get language() {
        return language;
      },
      get languages() {
        return languages;
      },
    };
    return Object.create(proto) as Navigator;
  }

  it("shadows an invalid language and languages on the navigator", () => {
    const nav = fakeNavigator("en-US@posix", ["en-US@posix", "en-US", "C"]);
    expect(useValidNavigatorLanguage(nav)).toBe("en-US");
    expect(nav.language).toBe("en-US");
    expect(nav.languages).toEqual(["en-US"]);
    expect(() => new Intl.NumberFormat(nav.language)).not.toThrow();
  });

  it("leaves valid tags untouched", () => {
    const nav = fakeNavigator("fr-FR", ["fr-FR", "en"]);
    expect(useValidNavigatorLanguage(nav)).toBe("fr-FR");
    expect(Object.getOwnPropertyNames(nav)).toEqual([]);
  });
});
