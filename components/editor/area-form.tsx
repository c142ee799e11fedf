"use client";

import type { AREAS } from "@/lib/clearml/areas";
import type { LoadBalancerPlan } from "@/lib/clearml/deployment";
import type { SettingsDocument } from "@/lib/clearml/document";
import { isShown } from "@/lib/clearml/form";
import { settingsInArea } from "@/lib/clearml/registry";
import { Button } from "@/components/ui/button";
import { LoadBalancerTable } from "./load-balancer-table";
import { SettingField } from "./setting-field";

/** One area's form: its title (and what the area adds there), the settings that apply now, the load-balancer plan. */
export function AreaForm({
  area,
  document,
  loadBalancer,
  onGenerateCredentials,
}: {
  area: (typeof AREAS)[number];
  document: SettingsDocument;
  loadBalancer: LoadBalancerPlan | null | undefined;
  onGenerateCredentials: () => void;
}) {
  return (
    <div className="flex flex-col gap-3" data-area-form={area.id}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-semibold">{area.title}</h2>
        {area.id === "ui-actions" && (
          <span className="rounded bg-purple-100 px-2 py-0.5 text-xs font-semibold text-purple-900 dark:bg-purple-950 dark:text-purple-200">
            Enterprise feature
          </span>
        )}
        {area.id === "credentials" && (
          <Button className="ml-auto" onClick={onGenerateCredentials}>
            Generate all credentials
          </Button>
        )}
      </div>
      {settingsInArea(area.id)
        .filter((s) => isShown(document, s))
        .map((s) => (
          <SettingField key={s.name} setting={s} />
        ))}
      {area.id === "load-balancer" && loadBalancer && <LoadBalancerTable plan={loadBalancer} />}
    </div>
  );
}
