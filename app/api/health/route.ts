import { route } from "@/lib/api/route";
import { db, ready } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public" }, async () => {
  try {
    await ready();
    await db().$queryRawUnsafe("SELECT 1");
    return { status: "ok", database: "ok" };
  } catch {
    return Response.json({ status: "error", database: "unavailable" }, { status: 503 });
  }
});
