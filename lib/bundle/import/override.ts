/**
 * Step 3b: the docker-compose override. Only `services.<name>.environment` and `.ports` are read (the two things
 * render writes there); the database ports it publishes become the expose switches. Pure.
 */
import type { SettingsDocument } from "../../clearml/document";
import { DATABASE_SERVICES, type DatabaseId } from "../../clearml/registry";
import { putAt } from "../../hocon/tree";
import type { HoconObject } from "../../hocon/types";
import { parseYaml, YamlError, type YamlNode } from "../yaml";
import type { Source } from "./collect";
import { ImportError, type ImportReport } from "./report";

export interface Override {
  /** Service name → its environment, `$$` read as `$`. */
  env: Record<string, Record<string, string>>;
  /** Service name → its published ports as written. */
  ports: Record<string, string[]>;
}

function scalarString(v: YamlNode): string | null {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

function parseOverride(name: string, source: string, report: ImportReport): Override {
  const out: Override = { env: {}, ports: {} };
  let doc: YamlNode;
  try {
    doc = parseYaml(source);
  } catch (e) {
    if (e instanceof YamlError) throw new ImportError(`${name} is not YAML this importer reads`, [{ path: `${name}:${e.line}:${e.column}`, message: e.message }]);
    throw e;
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc) || !doc.services || typeof doc.services !== "object" || Array.isArray(doc.services)) {
    report.ignored.push({ item: name, reason: "no services: section" });
    return out;
  }
  for (const [service, body] of Object.entries(doc.services)) {
    if (!body || typeof body !== "object" || Array.isArray(body)) continue;
    for (const [key, value] of Object.entries(body)) {
      if (key === "environment") {
        const env: Record<string, string> = {};
        if (Array.isArray(value)) {
          for (const item of value) {
            const s = scalarString(item);
            const eq = s?.indexOf("=") ?? -1;
            if (s !== null && eq > 0) env[s.slice(0, eq)] = s.slice(eq + 1);
            else if (s) report.ignored.push({ item: `${name}: services.${service}.environment ${s}`, reason: "no value (taken from the shell at run time)" });
          }
        } else if (value && typeof value === "object") {
          for (const [k, v] of Object.entries(value)) {
            const s = scalarString(v);
            if (s === null) report.ignored.push({ item: `${name}: services.${service}.environment.${k}`, reason: "not a scalar" });
            else env[k] = s;
          }
        }
        // Compose reads `$$` as a literal `$`.
        out.env[service] = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace(/\$\$/g, "$")]));
      } else if (key === "ports" && Array.isArray(value)) {
        out.ports[service] = value.map((p) => scalarString(p) ?? "").filter((p) => p !== "");
      } else {
        report.ignored.push({ item: `${name}: services.${service}.${key}`, reason: "the console manages only environment and database ports in the override" });
      }
    }
  }
  for (const key of Object.keys(doc)) {
    if (key !== "services" && key !== "version") report.ignored.push({ item: `${name}: ${key}`, reason: "only services: is read" });
  }
  return out;
}

/** The override's service environments and ports (none without an override); what is not read is reported. */
export function readOverride(source: Source | undefined, report: ImportReport): Override {
  return source ? parseOverride(source.name, source.text, report) : { env: {}, ports: {} };
}

/** Published database ports → the expose switches (the reverse of exposedPorts in lib/clearml/compose.ts). */
export function takePorts(document: SettingsDocument, ports: Override["ports"], overrideName: string, report: ImportReport): void {
  const environment = document.environment as HoconObject;
  for (const [service, list] of Object.entries(ports)) {
    const id = (Object.keys(DATABASE_SERVICES) as DatabaseId[]).find((d) => DATABASE_SERVICES[d].service === service);
    for (const p of list) {
      const m = /^(?:(\d+\.\d+\.\d+\.\d+):)?(\d+):(\d+)$/.exec(p);
      if (!id || !m || Number(m[2]) !== DATABASE_SERVICES[id].port || Number(m[3]) !== DATABASE_SERVICES[id].port) {
        report.ignored.push({ item: `${overrideName}: services.${service}.ports ${p}`, reason: "the console publishes only the database ports, on their own numbers" });
        continue;
      }
      putAt(environment, ["expose", id, "enabled"], true);
      if (m[1] !== "127.0.0.1") putAt(environment, ["expose", id, "allInterfaces"], true);
      report.settings.push({ key: `environment.expose.${id}`, label: `Publish ${DATABASE_SERVICES[id].title} port`, source: overrideName });
    }
  }
}
