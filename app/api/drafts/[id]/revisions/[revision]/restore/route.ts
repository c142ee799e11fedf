import { route } from "@/lib/api/route";
import { restoreRevision } from "@/lib/drafts/service";
import { restoreRevisionBody, revisionParams } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

/** Saves that revision's settings as a new revision (409 if the draft moved on since `revision`). */
export const POST = route({ params: revisionParams, body: restoreRevisionBody }, async ({ params, body, actor, ip }) =>
  restoreRevision(params.id, params.revision, body.revision, { actor: actor.username, ip }),
);
