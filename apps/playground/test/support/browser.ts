/**
 * The Chromium the end-to-end tests drive. It comes from the npm package
 * `@sparticuz/chromium` (a headless Chromium shipped inside the package,
 * unpacked to the temporary directory on first use), so the tests need
 * nothing installed outside `pnpm install`. `CHROMIUM_PATH` may name another
 * Chromium to use instead.
 */
import sparticuz from "@sparticuz/chromium";
import { type Browser, chromium } from "playwright-core";

/**
 * Flags that the package recommends, minus those that would make the tested
 * page differ from what users get or make one page's crash end the run:
 * `--single-process` (each page keeps its own renderer process),
 * `--disable-web-security` and `--allow-running-insecure-content` (the page's
 * cross-origin isolation is part of what is tested), and `--headless='shell'`
 * (Playwright passes `--headless` itself). `--no-sandbox` stays: the tests
 * run as root in containers, where Chromium's sandbox cannot start.
 */
const DROPPED = new Set([
  "--single-process",
  "--disable-web-security",
  "--allow-running-insecure-content",
  "--headless='shell'",
]);

/** The launch flags: the package's recommendation, filtered (see {@link DROPPED}). */
export function chromiumArgs(): string[] {
  const args = sparticuz.args.filter((a) => !DROPPED.has(a));
  if (!args.includes("--no-sandbox")) args.push("--no-sandbox");
  return args;
}

/** The Chromium executable: `CHROMIUM_PATH` if set, else the one inside `@sparticuz/chromium`. */
export async function chromiumExecutable(): Promise<string> {
  const override = process.env.CHROMIUM_PATH;
  if (override) return override;
  return sparticuz.executablePath();
}

/**
 * Launches headless Chromium. Fails with a message that says which
 * executable was tried and how to fix it, never silently.
 *
 * @param env - the browser's environment (default: this process's)
 */
export async function launchChromium(env?: Record<string, string>): Promise<Browser> {
  let executable = "(not found)";
  try {
    executable = await chromiumExecutable();
    return await chromium.launch({
      executablePath: executable,
      args: chromiumArgs(),
      env,
      timeout: 60_000, // below the hook's timeout, so Playwright kills a stuck launch itself
    });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(
      `The end-to-end tests could not start Chromium (${executable}): ${reason}\n` +
        "The browser comes from the devDependency @sparticuz/chromium: run `pnpm install` in the " +
        "repository. If a previous unpack was interrupted, delete the unpacked files " +
        "(chromium, fonts, libGLESv2.so … in the temporary directory) and retry, or set " +
        "CHROMIUM_PATH to another Chromium.",
      { cause: e },
    );
  }
}
