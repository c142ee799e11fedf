import { notFound } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { DraftEditor } from "@/components/editor/draft-editor";
import { NotFoundError } from "@/lib/core/errors";
import { getDraft, type DraftDetail } from "@/lib/db/drafts";
import { draftIdParams } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

async function findDraft(id: string): Promise<DraftDetail | null> {
  try {
    return await getDraft(id);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export default async function DraftPage({ params }: { params: Promise<{ id: string }> }) {
  await requireActor();
  const parsed = draftIdParams.safeParse(await params);
  const draft = parsed.success ? await findDraft(parsed.data.id) : null;
  if (!draft) notFound();
  return <DraftEditor key={`${draft.id}:${draft.revision}`} initial={draft} />;
}
