/** Types for scripts/packages.mjs, so tests written in TypeScript can import it. */

/** A publishable package of the workspace. */
export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Record<string, unknown>;
}
/** The repository's root folder. */
export const ROOT: string;
/** Every non-private package under packages/, in dependency order (tensor first). */
export function publishablePackages(): WorkspacePackage[];
/** Packs the package in `dir` as `pnpm publish` would; returns the tarball and its files. */
export function packPackage(dir: string, destination: string): { tarball: string; files: string[] };
/** The package.json inside a packed tarball. */
export function packedManifest(tarball: string): Record<string, unknown>;
