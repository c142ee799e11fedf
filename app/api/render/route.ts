import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { settingsDocumentSchema } from "@/lib/clearml/document";
import { effectiveSettings } from "@/lib/clearml/effective";
import { BCRYPT_COST, sealPasswords } from "@/lib/clearml/passwords";
import { bcryptHash } from "@/lib/crypto/bcrypt-pool";
import { render } from "@/lib/clearml/render";
import { fileList, renderMeta } from "@/lib/clearml/server";

export const dynamic = "force-dynamic";

const body = z.strictObject({
  document: settingsDocumentSchema,
  draftId: z.string().max(64).optional(),
  revision: z.number().int().nonnegative().optional(),
});

// Live preview of unsaved settings. Passwords are hashed first, as saving would, so no plaintext is shown.
export const POST = route({ body }, async ({ body }) => {
  const sealed = await sealPasswords(body.document, BCRYPT_COST, bcryptHash);
  if (sealed.issues.length) throw new ApiError(422, "Request body failed validation", sealed.issues);
  const meta = renderMeta(body.draftId ?? "unsaved", body.revision ?? 0);
  const result = render(sealed.document, meta);
  return {
    files: fileList(result.files),
    diagnostics: result.diagnostics,
    loadBalancer: result.loadBalancer,
    effective: {
      apiserver: effectiveSettings(sealed.document, "apiserver", meta),
      fileserver: effectiveSettings(sealed.document, "fileserver", meta),
    },
  };
});
