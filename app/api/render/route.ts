import { route } from "@/lib/api/route";
import { preview } from "@/lib/drafts/service";

export const dynamic = "force-dynamic";

/**
 * Live preview of unsaved settings: files, findings and (on request) the effective trees. The body
 * (`previewRequestSchema` in lib/drafts/schema.ts) is parsed and checked in the preview worker with the rendering:
 * on the request thread a large draft's 150 KB would hold every other request.
 */
export const POST = route({ bodyText: true }, async ({ text }) => new Response(await preview(text), { headers: { "content-type": "application/json" } }));
