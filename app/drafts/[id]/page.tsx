import { notFound } from "next/navigation";
import { DraftEditor } from "@/components/editor/draft-editor";
import { NotFoundError } from "@/lib/api/errors";
import { getDraft } from "@/lib/db/drafts";
import { draftIdParams } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

export default async function DraftPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = draftIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  try {
    const draft = await getDraft(parsed.data.id);
    return <DraftEditor key={`${draft.id}:${draft.revision}`} initial={draft} />;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
