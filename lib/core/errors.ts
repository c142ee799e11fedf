/**
 * The one error type of the domain: a code and the fields it concerns, no transport. The route wrapper maps codes
 * to HTTP statuses (lib/api/route.ts) and the CLI to exit codes (cli/main.ts), each in one place.
 */

/** One problem, addressed to the field it concerns ("" for the whole input). */
export interface FieldIssue {
  path: string;
  message: string;
}

export type ErrorCode =
  /** malformed input: not JSON, a bad URL parameter */
  | "invalid"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  /** someone else changed it first */
  | "conflict"
  | "too-large"
  /** well-formed input that fails validation, or that the console refuses to act on */
  | "unprocessable"
  | "rate-limited"
  /** a dependency (the bcrypt pool, the disk) failed */
  | "unavailable";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** More fields for the answer, e.g. `{rules}` or `{currentRevision}`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super("not-found", `${what} not found`);
    this.name = "NotFoundError";
  }
}

export class ConflictError extends AppError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super("conflict", message, [], extra);
    this.name = "ConflictError";
  }
}
