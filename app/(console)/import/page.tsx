import { requireActor } from "@/app/_server/actor";
import { ImportForm } from "@/components/import/import-form";

export const dynamic = "force-dynamic";

export default async function ImportPage() {
  await requireActor();
  return (
    <div className="mx-auto max-w-5xl p-6">
      <h1 className="mb-2 text-2xl font-semibold">Import a configuration</h1>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
        Start a draft from the configuration a server already runs with. The new draft holds what differs from the ClearML
        defaults; keys the console does not model are kept verbatim and exported unchanged.
      </p>
      <ImportForm />
    </div>
  );
}
