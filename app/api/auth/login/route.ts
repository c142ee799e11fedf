import { AppError } from "@/lib/core/errors";
import { errorResponse, route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { loginLimiters, reserveAttempt } from "@/lib/auth/rate-limit";
import { isSecureRequest } from "@/lib/auth/request";
import { createSession, sessionCookie } from "@/lib/auth/sessions";
import { loginBody } from "@/lib/auth/schemas";
import { checkCredentials } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "public", body: loginBody }, async ({ body, request, ip }) => {
  const userKey = body.username.toLowerCase();
  const ipKey = ip ?? "unknown";
  // Count the attempt before the (slow) password compare, in one synchronous step with the check: parallel
  // requests then cannot all pass the check while their compares run. At most the limit is ever judged.
  const attempt = reserveAttempt([
    [loginLimiters.byUser, userKey],
    [loginLimiters.byIp, ipKey],
  ]);
  if (!attempt.allowed) {
    await audit({ actor: body.username, action: "login.throttled", ip, success: false });
    const seconds = Math.ceil(attempt.retryAfter / 1000);
    return errorResponse(new AppError("rate-limited", `Too many failed sign-ins; try again in ${seconds} seconds`), { "retry-after": String(seconds) });
  }
  const user = await checkCredentials(body.username, body.password);
  if (!user) {
    // The reserved slots stay counted: they are the failure.
    await audit({ actor: body.username, action: "login.failed", ip, success: false });
    throw new AppError("unauthorized", "Wrong username or password", [{ path: "password", message: "Wrong username or password" }]);
  }
  attempt.release();
  loginLimiters.byUser.reset(userKey);
  const session = await createSession(user.id, ip);
  await audit({ actor: user.username, action: "login", ip });
  return Response.json(
    { username: user.username, expiresAt: session.expiresAt.toISOString() },
    { headers: { "set-cookie": sessionCookie(session.token, session.expiresAt, isSecureRequest(request)) } },
  );
});
