/**
 * The message the page shows when it fails to load. Uses only the DOM, so it
 * works even when every other module of the page failed.
 */

/** Shows `error` in the page's error box and says so where "Loading…" was. */
export function showLoadFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const box = document.getElementById("error");
  if (box) {
    box.textContent = `The playground failed to load: ${message}. Reload the page to try again.`;
    box.hidden = false;
  }
  const state = document.getElementById("run-state");
  if (state) state.textContent = "Failed to load: see the message above.";
  document.body.dataset.loadFailed = "true";
  console.error(error);
}
