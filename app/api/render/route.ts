import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { route } from "@/lib/api/route";
import { LruCache } from "@/lib/cache/lru";
import { overrideLines } from "@/lib/clearml/compose";
import { settingsDocumentSchema } from "@/lib/clearml/document";
import { effectiveSettings } from "@/lib/clearml/effective";
import { BCRYPT_COST, sealPasswords } from "@/lib/clearml/passwords";
import { render } from "@/lib/clearml/render";
import { fileList, renderMeta } from "@/lib/clearml/server";
import { bcryptHash } from "@/lib/crypto/bcrypt-pool";
import { sha256Hex } from "@/lib/crypto/hash";

export const dynamic = "force-dynamic";

const body = z.strictObject({
  document: settingsDocumentSchema,
  draftId: z.string().max(64).optional(),
  revision: z.number().int().nonnegative().optional(),
  /** The effective trees cost more than the files; the editor asks for them only when it shows them. */
  effective: z.boolean().default(true),
});

// Previews repeat (several admins on one draft, undo, toggling a field back), and rendering a large
// draft costs tens of milliseconds of CPU, so answers are kept by the hash of the request.
const holder = globalThis as unknown as { consoleRenderCache?: LruCache<string> };
const cache = (holder.consoleRenderCache ??= new LruCache<string>(64 * 1024 * 1024, (text) => text.length));

function json(text: string): Response {
  return new Response(text, { headers: { "content-type": "application/json" } });
}

// Live preview of unsaved settings. Passwords are hashed first, as saving would, so no plaintext is shown.
export const POST = route({ body }, async ({ body }) => {
  const key = sha256Hex(JSON.stringify(body));
  const cached = cache.get(key);
  if (cached) return json(cached);

  const sealed = await sealPasswords(body.document, BCRYPT_COST, bcryptHash);
  if (sealed.issues.length) throw new AppError("unprocessable", "Request body failed validation", sealed.issues);
  const meta = renderMeta(body.draftId ?? "unsaved", body.revision ?? 0);
  const result = render(sealed.document, meta);
  const text = JSON.stringify({
    files: fileList(result.files),
    diagnostics: result.diagnostics,
    loadBalancer: result.loadBalancer,
    overrides: overrideLines(sealed.document),
    effective: body.effective
      ? {
          apiserver: effectiveSettings(sealed.document, "apiserver", meta, { files: result.files }),
          fileserver: effectiveSettings(sealed.document, "fileserver", meta, { files: result.files }),
        }
      : null,
  });
  cache.set(key, text);
  return json(text);
});
