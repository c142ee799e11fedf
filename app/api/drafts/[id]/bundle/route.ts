import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { route } from "@/lib/api/route";
import { audit } from "@/lib/auth/audit";
import { ArchiveError } from "@/lib/bundle/archive";
import { BUNDLE_FORMATS, ExportRefusedError } from "@/lib/bundle/bundle";
import { BundleFormatError } from "@/lib/bundle/scripts";
import { exportDraft } from "@/lib/db/exports";
import { draftIdParams } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

const query = z.object({
  format: z.enum(BUNDLE_FORMATS, { error: "format must be tar.gz, zip or helm" }).default("tar.gz"),
});

/** The draft's bundle as a download; 422 naming the failing rules while any error-level rule fails. */
export const GET = route({ params: draftIdParams, query, recordsOnGet: true }, async ({ params, query, actor, ip }) => {
  try {
    const { bundle, export: row, draftName } = await exportDraft(params.id, query.format, actor.username);
    await audit({
      actor: actor.username,
      action: "draft.exported",
      target: `${draftName} (${params.id})`,
      ip,
      detail: `revision ${row.revision}; format ${row.format}; export ${row.id}; sha256 ${row.sha256}`,
    });
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
  } catch (error) {
    if (error instanceof ArchiveError || error instanceof BundleFormatError) {
      throw new AppError("unprocessable", `Export refused: ${error.message}`, [{ path: "", message: error.message }]);
    }
    if (!(error instanceof ExportRefusedError)) throw error;
    const rules = [...new Set(error.errors.map((e) => e.rule))];
    await audit({ actor: actor.username, action: "draft.export-refused", target: params.id, ip, success: false, detail: `rules ${rules.join(", ")}` });
    throw new AppError(
      "unprocessable",
      `Export refused until these rules pass: ${rules.join(", ")}`,
      error.errors.map((e) => ({ path: e.path, message: `${e.rule}: ${e.message}` })),
      { rules },
    );
  }
});
