import { z } from "zod";
import { route } from "@/lib/api/route";
import { exportDiff } from "@/lib/drafts/service";
import { draftIdParams } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

const query = z.object({ showSecrets: z.enum(["0", "1"], { error: "showSecrets must be 0 or 1" }).default("0") });

/** Rendered files now vs. the last export (secrets masked unless showSecrets=1), plus the errors that would refuse an export. */
export const GET = route({ params: draftIdParams, query }, async ({ params, query }) => exportDiff(params.id, query.showSecrets === "1"));
