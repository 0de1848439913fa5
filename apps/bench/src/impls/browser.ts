import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { build, defaultClientConditions, type PreviewServer, preview } from "vite";
import type { BrowserReply, BrowserRequest, RunInBrowser } from "../browser/protocol.js";
import { chromiumPath, launchChromium } from "./chromium.js";

const pageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "browser");

/**
 * The headers that make the page cross-origin isolated (as `pnpm playground`
 * serves its page): only then may it share memory with workers, which the
 * kernel threads need.
 */
const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

/** The first line of an error's message. */
function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).trim().split("\n")[0] ?? "";
}

/**
 * Builds the bench page with Vite (production build, `@neurite/*` from their
 * TypeScript sources as in the playground) into `outDir`.
 */
async function buildPage(outDir: string): Promise<void> {
  await build({
    root: pageRoot,
    configFile: false,
    logLevel: "error",
    base: "./",
    resolve: { conditions: ["@neurite/source", ...defaultClientConditions] },
    worker: { format: "es" },
    build: { target: "es2022", outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
}

/** Serves `outDir` on 127.0.0.1 at a free port with the isolation headers. */
function servePage(outDir: string): Promise<PreviewServer> {
  return preview({
    root: pageRoot,
    configFile: false,
    logLevel: "error",
    build: { outDir },
    preview: { host: "127.0.0.1", port: 0, headers: ISOLATION, open: false },
  });
}

/** Where the page ran, and what it measured. */
export interface BrowserRun {
  /** e.g. `"Chromium 140.0.7339.0"`. */
  browser: string;
  reply: BrowserReply;
}

/**
 * Builds and serves the bench page, launches the Chromium that ships in npm
 * (`@sparticuz/chromium`, driven by playwright-core; `CHROMIUM_PATH` may name
 * another), runs `request` in the page's Worker and closes everything.
 * Resolves with `{ absent }` and a one-line reason when Chromium cannot start
 * or the page fails, so the rest of the report stands.
 */
export async function runInChromium(
  request: BrowserRequest,
  log?: (line: string) => void,
): Promise<BrowserRun | { absent: string }> {
  const started = performance.now();
  const outDir = mkdtempSync(join(tmpdir(), "neurite-bench-page-"));
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let stage = "Chromium could not start (@sparticuz/chromium)";
  try {
    // Chromium first: where it cannot start, the page need not be built.
    const executable = await chromiumPath();
    stage = `Chromium could not start (${executable})`;
    browser = await launchChromium(executable);
    stage = "the bench page did not build";
    await buildPage(outDir);
    stage = "the bench page could not be served";
    server = await servePage(outDir);
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error("Vite's preview server reported no URL");
    const name = `Chromium ${browser.version()}`;
    log?.(`${name}: ${request.jobs.length} job(s) in the bench page's Worker ...`);
    stage = "the bench page failed";
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.ready === "true");
    const reply = await page.evaluate(
      (r) => (window as unknown as { neuriteBench: RunInBrowser }).neuriteBench(r),
      request,
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log?.(`${name}: done in ${seconds} s (launch, page build and timing)`);
    return { browser: name, reply };
  } catch (e) {
    return { absent: `${stage}: ${firstLine(e)}` };
  } finally {
    await browser?.close().catch(() => {});
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
