import { requireActor } from "@/app/_server/actor";
import { UsersAdmin } from "@/components/admin/users-admin";
import { listUsers } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const actor = await requireActor();
  return (
    <div className="mx-auto max-w-5xl p-6">
      <h1 className="mb-4 text-2xl font-semibold">Console admins</h1>
      <UsersAdmin users={await listUsers()} me={actor.username} />
    </div>
  );
}
