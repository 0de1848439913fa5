import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ValueError } from "@neurite/tensor";
import { afterAll, describe, expect, it } from "vitest";
import { Dense, FormatError, Sequential } from "../src/index.js";
import { cleanupHandlersInstalled } from "../src/node/temp-files.js";
import {
  type FileSetManifest,
  loadModelFromFile,
  loadModelFromFileSync,
  manifestPathFor,
  saveModelToFile,
  saveModelToFileSync,
  writeFileAtomic,
  writeFileAtomicSync,
} from "../src/node.js";

const root = mkdtempSync(join(tmpdir(), "neurite-layers-files-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const model = (seed = 1) => new Sequential([new Dense(3, { inputDim: 4, seed })]);
const bytes = (s: string) => new TextEncoder().encode(s);

function formatError(f: () => unknown): FormatError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return e as FormatError;
  }
  throw new Error("expected a FormatError");
}

describe("a save is one unit: files under temporary names, renamed, then a manifest", () => {
  it("extra files join the set; the manifest lists each with its size and SHA-256", async () => {
    const dir = join(root, "set");
    const files = saveModelToFileSync(model(), dir, {
      extraFiles: { "optimizer.json": bytes("{}") },
    });
    expect(readdirSync(dir).sort()).toEqual([
      "manifest.json",
      "model.json",
      "model.safetensors",
      "optimizer.json",
    ]);
    const m = JSON.parse(readFileSync(files.manifestPath!, "utf8")) as FileSetManifest;
    expect(m.format).toBe("neurite.file-set");
    expect(Object.keys(m.files).sort()).toEqual([
      "model.json",
      "model.safetensors",
      "optimizer.json",
    ]);
    expect(m.files["optimizer.json"]).toEqual({
      bytes: 2,
      sha256: "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
    });
    expect(loadModelFromFileSync(dir)).toBeInstanceOf(Sequential);
    expect(await loadModelFromFile(dir)).toBeInstanceOf(Sequential);
  });

  it("the loader refuses a set with a file missing, or mixed from two saves", async () => {
    const dir = join(root, "broken");
    saveModelToFileSync(model(1), dir, { extraFiles: { "optimizer.json": bytes('{"a":1}') } });
    rmSync(join(dir, "optimizer.json"));
    const e = formatError(() => loadModelFromFileSync(dir));
    expect(e.kind).toBe("incomplete");
    expect(e.message).toMatch(
      /^loadModelFromFileSync: the files in .* do not match their manifest manifest\.json: optimizer\.json is missing\. A save was interrupted/,
    );
    // A crash after the renames of a second save, before its manifest: new weights, old manifest.
    saveModelToFileSync(model(1), dir, { extraFiles: { "optimizer.json": bytes('{"a":1}') } });
    const other = join(root, "other");
    saveModelToFileSync(model(2), other);
    writeFileSync(join(dir, "model.safetensors"), readFileSync(join(other, "model.safetensors")));
    await expect(loadModelFromFile(dir)).rejects.toThrow(
      /model\.safetensors has other contents than the manifest records/,
    );
  });

  it("a .safetensors file with extra files gets <name>.manifest.json; alone, none", () => {
    const dir = join(root, "single");
    const path = join(dir, "net.safetensors");
    saveModelToFileSync(model(), path, { extraFiles: { "net.optimizer.json": bytes("{}") } });
    expect(readdirSync(dir).sort()).toEqual([
      "net.manifest.json",
      "net.optimizer.json",
      "net.safetensors",
    ]);
    writeFileSync(join(dir, "net.optimizer.json"), "{ }");
    expect(formatError(() => loadModelFromFileSync(path)).message).toMatch(
      /net\.optimizer\.json has 3 bytes, the manifest records 2/,
    );
    expect(manifestPathFor(path)).toBe(join(dir, "net.manifest.json"));
    expect(manifestPathFor(join(dir, "sub"))).toBe(join(dir, "sub", "manifest.json"));
    saveModelToFileSync(model(), path);
    expect(readdirSync(dir).sort()).toEqual(["net.optimizer.json", "net.safetensors"]);
    expect(loadModelFromFileSync(path)).toBeInstanceOf(Sequential);
  });
});

describe("temporary files never outlive a write", () => {
  it("a later save into the directory removes those of dead processes and old ones, and keeps those of live writers", () => {
    const dir = join(root, "stale");
    mkdirSync(dir);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const deadTmp = join(dir, `.model.safetensors.${dead}-abc123.tmp`);
    const liveTmp = join(dir, `.model.safetensors.${process.ppid}-abc123.tmp`);
    const otherDeadTmp = join(dir, `.w-3.safetensors.${dead}-abc123.tmp`); // another checkpoint's
    const oldTmp = join(dir, ".model.safetensors.k2x9abc.tmp"); // an older version's name
    const freshTmp = join(dir, ".model.json.k2x9abd.tmp");
    const foreign = join(dir, ".editor-swap.tmp"); // not ours
    for (const p of [deadTmp, liveTmp, otherDeadTmp, oldTmp, freshTmp, foreign])
      writeFileSync(p, new Uint8Array(64));
    const hoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    utimesSync(oldTmp, hoursAgo, hoursAgo);
    saveModelToFileSync(model(), dir);
    expect(
      readdirSync(dir)
        .filter((n) => n.endsWith(".tmp"))
        .sort(),
    ).toEqual([
      ".editor-swap.tmp",
      ".model.json.k2x9abd.tmp",
      `.model.safetensors.${process.ppid}-abc123.tmp`,
    ]);
  });

  it("exit and signal handlers are installed only while a write is in flight", async () => {
    const before = process.listenerCount("SIGINT");
    const dir = join(root, "handlers");
    mkdirSync(dir);
    const p = writeFileAtomic(join(dir, "a.bin"), new Uint8Array(1024));
    expect(cleanupHandlersInstalled()).toBe(true);
    expect(process.listenerCount("SIGINT")).toBe(before + 1);
    expect(process.listenerCount("exit")).toBeGreaterThan(0);
    await p;
    expect(cleanupHandlersInstalled()).toBe(false);
    expect(process.listenerCount("SIGINT")).toBe(before);
    writeFileAtomicSync(join(dir, "x.bin"), new Uint8Array(4));
    expect(cleanupHandlersInstalled()).toBe(false);
  });

  /** Runs a child that starts a large asynchronous write, then `action` right after. */
  function interrupted(name: string, action: string) {
    const dir = join(root, name);
    mkdirSync(dir);
    const src = resolve(import.meta.dirname, "../src/node.ts");
    const script = `
      import { readdirSync } from "node:fs";
      import { writeFileAtomic } from ${JSON.stringify(src)};
      writeFileAtomic(${JSON.stringify(join(dir, "big.bin"))}, new Uint8Array(64 * 1024 * 1024));
      // Act once the temporary file exists, mid-write.
      const poll = setInterval(() => {
        if (!readdirSync(${JSON.stringify(dir)}).some((n) => n.endsWith(".tmp"))) return;
        clearInterval(poll);
        ${action};
      }, 0);
    `;
    const r = spawnSync(
      process.execPath,
      ["--conditions=@neurite/source", "--import", "tsx", "--input-type=module", "-e", script],
      { encoding: "utf8", timeout: 30_000 },
    );
    return { r, left: readdirSync(dir) };
  }

  it("Ctrl-C during a write removes the temporary file and still ends the program by SIGINT", () => {
    const { r, left } = interrupted("sigint", 'process.kill(process.pid, "SIGINT")');
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.signal).toBe("SIGINT");
    expect(left).toEqual([]);
  });

  it("process.exit during a write removes the temporary file", () => {
    const { r, left } = interrupted("exit", "process.exit(3)");
    expect(r.status).toBe(3);
    expect(left).toEqual([]);
  });
});

describe("writers check the directory before creating it", () => {
  it.runIf(process.platform === "linux")(
    "a path under /proc fails at once instead of hanging in mkdirSync",
    async () => {
      expect(() => saveModelToFileSync(model(), "/proc/neurite-test/model")).toThrow(ValueError);
      expect(() => saveModelToFileSync(model(), "/proc/neurite-test/model")).toThrow(
        /^saveModelToFileSync: argument 'target': cannot write into \/proc\/neurite-test\/model: creating \/proc\/neurite-test failed: ENOENT/,
      );
      await expect(saveModelToFile(model(), "/proc/neurite-test/m.safetensors")).rejects.toThrow(
        /creating \/proc\/neurite-test failed/,
      );
    },
  );

  it("a file in the way is named", () => {
    const file = join(root, "a-file");
    writeFileSync(file, "x");
    expect(() => saveModelToFileSync(model(), join(file, "sub", "model"))).toThrow(
      `saveModelToFileSync: argument 'target': cannot write into ${join(file, "sub", "model")}: ${file} exists and is not a directory`,
    );
    expect(existsSync(join(root, "a-file"))).toBe(true);
  });
});
