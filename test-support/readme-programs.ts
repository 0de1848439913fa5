import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** One ```ts block of a README. */
export interface ReadmeBlock {
  /** 1-based line of the README where the code starts (the line after the fence). */
  line: number;
  /** The code, as written. */
  code: string;
  /** `true` for a block fenced as ```ts no-run: type-checked, never executed. */
  noRun: boolean;
}

/** What running one block printed and how it ended. */
export interface BlockRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const FENCE = /^```(ts|typescript)((?:\s+[\w-]+)*)\s*$/;

/**
 * The TypeScript blocks of a README: every fence opened with ```ts (or
 * ```typescript). Words after the language are flags; `no-run` marks a
 * program that is checked by the compiler but must not run (browser-only,
 * say). Blocks in other languages (sh, text, python) are not programs.
 */
export function extractTsBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!.trim());
    if (!open) continue;
    const indent = lines[i]!.length - lines[i]!.trimStart().length;
    const flags = open[2]!.trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() !== "```") body.push(lines[j++]!.slice(indent));
    if (j === lines.length)
      throw new Error(`README line ${i + 1}: a \`\`\`ts block is never closed`);
    blocks.push({ line: i + 2, code: `${body.join("\n")}\n`, noRun: flags.includes("no-run") });
    i = j;
  }
  return blocks;
}

/**
 * Writes each block to its own module under `<packageDir>/node_modules/.readme-programs/`
 * (inside the workspace, ignored by git), next to a `node_modules/@neurite/*` of
 * links to every workspace package, so a block resolves `@neurite/...` exactly as
 * a user's program does, whichever packages it imports. Returns the file paths.
 */
export function writeBlocks(packageDir: string, blocks: readonly ReadmeBlock[]): string[] {
  const dir = join(packageDir, "node_modules", ".readme-programs");
  rmSync(dir, { recursive: true, force: true });
  const scope = join(dir, "node_modules", "@neurite");
  mkdirSync(scope, { recursive: true });
  for (const name of readdirSync(join(ROOT, "packages"))) {
    symlinkSync(join(ROOT, "packages", name), join(scope, name), "dir");
  }
  // Each block is an ES module on its own (top-level await, no shared names).
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  return blocks.map((b) => {
    const file = join(dir, `readme-line-${b.line}.ts`);
    writeFileSync(file, b.code.includes("import ") ? b.code : `${b.code}export {};\n`);
    return file;
  });
}

/**
 * Type-checks the files as one program under the repository's compiler options
 * (`strict`, the `@neurite/source` condition so sources are read, no build needed).
 * Returns the diagnostics of each file, formatted with README line numbers.
 */
export function typecheckBlocks(
  files: readonly string[],
  blocks: readonly ReadmeBlock[],
): string[][] {
  const base = ts.readConfigFile(join(ROOT, "tsconfig.base.json"), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(
    { ...base.config.compilerOptions, types: ["node"], strict: true, noEmit: true },
    ROOT,
  );
  const program = ts.createProgram([...files], options);
  return files.map((file, k) => {
    const source = program.getSourceFile(file)!;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    return diagnostics.map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (d.start === undefined) return text;
      const { line, character } = source.getLineAndCharacterOfPosition(d.start);
      return `README line ${blocks[k]!.line + line}:${character + 1}: TS${d.code}: ${text}`;
    });
  });
}

const require = createRequire(join(ROOT, "package.json"));
const TSX = resolve(dirname(require.resolve("tsx/package.json")), "dist", "loader.mjs");

/**
 * Runs one block with Node and tsx, reading the workspace's TypeScript sources,
 * in a scratch working directory (blocks may write files). A block counts as
 * run when it exits with status 0.
 */
export function runBlock(file: string, timeoutMs = 60_000): BlockRun {
  const cwd = join(dirname(file), `${file.slice(dirname(file).length + 1, -3)}.cwd`);
  mkdirSync(cwd, { recursive: true });
  const result = spawnSync(
    process.execPath,
    ["--conditions=@neurite/source", "--import", TSX, file],
    { cwd, encoding: "utf8", timeout: timeoutMs, env: { ...process.env, NO_COLOR: "1" } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The README of a package directory, read as UTF-8. */
export function readReadme(packageDir: string): string {
  return readFileSync(join(packageDir, "README.md"), "utf8");
}
