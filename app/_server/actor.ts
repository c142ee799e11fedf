import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { loginPath } from "@/lib/auth/next-path";
import { actorForSession, SESSION_COOKIE, type Actor } from "@/lib/auth/sessions";

/** The signed-in admin for a page, or a redirect to /login. Every console page calls it. */
export async function requireActor(): Promise<Actor> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const actor = token ? await actorForSession(token) : null;
  // x-console-path is set by proxy.ts (it overwrites any the client sent); loginPath keeps only a safe path.
  if (!actor) redirect(loginPath((await headers()).get("x-console-path")));
  return actor;
}
