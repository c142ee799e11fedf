import { requireActor } from "@/app/_server/actor";
import { AuditLog } from "@/components/admin/audit-log";
import { listAudit } from "@/lib/auth/audit";

export const dynamic = "force-dynamic";

export default async function AuditPage() {
  await requireActor();
  return (
    <div className="mx-auto max-w-6xl p-6">
      <h1 className="mb-4 text-2xl font-semibold">Audit log</h1>
      <AuditLog events={await listAudit({ limit: 1000 })} />
    </div>
  );
}
