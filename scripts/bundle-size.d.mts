/** Types for scripts/bundle-size.mjs, so tests written in TypeScript can import it. */

/** Sizes in bytes of a minified browser bundle, and the input files that contributed code. */
export interface BundleSize {
  minified: number;
  gzipped: number;
  inputs: string[];
}
/** Bundles an ES module importing @neurite packages (their dist/ builds) for the browser, minified. */
export function bundle(source: string): Promise<BundleSize>;
/** A program that builds and fits a model and loads no dataset. */
export const FIT_ONLY: string;
