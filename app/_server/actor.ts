import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { actorForSession, SESSION_COOKIE, type Actor } from "@/lib/auth/sessions";

/** The signed-in admin for a page, or a redirect to /login. Every console page calls it. */
export async function requireActor(): Promise<Actor> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const actor = token ? await actorForSession(token) : null;
  if (!actor) redirect("/login");
  return actor;
}
