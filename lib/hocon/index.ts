export * from "./types";
export * from "./render";
export { parseHocon } from "./parse";
export type { ParseOptions, ParseResult, IncludeTarget, IncludeResolver } from "./parse";
