import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { revokeToken } from "@/lib/auth/tokens";
import { idParams } from "@/lib/core/ids";

export const dynamic = "force-dynamic";

export const DELETE = route({ params: idParams }, async ({ params, actor, ip }) => {
  const token = await revokeToken(params.id);
  await audit({ actor: actor.username, action: "token.revoked", target: `${token.name} (${token.prefix}…)`, ip });
  return token;
});
