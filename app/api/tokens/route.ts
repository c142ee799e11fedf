import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { tokenBody } from "@/lib/auth/schemas";
import { createToken, listTokens } from "@/lib/auth/tokens";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => ({ tokens: await listTokens() }));

export const POST = route({ body: tokenBody }, async ({ body, actor, ip }) => {
  const { token, summary } = await createToken(actor.userId, body.name);
  await audit({ actor: actor.username, action: "token.created", target: `${summary.name} (${summary.prefix}…)`, ip });
  return Response.json({ ...summary, token }, { status: 201 });
});
