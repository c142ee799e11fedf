/**
 * `format=helm`: a values overlay for the official `clearml` chart (7.x) and the secrets as a separate Kubernetes
 * Secret manifest. Key names are the chart's own (shared/clearml/helm/values.yaml):
 *   apiserver.additionalConfigs   config files mounted into /opt/clearml/config of the apiserver (no secure.conf)
 *   {apiserver,fileserver,webserver}.extraEnvs   env vars; secrets as valueFrom.secretKeyRef into our Secret
 *   clearml.existingSecret        the chart reads apiserver/test credentials and the token secret from it
 *   clearml.cookieName / cookieDomain   the chart sets the session cookie through these
 */
import type { RenderResult } from "../clearml/render";
import { agentReads } from "../clearml/compose";
import { envVarFor } from "../clearml/load";
import { settingByName, type ClearmlVersion, type SettingKey } from "../clearml/registry";
import { renderHocon } from "../hocon/render";
import { cloneValue, getAt, leaves, putAt } from "../hocon/tree";
import { isHoconObject, type HoconObject, type HoconValue } from "../hocon/types";
import { changedSettings, file, fileMode, fixedUsersOn, otherSettings, readable, type BundleFile, type Target } from "./files";
import { readme } from "./scripts";
import { helmYaml as toYaml, helmYamlDocuments as toYamlDocuments, type YamlNode } from "../clearml/yaml";

/** The server release the chart's default images run (`allegroai/clearml:2.0.0-613` in chart 7.14.1). */
export const CHART_SERVER_VERSION: ClearmlVersion = "2.0.0";
export const HELM_SECRET_NAME = "clearml-console-secrets";
export const HELM_VALUES_FILE = "values-overlay.yaml";
export const HELM_SECRET_FILE = "clearml-secrets.yaml";

/** Secret keys the chart reads when `clearml.existingSecret` is set, and the ClearML key each one holds. */
export const CHART_SECRET_KEYS: Record<string, SettingKey> = {
  apiserver_key: "secure.credentials.apiserver.user_key",
  apiserver_secret: "secure.credentials.apiserver.user_secret",
  secure_auth_token_secret: "secure.auth.token_secret",
  test_user_key: "secure.credentials.tests.user_key",
  test_user_secret: "secure.credentials.tests.user_secret",
};

type Env = { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } };

const f = (path: string, content: string, secrets: readonly string[]): BundleFile => file(path, content, fileMode(path, content, secrets));

export interface HelmParts {
  values: { [key: string]: YamlNode };
  secret: { [key: string]: string };
  notes: string[];
}

/** The overlay and the Secret's data, before they become YAML. */
export function helmParts(result: RenderResult, header: string): HelmParts {
  const notes: string[] = [];
  const model = result.model;
  const tree = cloneValue(model.tree);
  const secret: Record<string, string> = {};
  const secretEnv: Env[] = [];
  const leftovers: HoconObject = {};

  // Secrets: everything under `secure`, the services agent's credentials and the fixed users' passwords.
  const secure: [string[], HoconValue][] = tree.secure ? leaves(tree.secure, ["secure"]) : [];
  // clearml.env carries the services agent's credentials on compose hosts; here they go through the Secret.
  for (const [part, name] of [["user_key", "CLEARML_AGENT_ACCESS_KEY"], ["user_secret", "CLEARML_AGENT_SECRET_KEY"]] as const) {
    // clearml.env holds the value as the server must read it (HOCON-quoted when needed): take the text.
    const v = model.variables[name];
    const text = v ? agentReads(v) : undefined;
    if (typeof text === "string" && text) secure.push([["secure", "credentials", "services_agent", part], text]);
  }
  const auth = (tree.apiserver as HoconObject | undefined)?.auth as HoconObject | undefined;
  const fixed = auth?.fixed_users as HoconObject | undefined;
  if (fixed && Array.isArray(fixed.users)) {
    secure.push([["apiserver", "auth", "fixed_users", "users"], fixed.users]);
    delete fixed.users;
  }
  // Storage credentials hold keys and secrets: through the Secret too, key by key (a list of buckets as a whole).
  const services = tree.services as HoconObject | undefined;
  if (services && isHoconObject(services.storage_credentials)) {
    secure.push(...leaves(services.storage_credentials, ["services", "storage_credentials"]));
    delete services.storage_credentials;
  }
  delete tree.secure;

  const chartKeys = Object.entries(CHART_SECRET_KEYS);
  for (const [key, name] of chartKeys) {
    const v = getAt(model.tree, name.split(".")) ?? settingByName(`settings.${name}`).default;
    secret[key] = String(v ?? "");
    if (!/^[A-Za-z0-9_.-]*$/.test(secret[key]!)) {
      notes.push(`- Warning: the chart passes \`${key}\` to the server unquoted; its value has characters HOCON may misread. Generate a new value in the console.`);
    }
  }
  const handled = new Set<string>(chartKeys.map(([, name]) => name));
  for (const [path, value] of secure) {
    if (handled.has(path.join("."))) continue;
    const v = envVarFor(path, value);
    if (!v.ok) {
      putAt(leftovers, path.slice(1), value);
      continue;
    }
    secret[v.name] = v.value;
    secretEnv.push({ name: v.name, valueFrom: { secretKeyRef: { name: HELM_SECRET_NAME, key: v.name } } });
  }
  if (Object.keys(leftovers).length) {
    secret["secure.conf"] = renderHocon(leftovers, { header });
    notes.push(
      "- Warning: some secure keys cannot be set through env vars; they are in the Secret as `secure.conf`. Mount it into " +
        "/opt/clearml/config of the apiserver and fileserver (apiserver.additionalVolumes / additionalVolumeMounts).",
    );
  }

  // Config files for the apiserver, one per top-level key (the chart mounts them as a ConfigMap: no sub-dirs).
  const additionalConfigs: Record<string, string> = {};
  for (const top of Object.keys(tree).sort()) {
    const body = tree[top];
    if (!isHoconObject(body) || Object.keys(body).length === 0) continue;
    additionalConfigs[`${top}.conf`] = renderHocon(body, { header });
  }

  // The file server gets no additionalConfigs in this chart: its keys go through CLEARML__ env vars.
  const fileserverEnv: Env[] = [];
  for (const top of ["fileserver", "logging"]) {
    const body = tree[top];
    if (!body) continue;
    for (const [path, value] of leaves(body, [top])) {
      const v = envVarFor(path, value);
      if (v.ok) fileserverEnv.push({ name: v.name, value: v.value });
      else notes.push(`- Warning: the file server cannot receive \`${path.join(".")}\` in Kubernetes (${v.reason}).`);
    }
  }

  const env = model.environment;
  const values: { [key: string]: YamlNode } = {};
  const clearml: { [key: string]: YamlNode } = { existingSecret: HELM_SECRET_NAME };
  const cookieName = getAt(model.tree, ["apiserver", "auth", "session_auth_cookie_name"]);
  if (typeof cookieName === "string") clearml.cookieName = cookieName;
  const domain = getAt(model.tree, ["apiserver", "auth", "cookies", "domain"]);
  if (typeof domain === "string") clearml.cookieDomain = domain;
  values.clearml = clearml;
  const apiserver: { [key: string]: YamlNode } = {};
  if (Object.keys(additionalConfigs).length) apiserver.additionalConfigs = additionalConfigs;
  // Secret variables (the Mongo password, overrides of secure keys) go through the Secret, in every service.
  const secretNames = new Set(model.secretEnv);
  const plain = (vars: Record<string, string>): Env[] =>
    Object.entries(vars).map(([name, value]) => {
      if (!secretNames.has(name)) return { name, value };
      secret[name] = value;
      return { name, valueFrom: { secretKeyRef: { name: HELM_SECRET_NAME, key: name } } };
    });
  const apiEnv = [...plain(env.apiserver), ...secretEnv];
  if (apiEnv.length) apiserver.extraEnvs = apiEnv as unknown as YamlNode;
  if (Object.keys(apiserver).length) values.apiserver = apiserver;
  const fsSecrets = secretEnv.filter((e) => e.name.startsWith("CLEARML__SECURE__"));
  const fsEnv = [...plain(env.fileserver), ...fileserverEnv, ...fsSecrets];
  if (fsEnv.length) values.fileserver = { extraEnvs: fsEnv as unknown as YamlNode };
  const webEnv = plain(env.webserver);
  if (webEnv.length) values.webserver = { extraEnvs: webEnv as unknown as YamlNode };

  if (Object.values(env.apiserver).length && Object.keys(env.apiserver).some((k) => /_SERVICE_(HOST|PORT)$/.test(k))) {
    notes.push("- The chart also sets the database service variables from `externalServices.*`; the values here come later in the env list and win.");
  }
  if (Object.keys(model.ports).length) {
    notes.push("- Database ports are published by docker-compose only; on Kubernetes expose them with a Service of your own.");
  }
  const target = model.version;
  if (target !== CHART_SERVER_VERSION) {
    notes.push(
      `- Warning: the chart's default images run ClearML Server ${CHART_SERVER_VERSION}, and this draft targets ${target}. ` +
        `Set \`apiserver.image.tag\`, \`fileserver.image.tag\` and \`webserver.image.tag\` to a ${target} release, or target ${CHART_SERVER_VERSION} in the General area.`,
    );
  }
  return { values, secret, notes };
}

export const helmTarget: Target = ({ input, result, header, secrets }) => {
  const parts = helmParts(result, header);
  const values = toYaml(parts.values, header);
  const secretDoc = toYamlDocuments(
    [
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: HELM_SECRET_NAME, labels: { "app.kubernetes.io/managed-by": "clearml-config-console" } },
        type: "Opaque",
        stringData: parts.secret,
      },
    ],
    header,
  );
  const steps = [
    "1. Create the Secret in the chart's namespace before installing or upgrading:",
    `   \`kubectl apply -n <namespace> -f ${HELM_SECRET_FILE}\``,
    "2. Upgrade the release with the overlay after your own values:",
    `   \`helm upgrade --install clearml clearml/clearml -n <namespace> -f your-values.yaml -f ${HELM_VALUES_FILE}\``,
    "3. The apiserver and fileserver pods restart with the new configuration. Check the apiserver log for",
    "   `Loading config from file /opt/clearml/config/<file>` lines" +
      (fixedUsersOn(result.model.tree) ? " and for `Fixed users mode is enabled`." : "."),
    "",
    `Secrets are not in ${HELM_VALUES_FILE}: the overlay points \`clearml.existingSecret\` and each secret env var at the`,
    `Secret \`${HELM_SECRET_NAME}\`. Keep ${HELM_SECRET_FILE} out of version control.`,
    ...(parts.notes.length ? ["", ...parts.notes] : []),
  ];
  const files = [f(HELM_VALUES_FILE, values, secrets), f(HELM_SECRET_FILE, secretDoc, secrets)];
  files[1]!.mode = 0o600;
  const listed = [
    { path: HELM_VALUES_FILE, mode: files[0]!.mode, description: "Values overlay for the clearml helm chart (no secrets)." },
    { path: HELM_SECRET_FILE, mode: 0o600, description: `Kubernetes Secret ${HELM_SECRET_NAME} with every secret value.` },
    { path: "README.md", mode: 0o644, description: "This file." },
    { path: "manifest.json", mode: 0o644, description: "Console version, draft, revision, export id and the sha256 of every file." },
  ];
  const text = readme({
    header,
    draftName: input.draft.name,
    files: listed,
    changes: changedSettings(input.document),
    raw: otherSettings(input.document),
    diagnostics: result.diagnostics,
    loadBalancer: result.loadBalancer,
    subdomains: false,
    helm: { notes: steps },
  });
  files.push(readable("README.md", text, secrets));
  return files;
};
