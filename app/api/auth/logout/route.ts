import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { isSecureRequest } from "@/lib/auth/request";
import { clearedSessionCookie, endSession } from "@/lib/auth/sessions";

export const dynamic = "force-dynamic";

export const POST = route({}, async ({ actor, request, ip }) => {
  if (actor.sessionId) await endSession(actor.sessionId);
  await audit({ actor: actor.username, action: "logout", ip });
  return Response.json({ ok: true }, { headers: { "set-cookie": clearedSessionCookie(isSecureRequest(request)) } });
});
