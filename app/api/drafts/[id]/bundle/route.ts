import { z } from "zod";
import { route } from "@/lib/api/route";
import { BUNDLE_FORMATS } from "@/lib/bundle/bundle";
import { draftIdParams } from "@/lib/drafts/schema";
import { exportDraft } from "@/lib/drafts/service";

export const dynamic = "force-dynamic";

const query = z.object({
  format: z.enum(BUNDLE_FORMATS, { error: "format must be tar.gz, zip or helm" }).default("tar.gz"),
});

/** The draft's bundle as a download; 422 naming the failing rules while any error-level rule fails. */
export const GET = route({ params: draftIdParams, query, recordsOnGet: true }, async ({ params, query, actor, ip }) => {
  const { bundle, export: row } = await exportDraft(params.id, query.format, { actor: actor.username, ip });
  return new Response(new Uint8Array(bundle.data), {
    status: 200,
    headers: {
      "content-type": bundle.contentType,
      "content-disposition": `attachment; filename="${bundle.filename}"`,
      "content-length": String(bundle.data.length),
      "cache-control": "no-store",
      "x-export-id": row.id,
      "x-bundle-sha256": row.sha256,
    },
  });
});
