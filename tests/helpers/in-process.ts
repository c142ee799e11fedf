import { signedInHeaders } from "./auth";
import { createTempDatabase } from "./temp-db";

/**
 * For calling route handlers in-process: a fresh migrated database, a signed-in admin, and request
 * builders that carry the admin's session as the console's own pages would.
 */
export async function inProcessApi(base = "http://console.test") {
  const { cleanup } = createTempDatabase();
  const auth = await signedInHeaders(base);
  const request = (method: string, path: string, body?: unknown) =>
    new Request(base + path, {
      method,
      headers: { "content-type": "application/json", ...auth },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    base,
    auth,
    ctx: (id: string) => ({ params: Promise.resolve({ id }) }),
    get: (path = "/", headers: Record<string, string> = auth) => new Request(base + path, { headers }),
    post: (path: string, body: unknown) => request("POST", path, body),
    put: (path: string, body: unknown) => request("PUT", path, body),
    del: (path = "/") => request("DELETE", path),
    close: async () => {
      await (await import("@/lib/db/client")).disconnect();
      cleanup();
    },
  };
}

export type InProcessApi = Awaited<ReturnType<typeof inProcessApi>>;
