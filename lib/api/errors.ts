/** One problem with a request, addressed to the field it concerns ("" for the whole body). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** An error the API answers with as `{error, issues[]}` and the given status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string) {
    super(404, `${what} not found`);
  }
}

export class ConflictError extends ApiError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(409, message, [], extra);
  }
}
