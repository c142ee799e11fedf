import { route } from "@/lib/api/route";
import { listRevisions } from "@/lib/db/drafts";
import { draftIdParams } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

export const GET = route({ params: draftIdParams }, async ({ params }) => ({ revisions: await listRevisions(params.id) }));
