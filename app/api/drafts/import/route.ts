import { AppError, type FieldIssue } from "@/lib/core/errors";
import { readBodyCapped, route } from "@/lib/api/route";
import { DEFAULT_READ_LIMITS } from "@/lib/bundle/archive";
import type { UploadedFile } from "@/lib/bundle/import";
import { draftDescription, draftName } from "@/lib/drafts/schema";
import { importDraft } from "@/lib/drafts/service";

export const dynamic = "force-dynamic";

/** Whole request: archives plus a few loose files. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const MAX_UPLOADS = 200;

async function upload(value: File): Promise<UploadedFile> {
  return { name: value.name, data: Buffer.from(await value.arrayBuffer()) };
}

/**
 * multipart/form-data: `name` (required), `description`, `files` (one or more .conf files or a tar.gz/zip of
 * /opt/clearml/config), `envFile`, `composeOverride`, and `dryRun=1` to get the report without creating a draft.
 */
export const POST = route({}, async ({ request, actor, ip }) => {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_IMPORT_BYTES) throw new AppError("too-large", `Upload is larger than ${MAX_IMPORT_BYTES} bytes`, [{ path: "files", message: "too large" }]);
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new AppError("invalid", "Send the files as multipart/form-data", [{ path: "", message: "expected multipart/form-data" }]);
  }
  const body = await readBodyCapped(request, MAX_IMPORT_BYTES);
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
  } catch {
    throw new AppError("invalid", "The multipart body could not be read", [{ path: "", message: "malformed multipart body" }]);
  }
  const issues: FieldIssue[] = [];
  const dryRun = form.get("dryRun") === "1";
  const name = draftName.safeParse(form.get("name") ?? "");
  // A preview needs no name; creating the draft does.
  if (!name.success && !dryRun) issues.push({ path: "name", message: name.error.issues[0]!.message });
  const description = draftDescription.safeParse(form.get("description") ?? "");
  if (!description.success) issues.push({ path: "description", message: description.error.issues[0]!.message });
  const files = form.getAll("files").filter((v): v is File => typeof v !== "string");
  if (form.getAll("files").some((v) => typeof v === "string")) issues.push({ path: "files", message: "must be files, not text fields" });
  if (files.length > MAX_UPLOADS) issues.push({ path: "files", message: `at most ${MAX_UPLOADS} files` });
  const single = (field: string): File | undefined => {
    const v = form.get(field);
    if (v === null || v === "") return undefined;
    if (typeof v === "string") {
      issues.push({ path: field, message: "must be a file" });
      return undefined;
    }
    if (v.size > DEFAULT_READ_LIMITS.maxFileBytes) issues.push({ path: field, message: `larger than ${DEFAULT_READ_LIMITS.maxFileBytes} bytes` });
    return v;
  };
  const envFile = single("envFile");
  const composeOverride = single("composeOverride");
  if (files.length === 0 && !envFile && !composeOverride) issues.push({ path: "files", message: "Add a config dir archive, .conf files, an env file or a compose override" });
  const total = files.reduce((n, f) => n + f.size, 0) + (envFile?.size ?? 0) + (composeOverride?.size ?? 0);
  if (total > MAX_IMPORT_BYTES) throw new AppError("too-large", `Upload is larger than ${MAX_IMPORT_BYTES} bytes`, [{ path: "files", message: "too large" }]);
  if (issues.length) throw new AppError("invalid", "The upload is incomplete", issues);

  const outcome = await importDraft(
    {
      files: await Promise.all(files.map(upload)),
      envFile: envFile && (await upload(envFile)),
      composeOverride: composeOverride && (await upload(composeOverride)),
      dryRun,
      name: name.data,
      description: description.data,
    },
    { actor: actor.username, ip },
  );
  if (dryRun) return { draft: null, report: outcome.report };
  return Response.json({ draft: outcome.draft, report: outcome.report }, { status: 201 });
});
