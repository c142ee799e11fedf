import { route } from "@/lib/api/route";
import { listExports } from "@/lib/db/exports";
import { draftIdParams } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

/** Every recorded export of the draft, newest first: who, when, revision, format, sha256. */
export const GET = route({ params: draftIdParams }, async ({ params }) => ({ exports: await listExports(params.id) }));
