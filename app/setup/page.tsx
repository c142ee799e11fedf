import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { setupNeeded } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (!(await setupNeeded())) redirect("/login");
  return (
    <main id="main" className="mx-auto mt-24 max-w-sm p-6">
      <h1 className="mb-2 text-2xl font-semibold">Create the first console admin</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        No admin exists yet. Enter the one-time setup token from the server log, then choose a username and password.
      </p>
      <CredentialsForm kind="setup" />
    </main>
  );
}
