/**
 * The bench page: starts the Worker (a module Worker, as the playground
 * starts its training worker) and exposes `window.neuriteBench(request)`,
 * which Node calls through Playwright. One request at a time.
 */
import type { FromBenchWorker, RunInBrowser } from "./protocol.js";

const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });

const runInBrowser: RunInBrowser = (request) =>
  new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<FromBenchWorker>) =>
      e.data.ok ? resolve(e.data.reply) : reject(new Error(e.data.message));
    worker.onerror = (e) => reject(new Error(`the bench worker failed: ${e.message}`));
    worker.postMessage(request);
  });

(window as unknown as { neuriteBench: RunInBrowser }).neuriteBench = runInBrowser;
document.body.dataset.ready = "true";
