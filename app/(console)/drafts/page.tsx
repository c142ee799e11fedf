import { requireActor } from "@/app/_server/actor";
import { DraftsList } from "@/components/drafts/drafts-list";
import { listDrafts } from "@/lib/db/drafts";

export const dynamic = "force-dynamic";

export default async function DraftsPage() {
  await requireActor();
  const drafts = await listDrafts();
  return (
    <div className="mx-auto max-w-5xl p-6">
      <h1 className="mb-4 text-2xl font-semibold">Drafts</h1>
      <DraftsList drafts={drafts} />
    </div>
  );
}
