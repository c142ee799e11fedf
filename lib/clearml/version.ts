import pkg from "../../package.json";

/** Written into every exported file's header. */
export const CONSOLE_VERSION: string = pkg.version;
