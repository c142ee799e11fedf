import pkg from "../../package.json";
import { DEFAULT_CLEARML_VERSION } from "./registry";

/** Written into every exported file's header. */
export const CONSOLE_VERSION: string = pkg.version;
/** The ClearML Server version drafts target (the defaults the console encodes). */
export const TARGET_CLEARML_VERSION: string = DEFAULT_CLEARML_VERSION;
