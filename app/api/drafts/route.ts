import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { createDraft, listDrafts } from "@/lib/db/drafts";
import { createDraftBody } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => ({ drafts: await listDrafts() }));

export const POST = route({ body: createDraftBody }, async ({ body, actor, ip }) => {
  const draft = await createDraft({ ...body, savedBy: actor.username });
  await audit({
    actor: actor.username,
    action: body.copyFrom ? "draft.duplicated" : "draft.created",
    target: `${draft.name} (${draft.id})`,
    ip,
    detail: body.copyFrom ? `from ${body.copyFrom}` : "",
  });
  return Response.json(draft, { status: 201 });
});
