import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { newUserBody } from "@/lib/auth/schemas";
import { createUser, listUsers } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => ({ users: await listUsers() }));

export const POST = route({ body: newUserBody }, async ({ body, actor, ip }) => {
  const user = await createUser(body.username, body.password);
  await audit({ actor: actor.username, action: "user.created", target: user.username, ip });
  return Response.json(user, { status: 201 });
});
