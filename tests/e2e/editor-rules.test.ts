/**
 * Every rule that blocks export shows its message at the field it concerns, with aria-invalid set.
 * (web-login.password-not-hashed cannot fire from the editor: it hashes before every preview and save.)
 */
import bcrypt from "bcryptjs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES } from "@/lib/clearml/rules";
import { createDraft, expectErrorAt, field, openArea, openEditor, startRig, type EditorRig } from "./editor-helpers";

let rig: EditorRig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const USERS = "settings.apiserver.auth.fixed_users.users";
const TASK_ACTIONS = "settings.services.organization.ui_actions.task";

async function addUser(page: Page, i: number, username: string, password: string) {
  await page.getByRole("button", { name: "Add user" }).click();
  await field(page, `${USERS}.${i}.username`).fill(username);
  await field(page, `${USERS}.${i}.password`).fill(password);
  await field(page, `${USERS}.${i}.name`).fill(username);
}

interface RuleCase {
  rule: string;
  area: string;
  trigger: (page: Page) => Promise<void>;
  at: string;
  message: string;
}

const cases: RuleCase[] = [
  {
    rule: "deployment.subdomain-labels",
    area: "Deployment",
    trigger: async (page) => {
      await field(page, "deployment.mode").selectOption("subdomains");
      await field(page, "deployment.labels.app").fill("web");
    },
    at: "deployment.labels.app",
    message: 'this one must be "app"',
  },
  {
    rule: "deployment.sub-path-missing",
    area: "Deployment",
    trigger: async (page) => {
      await field(page, "deployment.mode").selectOption("sub-path");
    },
    at: "deployment.subPath",
    message: "Enter the URL path the web app is served under.",
  },
  {
    rule: "deployment.webserver-env-json",
    area: "Deployment",
    trigger: async (page) => {
      await field(page, "environment.webserverEnv").fill("WEBSERVER__loginNotice: Maintenance on Friday");
    },
    at: "environment.webserverEnv",
    message: "WEBSERVER__loginNotice is not JSON",
  },
  {
    rule: "fileserver.cookie-names",
    area: "File server",
    trigger: async (page) => {
      await field(page, "settings.fileserver.auth.cookie_names.0").fill("other_cookie");
    },
    at: "settings.fileserver.auth.cookie_names",
    message: 'Add "clearml_token_basic"',
  },
  {
    rule: "web-login.duplicate-username",
    area: "Web login",
    trigger: async (page) => {
      await addUser(page, 0, "bob", "pw-one");
      await addUser(page, 1, "bob", "pw-two");
    },
    at: `${USERS}.1.username`,
    message: '"bob" is listed twice.',
  },
  {
    rule: "web-login.password-too-long",
    area: "Web login",
    trigger: async (page) => addUser(page, 0, "carol", "x".repeat(80)),
    at: `${USERS}.0.password`,
    message: "This password is 80 bytes; bcrypt takes at most 72.",
  },
  {
    rule: "web-login.hash-without-pass-hashed",
    area: "Web login",
    trigger: async (page) => addUser(page, 0, "dave", btoa(bcrypt.hashSync("secret", 4))),
    at: `${USERS}.0.password`,
    message: "This is a hash, but hashed passwords are off",
  },
  {
    rule: "ui-actions.header-name",
    area: "UI context-menu actions",
    trigger: async (page) => {
      await page.locator(`[data-setting="${TASK_ACTIONS}"]`).getByRole("button", { name: "Add action" }).click();
      await field(page, `${TASK_ACTIONS}.0.name`).fill("Notify");
      await field(page, `${TASK_ACTIONS}.0.action.url`).fill("https://hooks.example.com/${id}");
      await field(page, `${TASK_ACTIONS}.0.action.headers`).fill("X Trace Id: 1");
    },
    at: `${TASK_ACTIONS}.0.action.headers`,
    message: '"X Trace Id" is not a valid header name',
  },
  {
    rule: "credentials.pair-incomplete",
    area: "Credentials",
    trigger: async (page) => {
      await field(page, "settings.secure.credentials.webserver.user_key").fill("");
    },
    at: "settings.secure.credentials.webserver.user_key",
    message: "An empty value removes the account's credentials at startup.",
  },
  {
    rule: "credentials.extra-invalid",
    area: "Credentials",
    trigger: async (page) => {
      await page.getByRole("button", { name: "Add account" }).click();
      await field(page, "deployment.extraCredentials.0.name").fill("viewer");
      await field(page, "deployment.extraCredentials.0.role").selectOption("user");
      await field(page, "deployment.extraCredentials.0.user_key").fill("VIEWERKEY0123456789ABCDEFGHIJ");
      await field(page, "deployment.extraCredentials.0.user_secret").fill("ViewerSecret0123456789abcdefghij");
    },
    at: "deployment.extraCredentials.0.display_name",
    message: "Role user needs a display name",
  },
  {
    rule: "replace.system-account-missing",
    area: "Credentials",
    trigger: async (page) => {
      await field(page, "deployment.replace.secure.credentials").check();
    },
    at: "settings.secure.credentials.apiserver.role",
    message: "ClearML's default accounts are replaced: set role, user_key, user_secret of the apiserver account",
  },
  {
    rule: "credentials.agent-via-env",
    area: "Credentials",
    trigger: async (page) => {
      await field(page, "settings.secure.credentials.services_agent.user_key").fill("Agent'sKey0123456789ABCDEFGHIJ");
      await field(page, "settings.secure.credentials.services_agent.user_secret").fill("AgentSecret0123456789abcdefghijklmnopqrstuvwxyzABCDEF");
    },
    at: "settings.secure.credentials.services_agent.user_key",
    message: "clearml.env carries this value in single quotes",
  },
  {
    rule: "databases.config-dir",
    area: "Databases",
    trigger: async (page) => {
      await page.getByRole("button", { name: "Add directory" }).click();
      await field(page, "environment.configDirs.0").fill("/etc/clearml");
    },
    at: "environment.configDirs",
    message: "drops /opt/clearml/config",
  },
  {
    rule: "overrides.unreachable-path",
    area: "Dynamic overrides",
    trigger: async (page) => {
      await page.getByRole("button", { name: "Add override" }).click();
      await field(page, "environment.overrides.0.path").fill("apiserver.Auth.x");
      await field(page, "environment.overrides.0.value").fill("1");
    },
    at: "environment.overrides.0.path",
    message: "has uppercase letters",
  },
  {
    rule: "overrides.duplicate",
    area: "Dynamic overrides",
    trigger: async (page) => {
      for (const i of [0, 1]) {
        await page.getByRole("button", { name: "Add override" }).click();
        await field(page, `environment.overrides.${i}.path`).fill("apiserver.auth.default_expiration_sec");
        await field(page, `environment.overrides.${i}.value`).fill(String(600 + i));
      }
    },
    at: "environment.overrides.1.path",
    message: "is already set above.",
  },
  {
    rule: "overrides.type-mismatch",
    area: "Dynamic overrides",
    trigger: async (page) => {
      await page.getByRole("button", { name: "Add override" }).click();
      // a pasted variable name is turned into the key path
      await field(page, "environment.overrides.0.path").fill("CLEARML__services__tasks__multi_task_histogram_limit");
      await field(page, "environment.overrides.0.value").fill("abc");
    },
    at: "environment.overrides.0.value",
    message: "holds a whole number",
  },
  {
    rule: "settings.type-mismatch",
    area: "All settings",
    trigger: async (page) => {
      await page.getByLabel("Search keys").fill("multi_task_histogram_limit");
      await page.getByRole("button", { name: "Edit as HOCON text (services.tasks.multi_task_histogram_limit)" }).click();
      await field(page, "settings.services.tasks.multi_task_histogram_limit").fill('"abc"');
    },
    at: "settings.services.tasks.multi_task_histogram_limit",
    message: "holds a whole number",
  },
  {
    rule: "settings.shipped-env-wins",
    area: "All settings",
    trigger: async (page) => {
      await page.getByLabel("Search keys").fill("fileserver.delete.allow_batch");
      await field(page, "settings.fileserver.delete.allow_batch").uncheck();
    },
    at: "settings.fileserver.delete.allow_batch",
    message: "CLEARML__fileserver__delete__allow_batch=true",
  },
];

describe("rules that block export, at their field", () => {
  it("covers every error-level rule the editor can trigger", () => {
    const errors = RULES.filter((r) => r.level === "error" && r.id !== "web-login.password-not-hashed").map((r) => r.id);
    expect(cases.map((c) => c.rule).sort()).toEqual(expect.arrayContaining(errors.sort()));
  });

  it.each(cases)("$rule", async (c) => {
    const draft = await createDraft(rig, `Rule ${c.rule}`);
    const page = await openEditor(rig, draft.id);
    await openArea(page, c.area);
    await c.trigger(page);
    await expectErrorAt(page, c.at, c.message);
    // The area's badge counts the error.
    await page.locator("nav button[aria-current=page] [data-badge=errors]").waitFor();
    await page.close();
  });
});
