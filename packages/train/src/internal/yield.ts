/**
 * Lets the event loop run (timers, rendering, input), then resumes. Uses
 * `setImmediate` where it exists (Node), a `MessageChannel` in browsers (no
 * 4 ms clamp as nested `setTimeout`s get), and `setTimeout(0)` otherwise.
 * @internal
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as {
    setImmediate?: (f: () => void) => unknown;
    MessageChannel?: new () => {
      port1: { onmessage: (() => void) | null; close(): void };
      port2: { postMessage(v: unknown): void; close(): void };
    };
  };
  if (typeof g.setImmediate === "function") {
    const si = g.setImmediate;
    return new Promise((resolve) => {
      si(resolve);
    });
  }
  if (typeof g.MessageChannel === "function") {
    const ch = new g.MessageChannel();
    return new Promise((resolve) => {
      ch.port1.onmessage = () => {
        ch.port1.close();
        ch.port2.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
