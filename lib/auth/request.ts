import { readCookie, SESSION_COOKIE, actorForSession, type Actor } from "./sessions";
import { actorForToken } from "./tokens";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(request: Request): boolean {
  return !SAFE_METHODS.has(request.method.toUpperCase());
}

/**
 * The client's address. scripts/start.mjs sets x-console-peer from the socket; X-Forwarded-For
 * reaches us only when CONSOLE_TRUST_PROXY=1 told the server a trusted proxy sets it.
 */
export function clientIp(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const peer = request.headers.get("x-console-peer")?.trim();
  const ip = (process.env.CONSOLE_TRUST_PROXY === "1" && forwarded) || peer || null;
  return ip ? ip.slice(0, 100) : null;
}

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
