/**
 * Issue 15, items 1-3: the revision history (authors, a masked diff, restore as a new revision), no lost edits
 * (Back and Sign out ask, a reload offers the edits back, sessionStorage holds no secret in clear), and the
 * preview following an edit into another file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, reloadPage } from "../helpers/browser";
import { TEST_ADMIN } from "../helpers/admin";
import { createDraft, field, openArea, openEditor, readDraft, startRig, type EditorRig } from "./editor-helpers";

let rig: EditorRig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const MAX_AGE = "settings.apiserver.auth.cookies.max_age";
const TOKEN_SECRET = "settings.secure.auth.token_secret";
const THRESHOLD = "settings.services.tasks.non_responsive_tasks_watchdog.threshold_sec";
const doc = (maxAge: number, secret: string) => ({
  schemaVersion: 2,
  settings: { apiserver: { auth: { cookies: { max_age: maxAge } } }, secure: { auth: { token_secret: secret } } },
});
const SECRET_1 = "FirstTokenSecretValue0123456789abcdefXYZ";
const SECRET_2 = "SecondTokenSecretValue0123456789abcdefXYZ";

describe("revision history", () => {
  it("lists revisions with their author, shows a masked diff, and restores a revision as a new one", async () => {
    const draft = await createDraft(rig, "History", doc(3600, SECRET_1));
    const put = await fetch(`${rig.server.url}/api/drafts/${draft.id}`, {
      method: "PUT",
      headers: rig.api,
      body: JSON.stringify({ revision: 1, document: doc(7200, SECRET_2) }),
    });
    expect(put.status).toBe(200);

    const page = await openEditor(rig, draft.id);
    await page.locator("nav[aria-label='Configuration areas'] button", { hasText: "History" }).click();
    const row1 = page.locator("tr[data-revision='1']");
    const row2 = page.locator("tr[data-revision='2']");
    await row1.waitFor();
    await expect(row1.textContent()).resolves.toContain(TEST_ADMIN.username);
    await expect(row2.textContent()).resolves.toContain("(current)");
    await expect(row2.textContent()).resolves.toContain(TEST_ADMIN.username);

    await page.getByRole("button", { name: "Compare revision 1" }).click();
    const diff = page.locator("section[aria-labelledby='revision-diff-title']");
    await diff.locator("pre", { hasText: "3600" }).first().waitFor();
    const masked = (await diff.textContent()) ?? "";
    expect(masked).toContain("7200");
    expect(masked).not.toContain(SECRET_1);
    expect(masked).not.toContain(SECRET_2);
    // Masked, the two secrets read the same, so secure.conf is not listed; revealed, it is.
    expect(masked).not.toContain("secure.conf");
    await diff.getByLabel("Show secrets").check();
    await diff.locator("pre", { hasText: SECRET_1 }).first().waitFor();
    expect(await diff.textContent()).toContain(SECRET_2);
    await diff.getByLabel("Show secrets").uncheck();
    await diff.locator("pre", { hasText: SECRET_1 }).waitFor({ state: "detached" });
    if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: "docs/screenshot-history.png" });

    await page.getByRole("button", { name: "Restore revision 1" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Restore" }).click();
    await page.getByText("Revision 1 restored as revision 3.").waitFor();
    const saved = (await readDraft(rig, draft.id)) as unknown as { revision: number; document: ReturnType<typeof doc> };
    expect(saved.revision).toBe(3);
    expect(saved.document.settings.apiserver.auth.cookies.max_age).toBe(3600);
    expect(saved.document.settings.secure.auth.token_secret).toBe(SECRET_1);
    await page.locator("tr[data-revision='3']", { hasText: "(current)" }).waitFor();
    await expect(field(page, MAX_AGE).count()).resolves.toBe(0); // still the history view, not a form
    const audit = await fetch(`${rig.server.url}/api/audit?action=draft.restored`, { headers: rig.api }).then((r) => r.json());
    expect(audit.events[0].detail).toBe("revision 3 from revision 1");
    await page.close();
  });
});

describe("no lost edits", () => {
  it("asks on Back and on Sign out, and keeps the edits when cancelled", async () => {
    const draft = await createDraft(rig, "Leave guard");
    const page = await rig.context.newPage();
    page.setDefaultTimeout(20_000);
    await openPage(page, `${rig.server.url}/drafts`);
    await page.locator(`a[href="/drafts/${draft.id}"]`).first().click();
    await page.locator('aside[data-preview="ready"]').waitFor();
    await openArea(page, "Load balancer & cookies");
    await field(page, MAX_AGE).fill("1234");
    const dialog = page.getByRole("dialog", { name: "Leave without saving?" });

    await page.goBack();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(page.url()).toBe(`${rig.server.url}/drafts/${draft.id}`);
    await expect(field(page, MAX_AGE).inputValue()).resolves.toBe("1234");

    await page.getByRole("button", { name: "Sign out" }).click();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect(field(page, MAX_AGE).inputValue()).resolves.toBe("1234");
    const me = await page.evaluate(() => fetch("/api/auth/me").then((r) => r.status));
    expect(me).toBe(200);

    // Back again, and this time leave.
    await page.goBack();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Leave without saving" }).click();
    await page.waitForURL(`${rig.server.url}/drafts`);
    await page.close();
  });

  it("offers the unsaved edits back after a reload, with no secret in clear in sessionStorage", async () => {
    const draft = await createDraft(rig, "Unsaved", doc(3600, SECRET_1));
    const page = await openEditor(rig, draft.id);
    await openArea(page, "Load balancer & cookies");
    await field(page, MAX_AGE).fill("4321");
    await openArea(page, "Credentials");
    const typed = "TypedTokenSecretNotForStorage0123456789";
    await field(page, TOKEN_SECRET).fill(typed);
    const stored = () => page.evaluate(() => Object.entries(sessionStorage).map(([k, v]) => `${k}=${v}`).join("\n"));
    await expect.poll(stored).toContain("4321");
    const text = await stored();
    expect(text).not.toContain(typed);
    expect(text).not.toContain(SECRET_1);

    await reloadPage(page);
    const offer = page.getByRole("region", { name: "Unsaved changes" });
    await offer.getByText(/Restore unsaved changes from .+\?/).waitFor();
    await expect(offer.textContent()).resolves.toContain("Secret fields are not kept in the browser");
    await offer.getByRole("button", { name: "Restore" }).click();
    await offer.waitFor({ state: "hidden" });
    await openArea(page, "Load balancer & cookies");
    await expect(field(page, MAX_AGE).inputValue()).resolves.toBe("4321");
    await openArea(page, "Credentials");
    // The secret comes back from the saved draft, not from the browser's copy.
    await expect(field(page, TOKEN_SECRET).inputValue()).resolves.toBe(SECRET_1);

    // Discard drops the copy: the next reload offers nothing.
    await expect.poll(stored).toContain("4321");
    await reloadPage(page);
    await offer.getByRole("button", { name: "Discard" }).click();
    await expect.poll(stored).toBe("");
    await reloadPage(page);
    await page.locator('aside[data-preview="ready"]').waitFor();
    await expect(offer.count()).resolves.toBe(0);
    await page.close();
  });
});

describe("the preview follows the change", () => {
  it("switches to and marks the file an edit lands in, highlighting the changed lines", async () => {
    const draft = await createDraft(rig, "Follow", doc(3600, SECRET_1));
    const page = await openEditor(rig, draft.id);
    await page.getByRole("tab", { name: "apiserver.conf" }).click();
    await expect(page.getByRole("tab", { selected: true }).textContent()).resolves.toBe("apiserver.conf");
    await openArea(page, "Task watchdog");
    await field(page, THRESHOLD).fill("5555");
    const tab = page.getByRole("tab", { name: /services\.conf/ });
    await page.locator("[role=tab][aria-selected=true]", { hasText: "services.conf" }).waitFor();
    await tab.locator("[data-tab-changed]").waitFor();
    await page.locator("#preview-file pre [data-changed]", { hasText: "5555" }).waitFor();
    await expect(page.getByRole("tab", { name: /apiserver\.conf/ }).locator("[data-tab-changed]").count()).resolves.toBe(0);
    await page.close();
  });
});
