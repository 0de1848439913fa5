import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DATA_DIR, generateModules, OUT_DIR, staleModules } from "../scripts/embed.mjs";
import { bostonBookSplit } from "../src/embedded/boston_book_split.js";
import { bostonHousePrices } from "../src/embedded/boston_house_prices.js";
import { breastCancer } from "../src/embedded/breast_cancer.js";
import { diabetesDataRaw } from "../src/embedded/diabetes_data_raw.js";
import { diabetesTarget } from "../src/embedded/diabetes_target.js";
import { digits } from "../src/embedded/digits.js";
import { iris } from "../src/embedded/iris.js";
import { wineBookSplit } from "../src/embedded/wine_book_split.js";
import { wineData } from "../src/embedded/wine_data.js";
import {
  base64ToBytes,
  type EmbeddedFile,
  embeddedBytes,
  embeddedText,
} from "../src/internal/embedded.js";

/** The checksums published in shared/datasets/README.md (scikit-learn 1.2.1's files). */
const README_SHA256: Record<string, string> = {
  "wine_data.csv": "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede",
  "iris.csv": "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449",
  "breast_cancer.csv": "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed",
  "boston_house_prices.csv": "d98212636026544fc9b9c0f372e5f819872e6fa6fa757ab025efdda22180f2d6",
  "digits.csv.gz": "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a",
  "diabetes_data_raw.csv.gz": "fc08fc59c1cbfe65550d9ebb36321d505de9e8f004bf92c1566d2908962f08ff",
  "diabetes_target.csv.gz": "bf1ddd1f9d377278450a5f02c24b5e77b1501f2ad673fe9fdf4c4090d27eb5cc",
};

const EMBEDDED: EmbeddedFile[] = [
  wineData,
  iris,
  breastCancer,
  bostonHousePrices,
  digits,
  diabetesDataRaw,
  diabetesTarget,
  wineBookSplit,
  bostonBookSplit,
];

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

describe("embedded data", () => {
  it.each(Object.entries(README_SHA256))(
    "%s decodes to the bytes with the README's sha256",
    (file, hash) => {
      const f = EMBEDDED.find((e) => e.file === file)!;
      expect(f).toBeDefined();
      const bytes = embeddedBytes(f);
      expect(bytes.length).toBe(f.size);
      expect(sha256(bytes)).toBe(hash);
    },
  );

  it("embeds every data file byte for byte, book splits included", () => {
    for (const f of EMBEDDED) {
      const original = readFileSync(join(DATA_DIR, f.file));
      expect(Buffer.from(embeddedBytes(f)).equals(original), f.file).toBe(true);
      expect(f.sha256).toBe(sha256(original));
    }
    expect(readdirSync(DATA_DIR).sort()).toEqual(EMBEDDED.map((f) => f.file).sort());
  });

  it("keeps .gz files as they are and gzips the others", () => {
    expect(digits.originalIsGzip).toBe(true);
    expect(wineData.originalIsGzip).toBe(false);
    // The payload of a plain file is gzip (magic 1f 8b) of the original.
    const payload = base64ToBytes(wineData.base64);
    expect([payload[0], payload[1]]).toEqual([0x1f, 0x8b]);
    expect(
      Buffer.from(gunzipSync(payload)).equals(readFileSync(join(DATA_DIR, "wine_data.csv"))),
    ).toBe(true);
    // embeddedText gunzips .gz files.
    expect(embeddedText(digits).split("\n")[0]!.split(",")).toHaveLength(65);
  });

  it("generated modules are up to date with data/ (run node scripts/embed.mjs if not)", () => {
    expect(staleModules()).toEqual([]);
    expect(generateModules().size).toBe(readdirSync(OUT_DIR).length);
  });

  it("checksums in this test match shared/datasets/README.md when that folder exists", () => {
    const readme = "/work/shared/datasets/README.md";
    if (!existsSync(readme)) return;
    const text = readFileSync(readme, "utf8");
    for (const [file, hash] of Object.entries(README_SHA256))
      expect(text).toContain(`${hash}  ${file}`);
  });

  it("base64ToBytes decodes padding correctly", () => {
    expect(Array.from(base64ToBytes("AAEC/w=="))).toEqual([0, 1, 2, 255]);
    expect(Array.from(base64ToBytes("YQ=="))).toEqual([97]);
  });
});
