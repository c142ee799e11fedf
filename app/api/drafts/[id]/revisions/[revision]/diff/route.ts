import { z } from "zod";
import { route } from "@/lib/api/route";
import { revisionDiff } from "@/lib/drafts/service";
import { revisionParams } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

const query = z.object({ showSecrets: z.enum(["0", "1"], { error: "showSecrets must be 0 or 1" }).default("0") });

/** Rendered files of an earlier revision against the current ones (secrets masked unless showSecrets=1). */
export const GET = route({ params: revisionParams, query }, async ({ params, query }) => revisionDiff(params.id, params.revision, query.showSecrets === "1"));
