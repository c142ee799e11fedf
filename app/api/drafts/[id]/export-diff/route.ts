import { route } from "@/lib/api/route";
import { exportDiff } from "@/lib/db/exports";
import { draftIdParams } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

/** Rendered files now vs. the last export, plus the errors that would refuse an export. */
export const GET = route({ params: draftIdParams }, async ({ params }) => exportDiff(params.id));
