// `pnpm check:packages`: every package as it will be published. Packs each one
// (after `pnpm build`) and checks its tarball: metadata, LICENSE, changelog,
// that every export path is a file the tarball holds, then publint --strict and
// arethetypeswrong (node10, node16 CJS and ESM, bundler). Exits 1 on a problem.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packedManifest, packPackage, publishablePackages, ROOT } from "./packages.mjs";

const REPOSITORY = "git+https://github.com/neurite-ml/neurite.git";
const bin = (name) => join(ROOT, "node_modules", ".bin", name);

/** Every string target of an exports / typesVersions value, with the condition path to it. */
function targets(value, where, out = []) {
  if (typeof value === "string") out.push({ where, path: value });
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) targets(v, `${where}[${i}]`, out);
  } else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) targets(v, `${where}.${k}`, out);
  return out;
}

/** Problems with the workspace package.json and the files beside it. */
function manifestProblems({ name, dir, manifest: m }) {
  const problems = [];
  const folder = `packages/${dir.split(/[\\/]/).pop()}`;
  if (m.license !== "MIT") problems.push(`license is ${m.license}, expected MIT`);
  if (m.repository?.type !== "git" || m.repository?.url !== REPOSITORY)
    problems.push(`repository must be { type: "git", url: "${REPOSITORY}" }`);
  if (m.repository?.directory !== folder) problems.push(`repository.directory must be ${folder}`);
  if (typeof m.homepage !== "string" || !m.homepage.startsWith("https://"))
    problems.push("homepage is missing");
  if (typeof m.bugs?.url !== "string") problems.push("bugs.url is missing");
  if (m.engines?.node !== ">=20") problems.push('engines.node must be ">=20"');
  if (!Array.isArray(m.keywords) || m.keywords.length < 5) problems.push("needs keywords");
  // Importing a package runs nothing, except a backend offering itself to the
  // kernel registry (a `register` module), which bundlers must then keep.
  const sideEffectsOk =
    m.sideEffects === false ||
    (Array.isArray(m.sideEffects) && m.sideEffects.every((f) => /\/register\.\*$/.test(f)));
  if (!sideEffectsOk)
    problems.push("sideEffects must be false or list only backend register.* modules");
  for (const file of m.files ?? []) {
    if (!existsSync(join(dir, file))) problems.push(`files lists ${file}, which does not exist`);
  }
  if (!m.files?.includes("LICENSE")) problems.push("files must list LICENSE");
  if (
    existsSync(join(dir, "LICENSE")) &&
    readFileSync(join(dir, "LICENSE"), "utf8") !== readFileSync(join(ROOT, "LICENSE"), "utf8")
  )
    problems.push("LICENSE differs from the root LICENSE");
  // pnpm pack replaces `exports` with publishConfig.exports: the two must only
  // differ by the workspace-only "@neurite/source" condition.
  const stripped = JSON.parse(
    JSON.stringify(m.exports, (k, v) => (k === "@neurite/source" ? undefined : v)),
  );
  if (JSON.stringify(stripped) !== JSON.stringify(m.publishConfig?.exports))
    problems.push(
      'publishConfig.exports must equal exports without the "@neurite/source" conditions',
    );
  for (const sub of Object.keys(m.exports ?? {})) {
    const bare = sub.slice(2);
    if (bare && bare !== "package.json" && !m.typesVersions?.["*"]?.[bare])
      problems.push(`typesVersions lacks "${bare}" (needed by moduleResolution node10)`);
  }
  return problems.map((p) => `${name}: ${p}`);
}

/** Problems with the packed tarball: a target that it does not hold, leftovers of the workspace. */
function tarballProblems(name, tarball, files) {
  const problems = [];
  const m = packedManifest(tarball);
  const held = new Set(files);
  const all = [
    ...targets(m.exports, "exports"),
    ...targets(m.typesVersions, "typesVersions"),
    ...["main", "module", "types"].flatMap((k) => targets(m[k], k)),
  ];
  for (const { where, path } of all) {
    if (!held.has(path.replace(/^\.\//, "")))
      problems.push(`${where} points to ${path}, which the tarball does not contain`);
  }
  if (JSON.stringify(m.exports).includes("@neurite/source"))
    problems.push('the packed exports still have the "@neurite/source" condition');
  if (JSON.stringify(m).includes("workspace:"))
    problems.push("a workspace: range was not replaced");
  for (const f of ["LICENSE", "README.md", "CHANGELOG.md"])
    if (!held.has(f)) problems.push(`the tarball lacks ${f}`);
  return problems.map((p) => `${name}: ${p}`);
}

/** Runs a checker; returns its output as a problem when it fails. */
function run(name, tool, args) {
  try {
    execFileSync(bin(tool), args, { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
    return [];
  } catch (e) {
    return [`${name}: ${tool} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`];
  }
}

const scratch = mkdtempSync(join(tmpdir(), "neurite-check-packages-"));
const problems = [];
try {
  for (const pkg of publishablePackages()) {
    const before = problems.length;
    problems.push(...manifestProblems(pkg));
    const { tarball, files } = packPackage(pkg.dir, scratch);
    problems.push(...tarballProblems(pkg.name, tarball, files));
    problems.push(...run(pkg.name, "publint", ["run", tarball, "--strict"]));
    problems.push(...run(pkg.name, "attw", [tarball, "--format", "table-flipped"]));
    console.log(
      `${problems.length === before ? "ok  " : "FAIL"} ${pkg.name} (${files.length} files)`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`\n${problems.join("\n")}`);
  process.exit(1);
}
console.log("every package is ready to publish");
