/**
 * The page's entry point. It only makes the browser's language tag valid and
 * then loads the app ({@link ./app.ts}), so that anything failing while the
 * page loads (a module that throws when imported, a chunk that cannot be
 * fetched) shows an error on the page instead of leaving it on "Loading…".
 */
import { showLoadFailure } from "./load-failure.js";
import { useValidNavigatorLanguage } from "./locale.js";

try {
  // Before uPlot is imported: it formats numbers with navigator.language at import.
  useValidNavigatorLanguage();
  import("./app.js").catch(showLoadFailure);
} catch (e) {
  showLoadFailure(e);
}
