import { z } from "zod";
import { route } from "@/lib/api/route";
import { listAudit } from "@/lib/auth/audit";

export const dynamic = "force-dynamic";

const query = z.object({
  text: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const GET = route({ query }, async ({ query }) => ({ events: await listAudit(query) }));
