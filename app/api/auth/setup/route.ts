import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { isSecureRequest } from "@/lib/auth/request";
import { createSession, sessionCookie } from "@/lib/auth/sessions";
import { setupBody } from "@/lib/auth/schemas";
import { completeSetup } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "public", body: setupBody }, async ({ body, request, ip }) => {
  const user = await completeSetup(body.setupToken, body.username, body.password);
  await audit({ actor: user.username, action: "setup.admin-created", target: user.username, ip });
  const session = await createSession(user.id, ip);
  return Response.json(
    { username: user.username },
    { status: 201, headers: { "set-cookie": sessionCookie(session.token, session.expiresAt, isSecureRequest(request)) } },
  );
});
