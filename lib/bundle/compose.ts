/** The docker-compose target: render's files, the constant scripts with their data files, and the README. */
import { field } from "../clearml/deployment";
import { COMPOSE_OVERRIDE, ENV_FILE } from "../clearml/render";
import { changedSettings, describe, file, fileMode, fixedUsersOn, otherSettings, readable, type BundleFile, type Target } from "./files";
import { BUNDLE_LIST, bundleList, INSTALL_SCRIPT, readme, SHA256SUMS, sha256Sums, VERIFY_SCRIPT } from "./scripts";

export const composeTarget: Target = ({ input, result, header, secrets }) => {
  const files: BundleFile[] = Object.entries(result.files).map(([p, text]) => file(p, text, fileMode(p, text, secrets)));
  const installed = files.filter((f) => f.path.startsWith("config/") || f.path === COMPOSE_OVERRIDE || f.path === ENV_FILE);
  const fixedUsers = fixedUsersOn(result.model.tree);
  files.push(file("install.sh", INSTALL_SCRIPT, 0o755));
  files.push(file("verify.sh", VERIFY_SCRIPT, 0o755));
  files.push(file(BUNDLE_LIST, bundleList(installed, fixedUsers), 0o644));
  const modes = new Map(files.map((f) => [f.path, f.mode]));
  const listed = [...files.map((f) => f.path), "README.md", SHA256SUMS, "manifest.json"];
  const text = readme({
    header,
    draftName: input.draft.name,
    files: listed.map((p) => ({ path: p, mode: modes.get(p) ?? 0o644, description: describe(p) })),
    changes: changedSettings(input.document),
    raw: otherSettings(input.document),
    diagnostics: result.diagnostics,
    loadBalancer: result.loadBalancer,
    subdomains: field(input.document, "deployment.mode") === "subdomains",
  });
  files.push(readable("README.md", text, secrets));
  files.push(file(SHA256SUMS, sha256Sums(files), 0o644));
  return files;
};

