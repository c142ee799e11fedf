/** Shared steps for the editor's browser tests: one server and one browser per test file. */
import type { BrowserContext, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { launchBrowser, openPage } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";
import { apiLogin, browserLogin } from "../helpers/server-session";

export interface EditorRig {
  server: RunningServer;
  context: BrowserContext;
  api: Record<string, string>;
  close: () => Promise<void>;
}

export async function startRig(): Promise<EditorRig> {
  const server = await startServer();
  const browser = await launchBrowser();
  await (await browserLogin(browser.context, server)).close();
  const api = await apiLogin(server);
  return {
    server,
    context: browser.context,
    api,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

export async function createDraft(rig: EditorRig, name: string, document?: unknown): Promise<{ id: string; revision: number }> {
  const response = await fetch(rig.server.url + "/api/drafts", {
    method: "POST",
    headers: rig.api,
    body: JSON.stringify(document ? { name, document } : { name }),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function readDraft(rig: EditorRig, id: string): Promise<{ revision: number; document: Record<string, unknown> }> {
  return fetch(`${rig.server.url}/api/drafts/${id}`, { headers: rig.api }).then((r) => r.json());
}

/** Opens the editor and waits for the first preview. */
export async function openEditor(rig: EditorRig, id: string, width = 1280): Promise<Page> {
  const page = await rig.context.newPage();
  page.setDefaultTimeout(20_000);
  await page.setViewportSize({ width, height: 900 });
  await openPage(page, `${rig.server.url}/drafts/${id}`);
  await page.locator('aside[data-preview="ready"]').waitFor();
  return page;
}

export async function openArea(page: Page, title: string): Promise<void> {
  await page.locator("nav[aria-label='Configuration areas'] button", { hasText: title }).first().click();
  await page.getByRole("heading", { level: 2, name: title }).waitFor();
}

/** The control whose `name` is the document path. */
export function field(page: Page, name: string): Locator {
  return page.locator(`[name="${name}"]`);
}

/** Text of every element the control's aria-describedby points at. */
export async function describedBy(page: Page, name: string): Promise<string> {
  return page.evaluate((name) => {
    const el = document.querySelector(`[name="${name}"]`) ?? document.getElementById("f-" + name.replace(/[^A-Za-z0-9_-]/g, "-"));
    return (el?.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join("\n");
  }, name);
}

/** Waits until the message shows at the field and the field is marked invalid. */
export async function expectErrorAt(page: Page, name: string, message: string): Promise<void> {
  await expect.poll(() => describedBy(page, name), { timeout: 15_000 }).toContain(message);
  const invalid = await page.evaluate((name) => {
    const el = document.querySelector(`[name="${name}"]`) ?? document.getElementById("f-" + name.replace(/[^A-Za-z0-9_-]/g, "-"));
    return el?.tagName === "FIELDSET" ? el.querySelector("[data-level=error]") !== null : el?.getAttribute("aria-invalid") === "true";
  }, name);
  expect(invalid).toBe(true);
}

/** Waits until the preview tab for `file` (e.g. "apiserver.conf") shows `text`. */
export async function expectPreview(page: Page, file: string, text: string | RegExp): Promise<void> {
  const tab = page.getByRole("tab", { name: file, exact: true });
  await tab.waitFor();
  // The preview follows each answer into the file its edit changed, and answers to earlier edits may still be on
  // their way: pick the tab again until the file shows the text.
  const shown = page.locator("#preview-file pre").filter({ hasText: text });
  await expect
    .poll(async () => {
      if ((await tab.getAttribute("aria-selected")) !== "true") await tab.click();
      return shown.count();
    }, { timeout: 20_000 })
    .toBeGreaterThan(0);
}

export async function save(page: Page, revision: number): Promise<void> {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText(`Saved as revision ${revision}.`).waitFor();
}
