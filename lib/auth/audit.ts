import { db, ready } from "../db/client";

export interface AuditInput {
  actor: string | null;
  action: string;
  target?: string | null;
  ip?: string | null;
  success?: boolean;
  /** Never put secrets here: the audit log is shown in the UI. */
  detail?: string;
}

export async function audit(event: AuditInput): Promise<void> {
  await ready();
  await db().auditEvent.create({
    data: {
      actor: event.actor,
      action: event.action,
      target: event.target ?? null,
      ip: event.ip ?? null,
      success: event.success ?? true,
      detail: event.detail ?? "",
    },
  });
}

export interface AuditEntry {
  id: string;
  createdAt: string;
  actor: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  success: boolean;
  detail: string;
}

/** Newest first; `text` matches actor, action, target, ip or detail. */
export async function listAudit(filter: { text?: string; action?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  await ready();
  const text = filter.text?.trim();
  const rows = await db().auditEvent.findMany({
    where: {
      ...(filter.action ? { action: filter.action } : {}),
      ...(text
        ? {
            OR: [
              { actor: { contains: text } },
              { action: { contains: text } },
              { target: { contains: text } },
              { ip: { contains: text } },
              { detail: { contains: text } },
            ],
          }
        : {}),
    },
    orderBy: { createdAt: "desc" },
    take: Math.min(filter.limit ?? 200, 1000),
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
