// The publishable packages of the workspace and how to pack them the way
// `pnpm publish` will: shared by `pnpm check:packages` and the consumer test.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Every non-private package under packages/, in dependency order (tensor first). */
export function publishablePackages() {
  const dirs = readdirSync(join(ROOT, "packages"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(ROOT, "packages", d.name, "package.json")))
    .map((d) => join(ROOT, "packages", d.name));
  const all = dirs
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter((p) => !p.manifest.private)
    .map((p) => ({ name: p.manifest.name, dir: p.dir, manifest: p.manifest }));
  const names = new Set(all.map((p) => p.name));
  const deps = (p) =>
    Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies }).filter((d) =>
      names.has(d),
    );
  const ordered = [];
  const visit = (p) => {
    if (ordered.includes(p)) return;
    for (const d of deps(p)) visit(all.find((q) => q.name === d));
    ordered.push(p);
  };
  for (const p of all.sort((a, b) => a.name.localeCompare(b.name))) visit(p);
  return ordered;
}

/**
 * Packs the package in `dir` with `pnpm pack` into `destination` (workspace
 * ranges replaced by versions, `publishConfig` applied, as `pnpm publish`
 * does). Returns the tarball's path and the files it holds.
 */
export function packPackage(dir, destination) {
  if (!existsSync(join(dir, "dist"))) {
    throw new Error(`${dir} has no dist/: run \`pnpm build\` before packing`);
  }
  const out = execFileSync("pnpm", ["pack", "--json", "--pack-destination", destination], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const report = JSON.parse(out.slice(out.indexOf("{")));
  return { tarball: report.filename, files: report.files.map((f) => f.path) };
}

/** The package.json inside a tarball made by {@link packPackage}. */
export function packedManifest(tarball) {
  return JSON.parse(
    execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
  );
}
