import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared.js";

// The runtime-neutral core, the Node-only file helpers, and the .keras reader
// (its own entry, so that its two dependencies stay out of the core's bundle).
export default defineConfig(packageBuild(["src/index.ts", "src/node.ts", "src/keras.ts"]));
