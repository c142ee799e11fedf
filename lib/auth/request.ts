import { readCookie, SESSION_COOKIE, actorForSession, type Actor } from "./sessions";
import { actorForToken } from "./tokens";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(request: Request): boolean {
  return !SAFE_METHODS.has(request.method.toUpperCase());
}

/**
 * The client's address, as scripts/start.mjs computed it and put in x-console-peer: the TCP peer, or with
 * CONSOLE_TRUST_PROXY the address the trusted proxies report (proxy-addr, scripts/client-address.mjs). The
 * server always overwrites that header, so a client cannot choose it; X-Forwarded-For is never read here, as its
 * leftmost entries are whatever the client wrote.
 */
export function clientIp(request: Request): string | null {
  const ip = request.headers.get("x-console-peer")?.trim() || null;
  return ip ? ip.slice(0, 100) : null;
}

/** X-Forwarded-Proto and -Host reach the app only from a trusted proxy: scripts/start.mjs drops them otherwise. */
export function isSecureRequest(request: Request): boolean {
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto ? proto === "https" : new URL(request.url).protocol === "https:";
}

function ownOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  return `${isSecureRequest(request) ? "https" : "http"}://${host}`;
}

/**
 * True only when the browser says the request came from the console's own pages:
 * Sec-Fetch-Site same-origin, or an Origin equal to ours. A request with neither is refused.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if (site && site !== "same-origin") return false;
  if (origin && origin !== ownOrigin(request)) return false;
  return Boolean(site || origin);
}

/** True when the browser clearly reports another site, even without a session cookie (login CSRF). */
export function isCrossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  return (site !== null && site !== "same-origin" && site !== "none") || (origin !== null && origin !== ownOrigin(request));
}

export function sessionToken(request: Request): string | null {
  return readCookie(request.headers.get("cookie"), SESSION_COOKIE);
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}

export async function authenticate(request: Request): Promise<Actor | null> {
  const bearer = bearerToken(request);
  if (bearer) return actorForToken(bearer);
  const session = sessionToken(request);
  return session ? actorForSession(session) : null;
}
