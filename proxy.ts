import { NextResponse, type NextRequest } from "next/server";
import { loginPath } from "@/lib/auth/next-path";

// Pages and API routes reachable without signing in. Every handler still checks for itself;
// this gate only keeps anonymous requests away from everything else.
const PUBLIC_PAGES = new Set(["/login", "/setup"]);
const PUBLIC_API = new Set(["/api/health", "/api/auth/login", "/api/auth/setup"]);
const SESSION_COOKIE = "console_session";

function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React sets style attributes; styles cannot run code, scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/") || pathname === "/api";
  const signedIn = request.cookies.has(SESSION_COOKIE) || request.headers.has("authorization");
  const isPublic = isApi ? PUBLIC_API.has(pathname) : PUBLIC_PAGES.has(pathname);

  if (!isPublic && !signedIn) {
    if (isApi) {
      return NextResponse.json(
        { error: "Sign in first: this endpoint needs a console admin session or API token", issues: [] },
        { status: 401 },
      );
    }
    // Back to the page asked for after signing in (a same-origin path only, see lib/auth/next-path.ts).
    return NextResponse.redirect(new URL(loginPath(pathname + request.nextUrl.search), request.url));
  }

  if (isApi) return NextResponse.next();

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // For requireActor's redirect when the session cookie turns out to be expired or revoked.
  requestHeaders.set("x-console-path", pathname + request.nextUrl.search);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
