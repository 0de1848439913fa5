import { createRequire } from "node:module";
import os from "node:os";
import type { Machine } from "./types.js";

/** Describes this machine and the versions that matter for the numbers. */
export function machine(pytorch: Machine["pytorch"]): Machine {
  const require = createRequire(import.meta.url);
  const tfjs = (require("@tensorflow/tfjs/package.json") as { version: string }).version;
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.arch()}`,
    node: process.versions.node,
    v8: process.versions.v8,
    tfjs,
    pytorch,
    date: new Date().toISOString(),
  };
}
