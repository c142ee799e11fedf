import { AppError, ConflictError, NotFoundError } from "../core/errors";
import { emptyDocument, settingsDocumentSchema, type SettingsDocument } from "../clearml/document";
import { migrateDocument } from "../clearml/migrate";
import { BCRYPT_COST, sealPasswords } from "../clearml/passwords";
import { bcryptHash } from "../crypto/bcrypt-pool";
import { newRecordId } from "../crypto/hash";
import { db, ready } from "./client";
import { open, seal } from "./secret-box";

/** A new draft, as lib/drafts/schema.ts validates it (the repository sits below that module). */
export interface NewDraft {
  name: string;
  description?: string;
  document?: SettingsDocument;
  /** Start from this draft's settings. */
  copyFrom?: string;
  /** Who creates it (the author of revision 1). */
  savedBy?: string;
}

/** A save: based on `revision`, the revision the caller read. */
export interface DraftChange {
  revision: number;
  name?: string;
  description?: string;
  document?: SettingsDocument;
  /** Who saves it (the author of the new revision). */
  savedBy?: string;
}

export interface DraftSummary {
  id: string;
  name: string;
  description: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  lastExportAt: string | null;
  lastExportRevision: number | null;
  /** True when the current revision is the one last exported. */
  exported: boolean;
  /** Who saved the current revision (null if not recorded). */
  savedBy: string | null;
}

export interface DraftDetail extends DraftSummary {
  document: SettingsDocument;
}

export interface DraftRevisionSummary {
  revision: number;
  name: string;
  /** When this revision was replaced by the next save. */
  createdAt: string;
  /** When this revision was saved (null if not known). */
  savedAt: string | null;
  /** Who saved it (null for revisions saved before authors were recorded). */
  savedBy: string | null;
}

type DraftRow = {
  id: string;
  name: string;
  description: string;
  settings: string;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  savedBy: string | null;
  exports: { revision: number; createdAt: Date }[];
};

const lastExport = { exports: { orderBy: { createdAt: "desc" as const }, take: 1, select: { revision: true, createdAt: true } } };

function summarize(row: DraftRow): DraftSummary {
  const last = row.exports[0];
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastExportAt: last ? last.createdAt.toISOString() : null,
    lastExportRevision: last ? last.revision : null,
    exported: last?.revision === row.revision,
    savedBy: row.savedBy,
  };
}

/** Stored documents are re-validated on read, so an old or damaged row shows up as a clear error. */
export function readDocument(stored: string, context: string): SettingsDocument {
  const parsed = settingsDocumentSchema.safeParse(migrateDocument(JSON.parse(open(stored, context))));
  if (!parsed.success) throw new Error("A stored settings document does not match the current schema");
  return parsed.data;
}

/** Every document is sealed before it reaches SQLite: it may hold secrets. */
function storeDocument(document: SettingsDocument, context: string): string {
  return seal(JSON.stringify(document), context);
}

export const revisionContext = (draftId: string, revision: number) => `${draftId}@${revision}`;

function detail(row: DraftRow): DraftDetail {
  return { ...summarize(row), document: readDocument(row.settings, row.id) };
}

/** With pass_hashed on, fixed-user passwords are hashed before anything is stored. */
async function prepare(document: SettingsDocument): Promise<SettingsDocument> {
  const sealed = await sealPasswords(document, BCRYPT_COST, bcryptHash);
  if (sealed.issues.length) {
    throw new AppError(
      "unprocessable",
      "Request body failed validation",
      sealed.issues.map((i) => ({ path: `document.${i.path}`, message: i.message })),
    );
  }
  return sealed.document;
}

export async function listDrafts(): Promise<DraftSummary[]> {
  await ready();
  const rows = await db().draft.findMany({ orderBy: { updatedAt: "desc" }, include: lastExport });
  return rows.map(summarize);
}

export async function getDraft(id: string): Promise<DraftDetail> {
  await ready();
  const row = await db().draft.findUnique({ where: { id }, include: lastExport });
  if (!row) throw new NotFoundError(`Draft ${id}`);
  return detail(row);
}

export async function createDraft(input: NewDraft): Promise<DraftDetail> {
  await ready();
  let document = input.document ?? emptyDocument();
  let description = input.description ?? "";
  if (input.copyFrom) {
    const source = await getDraft(input.copyFrom);
    document = source.document;
    description = input.description ?? source.description;
  }
  document = await prepare(document);
  const id = newRecordId("d");
  const row = await db().draft.create({
    data: { id, name: input.name, description, settings: storeDocument(document, id), savedBy: input.savedBy ?? null },
    include: lastExport,
  });
  return detail(row);
}

/**
 * Saves a draft if the caller read its current revision; otherwise 409, so two tabs
 * never overwrite each other silently. The settings being replaced go to DraftRevision.
 */
export async function updateDraft(id: string, input: DraftChange): Promise<DraftDetail> {
  await ready();
  const document = input.document ? await prepare(input.document) : undefined;
  const row = await db().$transaction(async (tx) => {
    const current = await tx.draft.findUnique({ where: { id } });
    if (!current) throw new NotFoundError(`Draft ${id}`);
    if (current.revision !== input.revision) {
      throw new ConflictError(
        `Draft was changed elsewhere: you edited revision ${input.revision}, the current revision is ${current.revision}`,
        { currentRevision: current.revision, updatedAt: current.updatedAt.toISOString() },
      );
    }
    const previous = open(current.settings, id);
    await tx.draftRevision.create({
      data: {
        draftId: id,
        revision: current.revision,
        name: current.name,
        savedBy: current.savedBy,
        settings: seal(previous, revisionContext(id, current.revision)),
      },
    });
    const updated = await tx.draft.updateMany({
      where: { id, revision: input.revision },
      data: {
        name: input.name ?? current.name,
        description: input.description ?? current.description,
        settings: document ? storeDocument(document, id) : current.settings,
        revision: current.revision + 1,
        savedBy: input.savedBy ?? null,
      },
    });
    if (updated.count !== 1) throw new ConflictError("Draft was changed elsewhere while saving");
    return tx.draft.findUniqueOrThrow({ where: { id }, include: lastExport });
  });
  return detail(row);
}

export async function deleteDraft(id: string): Promise<void> {
  await ready();
  const deleted = await db().draft.deleteMany({ where: { id } });
  if (deleted.count === 0) throw new NotFoundError(`Draft ${id}`);
}

export async function listRevisions(id: string): Promise<DraftRevisionSummary[]> {
  await ready();
  const draft = await db().draft.findUnique({ where: { id }, select: { id: true, createdAt: true } });
  if (!draft) throw new NotFoundError(`Draft ${id}`);
  const rows = await db().draftRevision.findMany({
    where: { draftId: id },
    orderBy: { revision: "desc" },
    select: { revision: true, name: true, createdAt: true, savedBy: true },
  });
  // Revision n was saved when revision n-1 was replaced (revision 1 when the draft was created).
  const replacedAt = new Map(rows.map((r) => [r.revision, r.createdAt]));
  return rows.map((r) => {
    const savedAt = r.revision === 1 ? draft.createdAt : replacedAt.get(r.revision - 1);
    return { revision: r.revision, name: r.name, createdAt: r.createdAt.toISOString(), savedAt: savedAt ? savedAt.toISOString() : null, savedBy: r.savedBy };
  });
}

/** The settings a draft had at an earlier revision, or undefined if that revision is not kept. */
export async function revisionDocument(draftId: string, revision: number): Promise<SettingsDocument | undefined> {
  await ready();
  const row = await db().draftRevision.findFirst({ where: { draftId, revision }, select: { settings: true } });
  return row ? readDocument(row.settings, revisionContext(draftId, revision)) : undefined;
}
