import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.shared.js";

// Two entries: the browser-safe main entry and the Node-only one.
export default defineConfig(packageBuild(["src/index.ts", "src/node.ts"]));
