// Browser bundle sizes: what an app pays, minified and gzipped, for a package
// or for a program. esbuild (the bundler under tsup and Vite) bundles the
// built packages (dist/, as published) for the browser; its metafile says which
// modules made it in. `node scripts/bundle-size.mjs` prints the table that the
// package READMEs quote.
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { publishablePackages, ROOT } from "./packages.mjs";

const CONSUMER = join(ROOT, "apps", "consumer-test");

/**
 * Bundles `source` (an ES module importing @neurite packages) for the browser,
 * minified, resolving packages from the workspace's dist/ builds. Returns the
 * sizes in bytes and the input files that contributed code.
 */
export async function bundle(source) {
  const result = await build({
    // Resolved from apps/consumer-test, which depends on every package: through
    // their "import" conditions to the dist/ files that ship, not to src/.
    stdin: { contents: source, resolveDir: CONSUMER, loader: "js", sourcefile: "app.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  const inputs = Object.entries(output.inputs)
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([path]) => path);
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs };
}

/** A program that builds and fits a model (tensor, autograd, layers, optim, train) and loads no dataset. */
export const FIT_ONLY = `
import { randn, tensor } from "@neurite/tensor";
import { Activation, BatchNorm, Dense, Sequential } from "@neurite/layers";
import { fit } from "@neurite/train";
const x = randn([20, 4], 1);
const y = tensor(Array.from({ length: 20 }, (_, i) => (i % 2 ? [1, 0] : [0, 1])));
const model = new Sequential([
  new Dense(8, { inputDim: 4, seed: 1 }), new BatchNorm(), new Activation("relu"),
  new Dense(2, { activation: "softmax", seed: 2 }),
]);
globalThis.history = fit(model, x, y, {
  loss: "categoricalCrossEntropy", optimizer: "adam", metrics: ["accuracy"], epochs: 2, batchSize: 5, verbose: 0,
});
`;

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log("| bundle | minified | gzipped |\n| --- | --- | --- |");
  for (const { name } of publishablePackages()) {
    const size = await bundle(`export * from "${name}";`);
    console.log(`| all of ${name} | ${kib(size.minified)} | ${kib(size.gzipped)} |`);
  }
  const fitOnly = await bundle(FIT_ONLY);
  console.log(`| fit a model (no dataset) | ${kib(fitOnly.minified)} | ${kib(fitOnly.gzipped)} |`);
}
