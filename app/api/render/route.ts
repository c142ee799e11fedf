import { z } from "zod";
import { route } from "@/lib/api/route";
import { settingsDocumentSchema } from "@/lib/clearml/document";
import { preview } from "@/lib/drafts/service";

export const dynamic = "force-dynamic";

const body = z.strictObject({
  document: settingsDocumentSchema,
  draftId: z.string().max(64).optional(),
  revision: z.number().int().nonnegative().optional(),
  /** The effective trees cost more than the files; the editor asks for them only when it shows them. */
  effective: z.boolean().default(true),
});

/** Live preview of unsaved settings: files, findings and (on request) the effective trees. */
export const POST = route({ body }, async ({ body }) => new Response(await preview(body), { headers: { "content-type": "application/json" } }));
