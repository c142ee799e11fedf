import pkg from "../../package.json";
import type { RenderMeta } from "./render";

/** Written into every exported file's header. */
export const CONSOLE_VERSION: string = pkg.version;

export function renderMeta(draftId: string, revision: number): RenderMeta {
  return { draftId, revision, consoleVersion: CONSOLE_VERSION };
}
