/**
 * The Chromium the bench drives: the headless Chromium inside the npm package
 * `@sparticuz/chromium` (unpacked to the temporary directory on first use),
 * launched with playwright-core; `CHROMIUM_PATH` may name another.
 */
import sparticuz from "@sparticuz/chromium";
import { type Browser, chromium } from "playwright-core";

/**
 * `@sparticuz/chromium`'s recommended flags without those that would make the
 * page differ from what users get: `--single-process`, the two that lift web
 * security (cross-origin isolation must come from the headers) and its own
 * headless flag (Playwright passes one). `--no-sandbox` stays: as root in a
 * container, Chromium's sandbox cannot start.
 */
const UNWANTED_FLAGS = new Set([
  "--single-process",
  "--disable-web-security",
  "--allow-running-insecure-content",
  "--headless='shell'",
]);

/** The Chromium launch flags (see {@link UNWANTED_FLAGS}). */
export function chromiumFlags(): string[] {
  const flags = sparticuz.args.filter((a) => !UNWANTED_FLAGS.has(a));
  return flags.includes("--no-sandbox") ? flags : [...flags, "--no-sandbox"];
}

/** The Chromium to run: `CHROMIUM_PATH` if set, else the one inside `@sparticuz/chromium`. */
export function chromiumPath(): Promise<string> {
  return process.env.CHROMIUM_PATH
    ? Promise.resolve(process.env.CHROMIUM_PATH)
    : sparticuz.executablePath();
}

/** How long to wait before the one retry of a failed launch of the package's Chromium. */
const RETRY_MS = 5000;

/**
 * Launches headless Chromium from `executable`. `@sparticuz/chromium` unpacks its browser to a
 * fixed path in the temporary directory on first use, not atomically, so
 * another process unpacking it at the same moment (the playground's tests
 * run in parallel under `pnpm test`) can hand us a half-written file: a
 * failed launch of the package's Chromium is retried once after a pause.
 */
export async function launchChromium(executable: string): Promise<Browser> {
  const go = () =>
    chromium.launch({ executablePath: executable, args: chromiumFlags(), timeout: 30_000 });
  try {
    return await go();
  } catch (e) {
    if (process.env.CHROMIUM_PATH) throw e;
    await new Promise((ok) => setTimeout(ok, RETRY_MS));
    return go();
  }
}
