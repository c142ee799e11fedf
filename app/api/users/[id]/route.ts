import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { deleteUser } from "@/lib/auth/users";
import { idParams } from "@/lib/core/ids";

export const dynamic = "force-dynamic";

export const DELETE = route({ params: idParams }, async ({ params, actor, ip }) => {
  const user = await deleteUser(params.id);
  await audit({ actor: actor.username, action: "user.deleted", target: user.username, ip });
  return new Response(null, { status: 204 });
});
