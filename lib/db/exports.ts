/** The Export table: who exported which revision of a draft, in which format, with the archive's sha256. */
import { NotFoundError } from "../core/errors";
import { db, ready } from "./client";

export interface ExportRecord {
  id: string;
  draftId: string;
  revision: number;
  format: string;
  sha256: string;
  createdBy: string | null;
  createdAt: string;
}

type ExportRow = { id: string; draftId: string; revision: number; format: string; sha256: string; createdBy: string | null; createdAt: Date };

function record(row: ExportRow): ExportRecord {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

export async function lastExport(draftId: string): Promise<ExportRecord | null> {
  await ready();
  const row = await db().export.findFirst({ where: { draftId }, orderBy: { createdAt: "desc" } });
  return row ? record(row) : null;
}

/** Records an export and points the draft at it, keeping "last changed" where the last save put it. */
export async function recordExport(row: Omit<ExportRecord, "createdAt">, draftUpdatedAt: string): Promise<ExportRecord> {
  await ready();
  const created = await db().$transaction(async (tx) => {
    const created = await tx.export.create({ data: row });
    // An export is not an edit.
    await tx.draft.update({ where: { id: row.draftId }, data: { lastExportId: row.id, updatedAt: new Date(draftUpdatedAt) } });
    return created;
  });
  return record(created);
}

export async function listExports(draftId: string): Promise<ExportRecord[]> {
  await ready();
  const draft = await db().draft.findUnique({ where: { id: draftId }, select: { id: true } });
  if (!draft) throw new NotFoundError(`Draft ${draftId}`);
  const rows = await db().export.findMany({ where: { draftId }, orderBy: { createdAt: "desc" }, take: 200 });
  return rows.map(record);
}
