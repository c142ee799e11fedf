import { route } from "@/lib/api/route";
import { createDraft, listDrafts } from "@/lib/db/drafts";
import { createDraftBody } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => ({ drafts: await listDrafts() }));

export const POST = route({ body: createDraftBody }, async ({ body }) =>
  Response.json(await createDraft(body), { status: 201 }),
);
