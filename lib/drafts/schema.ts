import { z } from "zod";
import { recordId } from "../core/ids";
import { settingsDocumentSchema } from "../clearml/document";

// Shared by the browser forms and the API routes.
export const draftName = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Name must be at most 100 characters")
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "Name must not contain control characters");

export const draftDescription = z
  .string()
  .max(2000, "Description must be at most 2000 characters")
  .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value), "Description must not contain control characters");

export const draftDetailsSchema = z.object({ name: draftName, description: draftDescription });
export type DraftDetails = z.infer<typeof draftDetailsSchema>;

export { recordId as draftId, idParams as draftIdParams } from "../core/ids";

export const createDraftBody = z.strictObject({
  name: draftName,
  description: draftDescription.optional(),
  document: settingsDocumentSchema.optional(),
  copyFrom: recordId.optional(),
});
export type CreateDraftInput = z.infer<typeof createDraftBody>;

export const updateDraftBody = z.strictObject({
  revision: z.number({ error: "The revision you read is required" }).int().positive(),
  name: draftName.optional(),
  description: draftDescription.optional(),
  document: settingsDocumentSchema.optional(),
});
export type UpdateDraftInput = z.infer<typeof updateDraftBody>;

/** `/api/drafts/{id}/revisions/{revision}/…`: the revision as a positive integer in the URL. */
export const revisionParams = z.object({
  id: recordId,
  revision: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, "The revision must be a positive integer")
    .transform(Number),
});

/** Restoring a revision: `revision` is the draft's revision you read (optimistic concurrency, as in a save). */
export const restoreRevisionBody = z.strictObject({
  revision: z.number({ error: "The revision you read is required" }).int().positive(),
});

/** POST /api/render: checked in the preview worker (lib/drafts/preview-work.ts), not on the request thread. */
export const previewRequestSchema = z.strictObject({
  document: settingsDocumentSchema,
  draftId: z.string().max(64).optional(),
  revision: z.number().int().nonnegative().optional(),
  /** The effective trees cost more than the files; the editor asks for them only when it shows them. */
  effective: z.boolean().default(true),
});
export type PreviewRequest = z.infer<typeof previewRequestSchema>;
