import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * A Python interpreter that can `import torch`: $PYTHON, else the first
 * python3 / python on the PATH that has it (version managers' shims may
 * shadow a system Python that does). Null when there is none.
 */
export function pythonWithTorch(): string | null {
  const candidates = [process.env.PYTHON];
  for (const dir of (process.env.PATH ?? "").split(delimiter))
    for (const name of ["python3", "python"]) candidates.push(join(dir, name));
  for (const exe of candidates) {
    if (!exe || !existsSync(exe)) continue;
    try {
      execFileSync(exe, ["-c", "import torch"], { stdio: "ignore", timeout: 60_000 });
      return exe;
    } catch {}
  }
  return null;
}
