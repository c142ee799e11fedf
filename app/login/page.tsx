import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { setupNeeded } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  if (await setupNeeded()) redirect("/setup");
  // The page asked for before signing in (proxy.ts); anything but a path on this console is ignored.
  const next = safeNextPath((await searchParams).next) ?? undefined;
  return (
    <main id="main" className="mx-auto mt-24 max-w-sm p-6">
      <h1 className="mb-6 text-2xl font-semibold">Sign in to ClearML Config Console</h1>
      <CredentialsForm kind="login" next={next} />
    </main>
  );
}
