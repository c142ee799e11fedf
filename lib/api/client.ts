import type { FieldIssue } from "../core/errors";

/** What the browser gets back from the console API: the JSON body, or the `{error, issues}` answer. */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: string; issues: FieldIssue[]; body: Record<string, unknown> };

export async function callApi<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return { ok: false, status: 0, error: "The console server could not be reached", issues: [], body: {} };
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (response.ok) return { ok: true, status: response.status, data: data as T };
  const body = (data ?? {}) as Record<string, unknown>;
  return {
    ok: false,
    status: response.status,
    error: typeof body.error === "string" ? body.error : `Request failed with status ${response.status}`,
    issues: Array.isArray(body.issues) ? (body.issues as FieldIssue[]) : [],
    body,
  };
}
