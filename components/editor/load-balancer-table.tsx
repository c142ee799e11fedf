import type { LoadBalancerPlan } from "@/lib/clearml/deployment";
import { Table } from "@/components/ui/table";

/** The listener / target-group plan, security groups and restart steps for a load balancer in front. */
export function LoadBalancerTable({ plan }: { plan: LoadBalancerPlan }) {
  return (
    <section aria-labelledby="lb-title" className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      <h3 id="lb-title" className="font-semibold">
        Load balancer plan
      </h3>
      <Table caption="Listeners" columns={["Listener", "Host", "Action"]} className="">
        {plan.listeners.map((l, i) => (
          <tr key={i}>
            <td className="pr-3">
              {l.protocol} {l.port}
            </td>
            <td className="pr-3 font-mono text-xs">{l.host ?? "any"}</td>
            <td>{l.action}</td>
          </tr>
        ))}
      </Table>
      <Table caption="Target groups" columns={["Target group", "Port", "Service"]} className="">
        {plan.targetGroups.map((g) => (
          <tr key={g.name}>
            <td className="pr-3">{g.name}</td>
            <td className="pr-3">
              {g.protocol} {g.port}
            </td>
            <td>{g.service}</td>
          </tr>
        ))}
      </Table>
      <h4 className="font-semibold">Security groups</h4>
      <ul className="list-disc pl-5">
        {plan.security.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <h4 className="font-semibold">Restart steps</h4>
      <ol className="list-decimal pl-5">
        {plan.restart.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </section>
  );
}
