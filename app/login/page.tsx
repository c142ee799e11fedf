import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { setupNeeded } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await setupNeeded()) redirect("/setup");
  return (
    <main id="main" className="mx-auto mt-24 max-w-sm p-6">
      <h1 className="mb-6 text-2xl font-semibold">Sign in to ClearML Config Console</h1>
      <CredentialsForm kind="login" />
    </main>
  );
}
