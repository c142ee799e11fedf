import { route } from "@/lib/api/route";
import { draftIdParams } from "@/lib/drafts/schema";
import { fileList, renderDraft } from "@/lib/drafts/service";

export const dynamic = "force-dynamic";

export const GET = route({ params: draftIdParams }, async ({ params }) => {
  const result = await renderDraft(params.id);
  return { files: fileList(result.files), diagnostics: result.diagnostics, loadBalancer: result.loadBalancer };
});
