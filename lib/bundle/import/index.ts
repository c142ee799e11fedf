/**
 * Import an existing configuration: a tar.gz/zip of /opt/clearml/config (or of one of our bundles), or single
 * .conf files, plus optionally an env file and a docker-compose override. The result is a settings document
 * holding exactly what differs from ClearML's defaults: modeled keys become settings, everything else is kept
 * in the settings tree as the server read them, and every file, key and variable is accounted for in the report.
 *
 * The steps, one module each:
 *   collect.ts     the upload → config dir, env file, compose override, bundle manifest
 *   settings.ts    config files → the settings tree and accounts (compared with ClearML's defaults)
 *   env.ts         env file and service environments → environment fields, overrides, agent credentials
 *   override.ts    the compose override read; published database ports → expose switches
 *   deployment.ts  the deployment mode that reproduces the variables; derived cookie keys pinned or dropped
 *   compare.ts     documentSettings, for comparing two imports
 * Node only (archives); the parsing itself is pure.
 */
import { emptyDocument, settingsDocumentSchema, type SettingsDocument } from "../../clearml/document";
import { collect, sources, type ImportInput } from "./collect";
import { inferDeployment, manifestDeployment, pinDerivedKeys } from "./deployment";
import { readEnvFile, takeEnvironment } from "./env";
import { readOverride, takePorts } from "./override";
import { ImportError, type ImportReport } from "./report";
import { readConfigFiles } from "./settings";

export { documentSettings } from "./compare";
export type { ImportInput, UploadedFile } from "./collect";
export { ImportError, type ImportDiagnostic, type ImportReport } from "./report";
export { usedBy } from "./settings";

export interface ImportResult {
  document: SettingsDocument;
  report: ImportReport;
  /** The config dir as read (relative path → text), for tests and the effective comparison. */
  configDir: Record<string, string>;
  /** Variables of the env file and the override's service environments, as read. */
  env: { file: Record<string, string>; services: Record<string, Record<string, string>> };
}

export function importConfiguration(input: ImportInput): ImportResult {
  const collected = collect(input);
  const report: ImportReport = { read: [], settings: [], other: [], ignored: collected.ignored, diagnostics: [] };
  const { env: envSource, override: overrideSource } = sources(input, collected);
  const names = { env: envSource?.name ?? "", override: overrideSource?.name ?? "" };
  const document = emptyDocument();

  const files = readConfigFiles(collected.dir, document, report);

  const envVars = readEnvFile(envSource, report);
  const override = readOverride(overrideSource, report);
  takeEnvironment(document, envVars, override.env, names, report);
  takePorts(document, override.ports, names.override, report);

  // The deployment: the one mode that reproduces the compose variables and the webserver's file proxy.
  const want = { CLEARML_HOST_IP: envVars.CLEARML_HOST_IP, CLEARML_WEB_HOST: envVars.CLEARML_WEB_HOST, CLEARML_FILES_HOST: envVars.CLEARML_FILES_HOST };
  inferDeployment(document, want, override.env.webserver ?? {}, report, names.env, names.override, manifestDeployment(collected.manifest));
  pinDerivedKeys(document, files.tree, files.defaults);

  const checked = settingsDocumentSchema.safeParse(document);
  if (!checked.success) {
    throw new ImportError(
      "The imported settings do not form a valid document",
      checked.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
      report,
    );
  }
  return {
    document: checked.data,
    report,
    configDir: collected.dir,
    env: { file: envVars, services: override.env },
  };
}
