import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { deleteDraft, getDraft, updateDraft } from "@/lib/db/drafts";
import { draftIdParams, updateDraftBody } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

export const GET = route({ params: draftIdParams }, async ({ params }) => getDraft(params.id));

export const PUT = route({ params: draftIdParams, body: updateDraftBody }, async ({ params, body, actor, ip }) => {
  const draft = await updateDraft(params.id, { ...body, savedBy: actor.username });
  const changed = (["name", "description", "document"] as const).filter((key) => body[key] !== undefined);
  await audit({
    actor: actor.username,
    action: "draft.saved",
    target: `${draft.name} (${draft.id})`,
    ip,
    detail: `revision ${draft.revision}; changed ${changed.join(", ") || "nothing"}`,
  });
  return draft;
});

export const DELETE = route({ params: draftIdParams }, async ({ params, actor, ip }) => {
  const draft = await getDraft(params.id);
  await deleteDraft(params.id);
  await audit({ actor: actor.username, action: "draft.deleted", target: `${draft.name} (${draft.id})`, ip });
  return new Response(null, { status: 204 });
});
