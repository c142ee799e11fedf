import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hydrated, launchBrowser, openPage, reloadPage } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";
import { apiLogin, browserLogin } from "../helpers/server-session";

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let api: Record<string, string>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await (await browserLogin(browser.context, server)).close();
  api = await apiLogin(server);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

describe("drafts in the browser", () => {
  it("creates a draft, renames it, and keeps it after a reload", async () => {
    const page = await newPage();
    await openPage(page, server.url + "/");
    await page.waitForURL(/\/drafts$/);
    await page.getByLabel("New draft name").fill("Staging");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/drafts\/[A-Za-z0-9_-]+$/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Staging");

    await page.getByLabel("Draft name").fill("Staging EU");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved as revision 2.").waitFor();

    await reloadPage(page);
    await expect(page.getByLabel("Draft name").inputValue()).resolves.toBe("Staging EU");

    await openPage(page, server.url + "/drafts");
    const row = page.locator("tr", { hasText: "Staging EU" });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("Not exported");
    await page.close();
  });

  it("renames, duplicates and deletes from the drafts list, asking before delete", async () => {
    const page = await newPage();
    await openPage(page, server.url + "/drafts");
    await page.getByLabel("New draft name").fill("Listed");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/drafts\/[A-Za-z0-9_-]+$/);
    await openPage(page, server.url + "/drafts");

    await page.getByRole("button", { name: "Rename Listed" }).click();
    await page.locator("input[name=name]").last().fill("Listed renamed");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByRole("link", { name: "Listed renamed" }).waitFor();

    await page.getByRole("button", { name: "Duplicate Listed renamed" }).click();
    await page.getByRole("link", { name: "Listed renamed (copy)" }).waitFor();

    await page.getByRole("button", { name: "Delete Listed renamed (copy)" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this draft?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("link", { name: "Listed renamed (copy)" }).count()).resolves.toBe(1);

    await page.getByRole("button", { name: "Delete Listed renamed (copy)" }).click();
    await dialog.getByRole("button", { name: "Delete draft" }).click();
    await page.getByText("Deleted “Listed renamed (copy)”.").waitFor();
    await page.getByRole("link", { name: "Listed renamed (copy)" }).waitFor({ state: "detached" });
    await reloadPage(page);
    await expect(page.getByRole("link", { name: "Listed renamed (copy)" }).count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: "Listed renamed", exact: true }).count()).resolves.toBe(1);
    await page.close();
  });

  it("shows the conflict message when a stale tab saves, and does not overwrite", async () => {
    const created = await fetch(server.url + "/api/drafts", {
      method: "POST",
      headers: api,
      body: JSON.stringify({ name: "Two tabs" }),
    }).then((r) => r.json());
    const tabA = await newPage();
    const tabB = await newPage();
    await openPage(tabA, `${server.url}/drafts/${created.id}`);
    await openPage(tabB, `${server.url}/drafts/${created.id}`);

    await tabA.getByLabel("Description").fill("saved by tab A");
    await tabA.getByRole("button", { name: "Save", exact: true }).click();
    await tabA.getByText("Saved as revision 2.").waitFor();

    await tabB.getByLabel("Description").fill("stale edit from tab B");
    await tabB.getByRole("button", { name: "Save", exact: true }).click();
    const alert = tabB.getByRole("alert").filter({ hasText: "changed elsewhere" });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain("Your changes were not saved");

    const stored = await fetch(`${server.url}/api/drafts/${created.id}`, { headers: api }).then((r) => r.json());
    expect(stored.description).toBe("saved by tab A");
    expect(stored.revision).toBe(2);

    await Promise.all([tabB.waitForEvent("load"), alert.getByRole("button", { name: "Reload draft" }).click()]);
    await hydrated(tabB);
    await expect.poll(() => tabB.getByLabel("Description").inputValue()).toBe("saved by tab A");
    await tabA.close();
    await tabB.close();
  });
});
