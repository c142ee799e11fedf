/**
 * Where to go after signing in: the `next` query parameter of /login. Only a path on this console is taken
 * ("/drafts/abc?area=web"); absolute URLs ("https://evil.example"), protocol-relative ones ("//evil.example"),
 * backslash tricks ("/\evil.example", which browsers read as "//"), control characters and the sign-in
 * pages themselves give null, and the caller falls back to its default.
 */
const BASE = "http://console.invalid";
const NOT_AFTER_SIGN_IN = new Set(["/login", "/setup", "/logout"]);
const MAX_LENGTH = 2048;

export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!value.startsWith("/") || value.startsWith("//")) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || NOT_AFTER_SIGN_IN.has(url.pathname) || url.pathname.startsWith("/api/")) return null;
  return url.pathname + url.search + url.hash;
}

/** The sign-in page's address for someone who asked for `path` (pathname plus query). */
export function loginPath(path: string | null | undefined): string {
  const next = safeNextPath(path);
  return next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login";
}
