/** Types for scripts/embed.mjs, so tests written in TypeScript can import it. */

/** The package's data/ folder. */
export const DATA_DIR: string;
/** The folder of generated modules. */
export const OUT_DIR: string;
/** `wine_data.csv` → `wine_data`; `digits.csv.gz` → `digits`. */
export function moduleBase(file: string): string;
/** `boston_house_prices` → `bostonHousePrices`. */
export function exportName(base: string): string;
/** The TypeScript source of the module embedding `bytes` read from `file`. */
export function renderModule(file: string, bytes: Uint8Array): string;
/** Every generated module, keyed by its file name in src/embedded/. */
export function generateModules(dataDir?: string): Map<string, string>;
/** Names of modules in `outDir` that differ from a fresh generation (or should not exist). */
export function staleModules(dataDir?: string, outDir?: string): string[];
