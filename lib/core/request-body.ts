/**
 * Reading a request body: the route wrapper does it on the request thread, the preview worker off it (a large
 * draft's body is too costly to parse and check there); both answer bad input with the same errors.
 */
import type { z } from "zod";
import { AppError } from "./errors";
import { issuesFromZod } from "./zod-messages";

/** The body's JSON text as a value, or a 400 saying why. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") throw new AppError("invalid", "Request body is empty; send a JSON object", [{ path: "", message: "Required" }]);
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : "invalid JSON";
    throw new AppError("invalid", "Request body is not valid JSON", [{ path: "", message: reason }]);
  }
}

/** The body checked against its schema, or a 422 with an issue per field. */
export function checkBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("unprocessable", "Request body failed validation", issuesFromZod(parsed.error));
  return parsed.data;
}
