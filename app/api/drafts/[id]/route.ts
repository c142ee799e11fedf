import { route } from "@/lib/api/route";
import { deleteDraft, getDraft, updateDraft } from "@/lib/db/drafts";
import { draftIdParams, updateDraftBody } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

export const GET = route({ params: draftIdParams }, async ({ params }) => getDraft(params.id));

export const PUT = route({ params: draftIdParams, body: updateDraftBody }, async ({ params, body }) =>
  updateDraft(params.id, body),
);

export const DELETE = route({ params: draftIdParams }, async ({ params }) => {
  await deleteDraft(params.id);
  return new Response(null, { status: 204 });
});
