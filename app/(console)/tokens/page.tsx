import { requireActor } from "@/app/_server/actor";
import { TokensAdmin } from "@/components/admin/tokens-admin";
import { listTokens } from "@/lib/auth/tokens";

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  await requireActor();
  return (
    <div className="mx-auto max-w-5xl p-6">
      <h1 className="mb-4 text-2xl font-semibold">API tokens</h1>
      <TokensAdmin tokens={await listTokens()} />
    </div>
  );
}
