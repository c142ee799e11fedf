import { z } from "zod";
import { route } from "@/lib/api/route";
import { draftEffective } from "@/lib/drafts/service";
import { draftIdParams } from "@/lib/drafts/schema";

export const dynamic = "force-dynamic";

const query = z.strictObject({
  component: z.enum(["apiserver", "fileserver"]).default("apiserver"),
  reveal: z.enum(["true", "false"]).default("false"),
});

export const GET = route({ params: draftIdParams, query }, async ({ params, query }) =>
  draftEffective(params.id, query.component, query.reveal === "true"),
);
