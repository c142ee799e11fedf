/**
 * The security issue's defects, seen in a real browser as an admin would meet them: an import that doubles per line
 * is refused with its position and the console stays up; the export diff masks secrets until asked; a downloaded
 * bundle's install.sh is the constant script and a file with passwords is 0600.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INSTALL_SCRIPT } from "@/lib/bundle/scripts";
import { openPage } from "../helpers/browser";
import { createDraft, openEditor, startRig, type EditorRig } from "./editor-helpers";

let rig: EditorRig;
const tmp = mkdtempSync(path.join(os.tmpdir(), "e2e-hostile-"));
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const doubling = ["a0: {x: 1}", ...Array.from({ length: 40 }, (_, i) => `a${i + 1}: \${a${i}} {y${i + 1}: \${a${i}}}`)].join("\n") + "\n";
const SECRET = "PlainPasswordVisibleOnlyOnRequest7";

describe("hostile input in the browser", () => {
  it("an import that doubles per line is refused at its line and column, and the console keeps serving", async () => {
    const page = await rig.context.newPage();
    page.setDefaultTimeout(20_000);
    await openPage(page, rig.server.url + "/import");
    await page.getByLabel("Files to import").setInputFiles({ name: "secure.conf", mimeType: "text/plain", buffer: Buffer.from(doubling) });
    await page.getByRole("button", { name: "Preview report" }).click();
    // Next's route announcer is an alert too: take the one with the import's message.
    const alert = page.getByRole("alert").filter({ hasText: /secure\.conf:\d+:\d+/ });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/too large once resolved|limit for an input of this size/);
    const health = await fetch(rig.server.url + "/api/health");
    expect(health.status).toBe(200);
    await page.close();
  });

  it("the export diff masks secrets until 'Show secrets in the changes'; the bundle keeps them at 0600", async () => {
    const draft = await createDraft(rig, "Secrets in the diff", {
      schemaVersion: 2,
      settings: { apiserver: { auth: { fixed_users: { enabled: true, pass_hashed: false, users: [{ username: "jane", password: SECRET, name: "Jane" }] } } } },
      deployment: {},
      environment: {},
    });
    const page = await openEditor(rig, draft.id);
    await page.locator("nav[aria-label='Configuration areas'] button", { hasText: "Export" }).first().click();
    const section = page.locator("section[aria-labelledby='export-panel-title']");
    await section.getByText("config/apiserver.conf").first().waitFor();
    await section.locator("details").first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await expect.poll(() => section.textContent()).toContain("********");
    expect(await section.textContent()).not.toContain(SECRET);
    await section.getByLabel("Show secrets in the changes").check();
    await expect.poll(() => section.textContent()).toContain(SECRET);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download tar.gz (docker-compose)" }).click()]);
    const dir = mkdtempSync(path.join(tmp, "b-"));
    execFileSync("tar", ["-xzf", await download.path(), "-C", dir]);
    const root = path.join(dir, "clearml-config-secrets-in-the-diff-r1");
    expect(readFileSync(path.join(root, "install.sh"), "utf8")).toBe(INSTALL_SCRIPT);
    expect(statSync(path.join(root, "config", "apiserver.conf")).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(root, "README.md"), "utf8")).not.toContain(SECRET);
    expect(readFileSync(path.join(root, "bundle.list"), "utf8")).toContain("config 0600 apiserver.conf");
    await page.close();
  });
});

describe("values the server reads as it does", () => {
  it("a duration and an integer beyond 2^53 keep their form in the preview and the effective view", async () => {
    const draft = await createDraft(rig, "Durations", {
      schemaVersion: 2,
      settings: { apiserver: { auth: { cookies: { max_age: "99999999999999999" } } } },
      deployment: {},
      environment: {},
      raw: [{ path: ["apiserver", "elastic_probe_timeout"], hocon: "10s" }],
    });
    const page = await openEditor(rig, draft.id);
    const preview = page.locator("aside[data-preview='ready']");
    await expect.poll(() => preview.textContent()).toContain("max_age: 99999999999999999");
    expect(await preview.textContent()).toContain("elastic_probe_timeout: 10s");
    await page.locator("nav button", { hasText: "Effective settings" }).click();
    const filter = page.getByLabel("Filter keys and values");
    await filter.fill("cookies.max_age");
    await expect.poll(() => page.locator('tr[data-key="apiserver.auth.cookies.max_age"]').textContent()).toContain("99999999999999999");
    await filter.fill("elastic_probe_timeout");
    await expect.poll(() => page.locator('tr[data-key="apiserver.elastic_probe_timeout"]').textContent()).toContain("duration 10s");
    await page.close();
  });
});
