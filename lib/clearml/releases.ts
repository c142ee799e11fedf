/** The ClearML Server releases and processes the console knows. Browser-safe, no imports. */

/** Oldest first. */
export const CLEARML_VERSIONS = ["2.0.0", "2.1.0", "2.2.0", "2.3.0"] as const;
export type ClearmlVersion = (typeof CLEARML_VERSIONS)[number];
export const DEFAULT_CLEARML_VERSION: ClearmlVersion = "2.3.0";
/** True when release `a` came after release `b`. */
export function versionAfter(a: ClearmlVersion, b: ClearmlVersion): boolean {
  return CLEARML_VERSIONS.indexOf(a) > CLEARML_VERSIONS.indexOf(b);
}

/** The server processes that read a config tree of their own. */
export const COMPONENTS = ["apiserver", "fileserver"] as const;
export type Component = (typeof COMPONENTS)[number];
