/**
 * One browser test per configuration area: fill the form, watch the preview follow, save, reload, and find the
 * value persisted.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDraft, expectPreview, field, openArea, openEditor, save, startRig, type EditorRig } from "./editor-helpers";
import { reloadPage } from "../helpers/browser";

let rig: EditorRig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

interface AreaCase {
  area: string;
  fill: (page: Page) => Promise<void>;
  /** Preview tab and the text it must come to show. */
  preview: [file: string, text: string | RegExp];
  /** After the reload: control name → expected value (string for inputs/selects, boolean for checkboxes). */
  persisted: Record<string, string | boolean>;
  /** The preview text is a secret: turn on "Show secrets" before looking. */
  reveal?: boolean;
}

const S = "settings.";
const cases: AreaCase[] = [
  {
    area: "Deployment",
    fill: async (page) => {
      await field(page, "deployment.mode").selectOption("subdomains");
      await field(page, "deployment.scheme").selectOption("https");
      await field(page, "deployment.baseDomain").fill("clearml.example.org");
    },
    preview: ["apiserver.conf", ".clearml.example.org"],
    persisted: { "deployment.mode": "subdomains", "deployment.baseDomain": "clearml.example.org" },
  },
  {
    area: "Load balancer & cookies",
    fill: async (page) => {
      await field(page, `${S}apiserver.auth.cookies.max_age`).fill("86400");
      await field(page, `${S}apiserver.auth.cookies.samesite`).selectOption("Strict");
    },
    preview: ["apiserver.conf", /max_age\W+86400/],
    persisted: { [`${S}apiserver.auth.cookies.max_age`]: "86400", [`${S}apiserver.auth.cookies.samesite`]: "Strict" },
  },
  {
    area: "File server",
    fill: async (page) => {
      await field(page, `${S}fileserver.upload.max_upload_size_mb`).fill("512");
    },
    preview: ["fileserver.conf", /max_upload_size_mb\W+512/],
    persisted: { [`${S}fileserver.upload.max_upload_size_mb`]: "512" },
  },
  {
    area: "Cloudflare tunnels",
    fill: async (page) => {
      await openArea(page, "Deployment");
      await field(page, "deployment.mode").selectOption("subdomains");
      await field(page, "deployment.baseDomain").fill("ml.team.example.com");
      await openArea(page, "Cloudflare tunnels");
      await field(page, "deployment.cloudflare").check();
    },
    // The tunnel choice produces a finding rather than a file.
    preview: ["apiserver.conf", ".ml.team.example.com"],
    persisted: { "deployment.cloudflare": true },
  },
  {
    area: "Web login",
    fill: async (page) => {
      await field(page, `${S}apiserver.auth.fixed_users.enabled`).check();
      await page.getByRole("button", { name: "Add user" }).click();
      await field(page, `${S}apiserver.auth.fixed_users.users.0.username`).fill("alice");
      await field(page, `${S}apiserver.auth.fixed_users.users.0.password`).fill("wonderland-42");
      await field(page, `${S}apiserver.auth.fixed_users.users.0.name`).fill("Alice Liddell");
    },
    preview: ["apiserver.conf", "Alice Liddell"],
    persisted: { [`${S}apiserver.auth.fixed_users.users.0.username`]: "alice", [`${S}apiserver.auth.fixed_users.enabled`]: true },
  },
  {
    area: "Task watchdog",
    fill: async (page) => {
      await field(page, `${S}services.tasks.non_responsive_tasks_watchdog.threshold_sec`).fill("10800");
    },
    preview: ["services.conf", /threshold_sec\W+10800/],
    persisted: { [`${S}services.tasks.non_responsive_tasks_watchdog.threshold_sec`]: "10800" },
  },
  {
    area: "CORS",
    fill: async (page) => {
      await page.getByRole("button", { name: "Use a list for API server: allowed origins" }).click();
      await field(page, `${S}apiserver.cors.origins.0`).fill("https://app.example.com");
      await page.locator(`[data-setting="${S}apiserver.cors.origins"]`).getByRole("button", { name: "Add origin" }).click();
      await field(page, `${S}apiserver.cors.origins.1`).fill("https://other.example.com");
    },
    preview: ["apiserver.conf", "https://other.example.com"],
    persisted: { [`${S}apiserver.cors.origins.1`]: "https://other.example.com" },
  },
  {
    area: "CORS",
    fill: async (page) => {
      // the file server reads its own fileserver.conf, not apiserver.conf as the docs page says
      await field(page, `${S}fileserver.cors.origins`).fill("https://app.example.com");
    },
    preview: ["fileserver.conf", "https://app.example.com"],
    persisted: { [`${S}fileserver.cors.origins`]: "https://app.example.com" },
  },
  {
    area: "UI context-menu actions",
    fill: async (page) => {
      const base = `${S}services.organization.ui_actions.task`;
      await page.locator(`[data-setting="${base}"]`).getByRole("button", { name: "Add action" }).click();
      await field(page, `${base}.0.name`).fill("Open in Grafana");
      await field(page, `${base}.0.action.url`).fill("https://grafana.example.com/d/${id}");
    },
    preview: ["services.conf", "https://grafana.example.com/d/${id}"],
    persisted: { [`${S}services.organization.ui_actions.task.0.name`]: "Open in Grafana" },
  },
  {
    area: "Credentials",
    fill: async (page) => {
      await field(page, `${S}secure.credentials.tests.user_key`).fill("TESTKEY0123456789ABCDEFGHIJKLM");
      await page.getByRole("button", { name: "Add account" }).click();
      await field(page, "deployment.extraCredentials.0.name").fill("ci_bot");
      await page.getByRole("button", { name: "Generate Access key" }).click();
      await page.getByRole("button", { name: "Generate Secret key" }).click();
    },
    reveal: true,
    preview: ["secure.conf", /TESTKEY0123456789ABCDEFGHIJKLM[\s\S]*ci_bot: \{\s*role: "admin"\s*user_key: "[A-Za-z0-9]{30}"/],
    persisted: {
      [`${S}secure.credentials.tests.user_key`]: "TESTKEY0123456789ABCDEFGHIJKLM",
      "deployment.extraCredentials.0.name": "ci_bot",
      "deployment.extraCredentials.0.role": "admin",
    },
  },
  {
    area: "Databases",
    fill: async (page) => {
      await field(page, "environment.expose.redis.enabled").check();
      await field(page, "environment.services.mongodb.host").fill("mongo.internal");
    },
    preview: ["docker-compose.override.yml", "127.0.0.1:6379:6379"],
    persisted: { "environment.expose.redis.enabled": true, "environment.services.mongodb.host": "mongo.internal" },
  },
  {
    area: "Dynamic overrides",
    fill: async (page) => {
      await page.getByRole("button", { name: "Add override" }).click();
      await field(page, "environment.overrides.0.path").fill("apiserver.auth.default_expiration_sec");
      await field(page, "environment.overrides.0.value").fill("600");
    },
    preview: ["docker-compose.override.yml", "CLEARML__APISERVER__AUTH__DEFAULT_EXPIRATION_SEC"],
    persisted: { "environment.overrides.0.path": "apiserver.auth.default_expiration_sec", "environment.overrides.0.value": "600" },
  },
  {
    area: "Storage credentials",
    fill: async (page) => {
      const B = `${S}services.storage_credentials.aws.s3.credentials.0`;
      await page.getByRole("button", { name: "Add S3 bucket" }).click();
      await field(page, `${B}.host`).fill("minio.lan:9000");
      await field(page, `${B}.key`).fill("MINIOACCESSKEY");
      await field(page, `${B}.secret`).fill("MinioSecretValue0123456789");
      await field(page, `${B}.secure`).uncheck();
      await page.getByRole("button", { name: "Add container" }).click();
      await field(page, `${S}services.storage_credentials.azure.storage.containers.0.account_name`).fill("clearmlstore");
      await field(page, `${S}services.storage_credentials.azure.storage.containers.0.account_key`).fill("AzureAccountKey0123==");
    },
    preview: ["services.conf", /host: "minio\.lan:9000"[\s\S]*secure: false[\s\S]*account_name: "clearmlstore"/],
    persisted: {
      [`${S}services.storage_credentials.aws.s3.credentials.0.host`]: "minio.lan:9000",
      [`${S}services.storage_credentials.aws.s3.credentials.0.secure`]: false,
      [`${S}services.storage_credentials.aws.s3.credentials.0.multipart`]: true,
      [`${S}services.storage_credentials.azure.storage.containers.0.account_name`]: "clearmlstore",
    },
  },
  {
    area: "Logging & general",
    fill: async (page) => {
      await field(page, `${S}logging.root.level`).selectOption("DEBUG");
      await field(page, `${S}apiserver.check_for_updates.enabled`).uncheck();
      await field(page, "deployment.serverVersion").selectOption("2.0.0");
    },
    preview: ["logging.conf", /Target: ClearML Server 2\.0\.0[\s\S]*DEBUG/],
    persisted: {
      [`${S}logging.root.level`]: "DEBUG",
      [`${S}apiserver.check_for_updates.enabled`]: false,
      "deployment.serverVersion": "2.0.0",
    },
  },
];

describe("every area in the browser", () => {
  it.each(cases)("$area: fill, preview, save, reload", async (c) => {
    const draft = await createDraft(rig, `Area ${c.area}`);
    const page = await openEditor(rig, draft.id);
    await openArea(page, c.area);
    await c.fill(page);
    if (c.reveal) await page.getByLabel("Show secrets").check();
    await expectPreview(page, c.preview[0], c.preview[1]);
    const badge = page.locator(`nav button[aria-current=page] [data-badge=changes]`);
    expect(Number(await badge.textContent().then((t) => t?.replace(/\D/g, "")))).toBeGreaterThan(0);
    await save(page, 2);

    await reloadPage(page);
    await page.locator('aside[data-preview="ready"]').waitFor();
    await openArea(page, c.area);
    for (const [name, expected] of Object.entries(c.persisted)) {
      const control = field(page, name);
      if (typeof expected === "boolean") expect(await control.isChecked(), name).toBe(expected);
      else expect(await control.inputValue(), name).toBe(expected);
    }
    if (c.reveal) await page.getByLabel("Show secrets").check();
    await expectPreview(page, c.preview[0], c.preview[1]);
    await page.close();
  });
});
