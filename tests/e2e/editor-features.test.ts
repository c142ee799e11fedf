/**
 * The editor's behaviour beyond single fields: presets, list editing by keyboard, the preview panel (tabs,
 * changed lines, copy, secrets), findings that focus their field, undo / discard / leave prompt, the
 * effective view, and progress while passwords are hashed.
 */
import { execFileSync } from "node:child_process";
import bcrypt from "bcryptjs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDraft,
  expectPreview,
  field,
  openArea,
  openEditor,
  readDraft,
  save,
  startRig,
  type EditorRig,
} from "./editor-helpers";
import { openPage } from "../helpers/browser";

let rig: EditorRig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const USERS = "settings.apiserver.auth.fixed_users.users";
const THRESHOLD = "settings.services.tasks.non_responsive_tasks_watchdog.threshold_sec";

async function createFromPreset(preset: string, name: string): Promise<{ page: Page; password?: string }> {
  const page = await rig.context.newPage();
  page.setDefaultTimeout(20_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openPage(page, rig.server.url + "/drafts");
  await page.getByLabel("New draft name").fill(name);
  await page.getByLabel("Start from").selectOption(preset);
  const shown = page.locator("[data-initial-password]");
  const password = (await shown.count()) ? ((await shown.textContent()) ?? undefined) : undefined;
  await page.getByRole("button", { name: "Create draft" }).click();
  await page.waitForURL(/\/drafts\/[A-Za-z0-9_-]+$/);
  await page.locator('aside[data-preview="ready"]').waitFor();
  return { page, password };
}

/** Presses Tab until the focused element matches, proving it is reachable by keyboard. */
async function tabTo(page: Page, matches: (el: Element) => boolean, max = 300): Promise<void> {
  const test = `(${matches.toString()})(document.activeElement)`;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(test)) return;
  }
  throw new Error("element not reachable with Tab");
}

describe("presets", () => {
  it("single-IP development starts on one host over http", async () => {
    const { page } = await createFromPreset("single-ip-dev", "Dev box");
    expect(await field(page, "deployment.host").inputValue()).toBe("localhost");
    await expectPreview(page, "clearml.env", "CLEARML_HOST_IP=localhost");
    await page.close();
  });

  it("subdomains behind an HTTPS load balancer come with the listener plan", async () => {
    const { page } = await createFromPreset("subdomains-https-lb", "Behind ALB");
    expect(await field(page, "deployment.mode").inputValue()).toBe("subdomains");
    await expectPreview(page, "apiserver.conf", ".clearml.example.com");
    await openArea(page, "Load balancer & cookies");
    const plan = page.locator("section", { has: page.getByRole("heading", { name: "Load balancer plan" }) });
    await plan.getByText("app.clearml.example.com").waitFor();
    await plan.getByText("redirect to HTTPS (443)").waitFor();
    await page.close();
  });

  it("hardened production: hashed web login, fresh secrets, closed ports, file-server auth", async () => {
    const { page, password } = await createFromPreset("hardened", "Hardened");
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const id = page.url().split("/").pop()!;
    const { document } = (await readDraft(rig, id)) as { document: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const login = document.settings.apiserver.auth.fixed_users;
    expect(login.enabled).toBe(true);
    expect(login.pass_hashed).toBe(true);
    expect(bcrypt.compareSync(password!, atob(login.users[0].password))).toBe(true);
    expect(document.settings.secure.auth.token_secret).toMatch(/^[A-Za-z0-9]{50,}$/);
    expect(document.settings.secure.credentials.apiserver.user_key).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(document.settings.fileserver.auth.enabled).toBe(true);
    for (const db of ["mongodb", "elastic", "redis"]) expect(document.environment.expose[db].enabled).toBe(false);
    await expect(page.getByRole("tab", { name: "docker-compose.override.yml" }).count()).resolves.toBe(0);
    await page.close();
  });
});

describe("editing", () => {
  it("adds, reorders and removes list entries from the keyboard", async () => {
    const draft = await createDraft(rig, "Keyboard lists");
    const page = await openEditor(rig, draft.id);
    await openArea(page, "Web login");
    for (const name of ["first", "second"]) {
      await page.getByRole("button", { name: "Add user" }).focus();
      await page.keyboard.press("Enter");
      // Focus lands in the new entry's first control.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toMatch(/users\.\d\.username$/);
      await page.keyboard.type(name);
    }
    await page.getByRole("button", { name: "Move user 2 up" }).focus();
    await page.keyboard.press("Enter");
    expect(await field(page, `${USERS}.0.username`).inputValue()).toBe("second");
    expect(await field(page, `${USERS}.1.username`).inputValue()).toBe("first");
    // Focus follows the moved entry.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Move user 1 up");
    await page.getByRole("button", { name: "Remove user 1" }).focus();
    await page.keyboard.press("Enter");
    expect(await field(page, `${USERS}.0.username`).inputValue()).toBe("first");
    await expect(field(page, `${USERS}.1.username`).count()).resolves.toBe(0);
    await page.close();
  });

  it("saves from the keyboard alone", async () => {
    const draft = await createDraft(rig, "Keyboard only");
    const page = await openEditor(rig, draft.id);
    await tabTo(page, (el) => el.textContent?.startsWith("Task watchdog") ?? false);
    await page.keyboard.press("Enter");
    await tabTo(page, (el) => el.getAttribute("name") === "settings.services.tasks.non_responsive_tasks_watchdog.threshold_sec");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("9000");
    await tabTo(page, (el) => el.textContent === "Save");
    await page.keyboard.press("Enter");
    await page.getByText("Saved as revision 2.").waitFor();
    const { document } = (await readDraft(rig, draft.id)) as { document: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(document.settings.services.tasks.non_responsive_tasks_watchdog.threshold_sec).toBe(9000);
    await page.close();
  });

  it("resets a saved value to the default, and the reset holds when the area is opened again", async () => {
    const draft = await createDraft(rig, "Reset saved", { schemaVersion: 2, settings: { services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: 10800 } } } } });
    const page = await openEditor(rig, draft.id);
    await openArea(page, "Task watchdog");
    const threshold = field(page, THRESHOLD);
    expect(await threshold.inputValue()).toBe("10800");
    await page.getByRole("button", { name: "Reset Silence threshold (seconds) to default" }).click();
    // the field shows the default the server will use, not the saved value
    await expect.poll(() => threshold.inputValue()).toBe("7200");
    await openArea(page, "CORS");
    await openArea(page, "Task watchdog");
    expect(await field(page, THRESHOLD).inputValue()).toBe("7200");
    await save(page, 2);
    expect(((await readDraft(rig, draft.id)).document as { settings: object }).settings).toEqual({});
    await page.close();
  });

  it("marks changes, resets to default, undoes, discards and asks before leaving", async () => {
    const draft = await createDraft(rig, "Undo");
    const page = await openEditor(rig, draft.id);
    await openArea(page, "Task watchdog");
    const threshold = field(page, THRESHOLD);
    expect(await threshold.inputValue()).toBe("7200");
    await threshold.fill("5000");
    await page.getByText("Unsaved changes", { exact: true }).waitFor();
    const box = page.locator(`[data-setting="${THRESHOLD}"]`);
    await box.locator("[data-changed]").waitFor();

    await page.getByRole("button", { name: "Reset Silence threshold (seconds) to default" }).click();
    expect(await threshold.inputValue()).toBe("7200");
    await page.getByRole("button", { name: "Undo last change" }).click();
    expect(await threshold.inputValue()).toBe("5000");
    await page.getByRole("button", { name: "Undo last change" }).click();
    expect(await threshold.inputValue()).toBe("7200");
    await page.getByText("No unsaved changes").waitFor();

    await threshold.fill("6000");
    await page.getByRole("button", { name: "Discard changes" }).click();
    expect(await threshold.inputValue()).toBe("7200");
    await page.getByRole("button", { name: "Undo last change" }).click();
    expect(await threshold.inputValue()).toBe("6000");

    const dialog = new Promise<string>((resolve) => page.once("dialog", (d) => (resolve(d.type()), void d.accept())));
    await page.close({ runBeforeUnload: true });
    expect(await dialog).toBe("beforeunload");
  });

  it("hashes many passwords with progress while the page stays usable", async () => {
    const users = Array.from({ length: 6 }, (_, i) => ({ username: `user${i}`, password: `password-${i}`, name: `User ${i}` }));
    const draft = await createDraft(rig, "Many users", {
      schemaVersion: 2,
      settings: { apiserver: { auth: { fixed_users: { enabled: true, users } } } },
    });
    const page = await openEditor(rig, draft.id);
    await openArea(page, "Web login");
    await field(page, "settings.apiserver.auth.fixed_users.pass_hashed").check();
    await page.locator('progress[aria-label="Hashing passwords"]').first().waitFor();
    // Still usable while hashing runs.
    await field(page, "settings.apiserver.auth.default_expiration_sec").fill("3600");
    expect(await field(page, "settings.apiserver.auth.default_expiration_sec").inputValue()).toBe("3600");
    await page.getByText("Preview is up to date.").waitFor({ timeout: 60_000 });
    await save(page, 2);
    const { document } = (await readDraft(rig, draft.id)) as { document: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const stored = document.settings.apiserver.auth.fixed_users.users as { password: string }[];
    stored.forEach((u, i) => expect(bcrypt.compareSync(`password-${i}`, atob(u.password))).toBe(true));
    await page.close();
  });
});

describe("preview panel", () => {
  it("follows typing, marks changed lines, switches tabs by keyboard, copies, and masks secrets", async () => {
    await rig.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: rig.server.url });
    const draft = await createDraft(rig, "Preview");
    const page = await openEditor(rig, draft.id);
    await openArea(page, "Task watchdog");
    await field(page, THRESHOLD).fill("5000");
    await expectPreview(page, "services.conf", "5000");
    await field(page, THRESHOLD).fill("6000");
    await page.locator("#preview-file pre [data-changed]", { hasText: "6000" }).waitFor();
    await expect(page.locator("#preview-file pre [data-changed]").count()).resolves.toBe(1);

    await page.getByRole("button", { name: "Copy services.conf" }).click();
    await page.getByText("Copied services.conf.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("6000");

    await openArea(page, "Credentials");
    await field(page, "settings.secure.credentials.tests.user_key").fill("VISIBLEKEY0123456789ABCDEFGHIJ");
    await expectPreview(page, "secure.conf", "********");
    await expect(page.locator("#preview-file pre").textContent()).resolves.not.toContain("VISIBLEKEY");
    await page.getByLabel("Show secrets").check();
    await expectPreview(page, "secure.conf", "VISIBLEKEY0123456789ABCDEFGHIJ");

    const selected = page.getByRole("tab", { selected: true });
    const before = await selected.textContent();
    await selected.focus();
    await page.keyboard.press("ArrowRight");
    const after = await page.evaluate(() => document.activeElement?.textContent);
    expect(after).not.toBe(before);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-selected"))).toBe("true");
    await page.close();
  });

  it("focuses a finding's field, switching area first", async () => {
    const draft = await createDraft(rig, "Findings");
    const page = await openEditor(rig, draft.id);
    await field(page, "deployment.mode").selectOption("sub-path");
    const finding = page.getByRole("button", { name: /URL sub-path: Enter the URL path/ });
    await finding.waitFor();
    await openArea(page, "CORS");
    await finding.click();
    await page.getByRole("heading", { level: 2, name: "Deployment" }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("deployment.subPath");
    await page.close();
  });
});

describe("effective view", () => {
  it("shows the merged tree with a source per key, a filter and a changed-only toggle", async () => {
    const draft = await createDraft(rig, "Effective", {
      schemaVersion: 2,
      settings: { apiserver: { auth: { cookies: { max_age: 3600 } } } },
      environment: { services: { redis: { host: "redis.internal" } }, overrides: [{ path: "apiserver.auth.default_expiration_sec", value: 600 }] },
    });
    const page = await openEditor(rig, draft.id);
    await page.locator("nav button", { hasText: "Effective settings" }).click();
    const filter = page.getByLabel("Filter keys and values");
    const row = (key: string) => page.locator(`tr[data-key="${key}"]`);

    await filter.fill("cookies.max_age");
    await expect(row("apiserver.auth.cookies.max_age").textContent()).resolves.toContain("3600");
    await expect(row("apiserver.auth.cookies.max_age").textContent()).resolves.toContain("file config/apiserver.conf");
    await filter.fill("default_expiration_sec");
    await expect(row("apiserver.auth.default_expiration_sec").textContent()).resolves.toContain("env CLEARML__APISERVER__AUTH__DEFAULT_EXPIRATION_SEC");
    await filter.fill("redis.apiserver.host");
    await expect(row("hosts.redis.apiserver.host").textContent()).resolves.toContain("fixed env CLEARML_REDIS_SERVICE_HOST");
    await filter.fill("samesite");
    await expect(row("apiserver.auth.cookies.samesite").textContent()).resolves.toContain("default");

    await filter.fill("");
    await page.getByLabel("Changed only").check();
    const sources = await page.locator("tbody tr td:last-child").allTextContents();
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((s) => s !== "default")).toBe(true);

    await page.getByLabel("fileserver").check();
    await page.getByLabel("Changed only").uncheck();
    await filter.fill("fileserver.auth.enabled");
    await row("fileserver.auth.enabled").waitFor();
    await page.close();
  });
});

describe("dynamic overrides", () => {
  it("shows each override's variable and the value the server reads back, as the server parsed it", async () => {
    const draft = await createDraft(rig, "Override lines");
    const page = await openEditor(rig, draft.id);
    await openArea(page, "Dynamic overrides");
    await page.getByRole("button", { name: "Add override" }).click();
    await field(page, "environment.overrides.0.path").fill("apiserver.auth.cookies.domain");
    await field(page, "environment.overrides.0.value").fill('"p@ss$w0rd#,="');
    // The quoting makes `#` and `$` literal: the server reads the exact string back.
    const line = page.getByText(/CLEARML__APISERVER__AUTH__COOKIES__DOMAIN=/);
    await line.waitFor();
    await expect.poll(() => line.textContent()).toContain('→ the server reads "p@ss$w0rd#,="');
    await page.close();
  });
});

describe("export from the browser", () => {
  it("downloads a tar.gz bundle, records the export, and shows the draft as exported", async () => {
    const draft = await createDraft(rig, "Download me", {
      schemaVersion: 2,
      settings: { services: { tasks: { non_responsive_tasks_watchdog: { threshold_sec: 3600 } } } },
      deployment: {},
      environment: {},
    });
    const page = await openEditor(rig, draft.id);
    await page.locator("nav[aria-label='Configuration areas'] button", { hasText: "Export" }).first().click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download tar.gz (docker-compose)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^clearml-config-download-me-r1\.tar\.gz$/);
    const file = await download.path();
    const listing = execFileSync("tar", ["-tzf", file], { encoding: "utf8" });
    const root = "clearml-config-download-me-r1/";
    expect(listing.split("\n")).toEqual(expect.arrayContaining(["config/services.conf", "install.sh", "manifest.json"].map((f) => root + f)));
    await page.getByText("Revision 1 was exported").waitFor();

    await openPage(page, rig.server.url + "/drafts");
    await expect.poll(() => page.locator("tr", { hasText: "Download me" }).textContent()).toContain("Exported");
    await page.close();
  });
});
