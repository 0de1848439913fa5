import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared.js";

// Two entries: the browser-safe charts and the Node-only file writer.
export default defineConfig(packageBuild(["src/index.ts", "src/node.ts"]));
