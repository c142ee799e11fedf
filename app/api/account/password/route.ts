import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { changePasswordBody } from "@/lib/auth/schemas";
import { changePassword } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export const PUT = route({ body: changePasswordBody }, async ({ body, actor, ip }) => {
  await changePassword(actor.userId, body.currentPassword, body.newPassword, actor.sessionId);
  await audit({ actor: actor.username, action: "user.password-changed", target: actor.username, ip });
  return { ok: true };
});
