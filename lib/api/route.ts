import { z } from "zod";
import type { Actor } from "../auth/sessions";
import { authenticate, clientIp, isCrossSite, isSameOrigin, isStateChanging, sessionToken, bearerToken } from "../auth/request";
import { AppError, type ErrorCode } from "../core/errors";
import { checkBody, parseJsonBody } from "../core/request-body";
import { issuesFromZod } from "../core/zod-messages"; // also sets plain-words messages for zod's own issues, once
import { formatPosition, HoconBudgetError } from "../hocon/types";

// Drafts are small; anything larger is a mistake or an attack.
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "too-large": 413,
  unprocessable: 422,
  "rate-limited": 429,
  unavailable: 503,
};

/** The one place an error becomes an HTTP answer: `{error, issues[]}` with the status of its code. */
export function errorResponse(error: AppError, headers: Record<string, string> = {}): Response {
  return Response.json({ error: error.message, issues: error.issues, ...error.extra }, { status: STATUS[error.code], headers });
}

/**
 * The body, read until `max` bytes and no further: a chunked upload without Content-Length cannot make
 * the server buffer more than the limit.
 */
export async function readBodyCapped(request: Request, max: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError("too-large", `Request body is larger than ${max} bytes`);
  if (Number(request.headers.get("content-length") ?? "0") > max) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

async function readTextBody(request: Request): Promise<string> {
  return new TextDecoder("utf-8").decode(await readBodyCapped(request, MAX_BODY_BYTES));
}

interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  /** "public" routes skip authentication (login, setup, health); everything else needs an admin. */
  auth?: "public";
  /** A GET that records something (an export): browsers may not trigger it from another site. */
  recordsOnGet?: true;
  params?: P;
  query?: Q;
  body?: B;
  /** The handler takes the body as text (size-capped) and checks it itself, off the request thread. */
  bodyText?: true;
}

interface RouteInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
  /** The body as sent, with `bodyText`; "" otherwise. */
  text: string;
  request: Request;
  /** The signed-in admin; absent only on public routes. */
  actor: Actor;
  ip: string | null;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Wraps a route handler: validates params, query and JSON body with zod, and turns every failure
 * into `{error, issues[]}` with 400/404/409/413/422, so bad input never becomes a 500.
 * A handler returns a Response, or a value sent as JSON with status 200.
 */
export function route<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
>(spec: RouteSpec<P, Q, B>, handler: (input: RouteInput<P, Q, B>) => Promise<unknown>) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      // Cookies ride along on cross-site requests; only the console's own pages may change state with one.
      const cookieAuth = sessionToken(request) !== null && bearerToken(request) === null;
      if (isStateChanging(request)) {
        if (cookieAuth ? !isSameOrigin(request) : isCrossSite(request)) {
          throw new AppError("forbidden", "Cross-site request refused: state-changing requests must come from the console itself");
        }
      } else if (spec.recordsOnGet && cookieAuth && isCrossSite(request)) {
        // A link on another site would carry the SameSite=Lax cookie on a top-level GET.
        throw new AppError("forbidden", "Cross-site request refused: exports must be started from the console itself");
      }
      let actor: Actor | null = null;
      if (spec.auth !== "public") {
        actor = await authenticate(request);
        if (!actor) throw new AppError("unauthorized", "Sign in first: this endpoint needs a console admin session or API token");
      }

      const rawParams = (await context?.params) ?? {};
      const params = spec.params ? spec.params.safeParse(rawParams) : { success: true as const, data: {} };
      if (!params.success) throw new AppError("invalid", "Invalid URL parameters", issuesFromZod(params.error));

      const url = new URL(request.url);
      const rawQuery = Object.fromEntries(url.searchParams.entries());
      const query = spec.query ? spec.query.safeParse(rawQuery) : { success: true as const, data: {} };
      if (!query.success) throw new AppError("invalid", "Invalid query parameters", issuesFromZod(query.error));

      const text = spec.body || spec.bodyText ? await readTextBody(request) : "";
      const body: unknown = spec.body ? checkBody(spec.body, parseJsonBody(text)) : undefined;

      const result = await handler({
        params: params.data as z.infer<P>,
        query: query.data as z.infer<Q>,
        body: body as z.infer<B>,
        text: spec.bodyText ? text : "",
        request,
        actor: actor as Actor,
        ip: clientIp(request),
      });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      // A configuration (a raw value, an imported file) that would resolve past the HOCON resolver's budget.
      if (error instanceof HoconBudgetError) {
        return errorResponse(new AppError("unprocessable", `The configuration is too large once resolved: ${error.message}`, [{ path: formatPosition(error.position), message: error.text }]));
      }
      // Log the kind only: messages may quote request data, which can hold secrets.
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed: ${(error as Error)?.name ?? "Error"}`);
      return Response.json({ error: "Internal error; the request was not applied", issues: [] }, { status: 500 });
    }
  };
}
