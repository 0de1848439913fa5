import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { build, createLogger, type InlineConfig, type Plugin, parseSync, Visitor } from "vite";

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith("_")));

/** True for `fs`, `node:fs`, `fs/promises`, `node:test` and the like. */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith("node:")) return true;
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split("/")[0]!);
}

/**
 * Imports of Node built-ins that survive in bundled code: `import … from`,
 * `export … from`, `import()` and `require()` with a literal specifier. Text
 * inside strings (e.g. a worker's source code) is not an import and is not
 * reported.
 */
export function nodeImportsIn(code: string, filename: string): string[] {
  const found: string[] = [];
  const { program, errors } = parseSync(filename, code);
  if (errors.length > 0) throw new Error(`${filename} does not parse: ${errors[0]!.message}`);
  const check = (kind: string, value: unknown) => {
    if (typeof value === "string" && isNodeBuiltin(value)) found.push(`${kind} "${value}"`);
  };
  new Visitor({
    ImportDeclaration: (n) => check("import", n.source.value),
    ExportAllDeclaration: (n) => check("export from", n.source.value),
    ExportNamedDeclaration: (n) => check("export from", n.source?.value),
    ImportExpression: (n) => check("import()", n.source.type === "Literal" ? n.source.value : ""),
    CallExpression: (n) => {
      const arg = n.arguments[0];
      if (n.callee.type === "Identifier" && n.callee.name === "require" && arg?.type === "Literal")
        check("require", arg.value);
    },
  }).visit(program);
  return found;
}

/** Every `.js` file under `dir`, recursively. */
export function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".js"))
    .map((f) => join(dir, f));
}

/** What a guarded build saw. */
export interface GuardedBuild {
  /** Node built-ins that modules asked for, with their importer. */
  readonly leaks: string[];
  /** Vite's warnings (a Node built-in in a browser build is one). */
  readonly warnings: string[];
}

/**
 * Runs a Vite build of `root` (its own config file, plus `overrides`) with
 * a plugin, on the page and on its workers, that records every import of a
 * Node built-in. Vite would otherwise replace such a module with an empty
 * stub and only warn, leaving nothing in the output to find.
 */
export async function guardedBuild(
  root: string,
  overrides: InlineConfig = {},
): Promise<GuardedBuild> {
  const leaks: string[] = [];
  const warnings: string[] = [];
  const guard = (): Plugin => ({
    name: "neurite:no-node-builtins",
    enforce: "pre",
    resolveId(source, importer) {
      if (isNodeBuiltin(source)) leaks.push(`"${source}" imported by ${importer ?? "(entry)"}`);
      return null;
    },
  });
  const logger = createLogger("warn", { allowClearScreen: false });
  logger.warn = (msg) => void warnings.push(msg);
  logger.warnOnce = (msg) => void warnings.push(msg);
  await build({
    root,
    logLevel: "warn",
    customLogger: logger,
    ...overrides,
    plugins: [guard(), ...(overrides.plugins ?? [])],
    worker: { ...overrides.worker, plugins: () => [guard()] },
  });
  return { leaks, warnings };
}

/** The contents of a file, for scanning. */
export function read(file: string): string {
  return readFileSync(file, "utf8");
}
