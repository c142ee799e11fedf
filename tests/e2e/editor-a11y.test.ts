/**
 * Accessibility: axe (through playwright-core) finds no serious or critical violation on any page, in light
 * and dark mode; the dark-mode choice persists; the editor fits 1024 px.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AREAS } from "@/lib/clearml/areas";
import { THEME_COOKIE } from "@/components/ui/theme";
import { launchBrowser, openPage, reloadPage } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";
import { apiLogin, browserLogin } from "../helpers/server-session";

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let draftId: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = await apiLogin(server);
  // A draft with findings of every level, so messages and badges are part of what axe checks.
  const created = await fetch(server.url + "/api/drafts", {
    method: "POST",
    headers: api,
    body: JSON.stringify({
      name: "Accessible",
      document: {
        schemaVersion: 2,
        deployment: { mode: "subdomains", scheme: "https", baseDomain: "clearml.example.com", loadBalancer: { enabled: true } },
        settings: {
          apiserver: { auth: { fixed_users: { enabled: true, users: [{ username: "a", password: "pw", name: "A" }] } } },
          services: { organization: { ui_actions: { task: [{ name: "Go", action: { method: "GET", url: "https://x/${id}" } }] } } },
        },
        environment: { expose: { redis: { enabled: true } }, overrides: [{ path: "apiserver.auth.default_expiration_sec", value: 60 }] },
      },
    }),
  }).then((r) => r.json());
  draftId = created.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(serious, where).toEqual([]);
}

async function newPage(width = 1280): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  await page.setViewportSize({ width, height: 900 });
  return page;
}

async function checkEditor(page: Page, mode: string): Promise<void> {
  await openPage(page, `${server.url}/drafts/${draftId}`);
  await page.locator('aside[data-preview="ready"]').waitFor();
  for (const area of [...AREAS.map((a) => a.title), "Effective settings", "Export"]) {
    await page.locator("nav[aria-label='Configuration areas'] button", { hasText: area }).first().click();
    await page.getByRole("heading", { level: 2, name: area }).waitFor();
    await expectNoSeriousViolations(page, `editor, ${area}, ${mode}`);
  }
}

describe("accessibility", () => {
  it("login page", async () => {
    const page = await newPage();
    await openPage(page, server.url + "/login");
    await page.getByLabel("Username").waitFor();
    await expectNoSeriousViolations(page, "login");
    await page.close();
    await (await browserLogin(browser.context, server)).close();
  });

  it("console pages", async () => {
    const page = await newPage();
    for (const path of ["/drafts", "/import", "/users", "/tokens", "/audit"]) {
      await openPage(page, server.url + path);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await expectNoSeriousViolations(page, path);
    }
    await page.close();
  });

  it("the editor, every area and the effective view, in light mode", async () => {
    const page = await newPage();
    await checkEditor(page, "light");
    await page.close();
  });

  it("dark mode is a persisted toggle, and the editor passes in it too", async () => {
    const page = await newPage();
    await openPage(page, server.url + "/drafts");
    const toggle = page.getByRole("button", { name: "Dark mode" });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await reloadPage(page);
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    // The server renders the choice too, so the first paint is already dark (no inline script needed).
    const html = await (await page.context().request.get(server.url + "/drafts")).text();
    expect(html).toMatch(/<html[^>]*class="dark"/);
    await expectNoSeriousViolations(page, "/drafts, dark");
    await checkEditor(page, "dark");
    await page.getByRole("button", { name: "Dark mode" }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(false);
    await page.close();
  });

  it("without a stored choice the first paint follows the OS, before any script runs", async () => {
    const background = async (colorScheme: "light" | "dark", cookie?: string) => {
      const noScript = await launchBrowser({ colorScheme, javaScriptEnabled: false });
      try {
        if (cookie) await noScript.context.addCookies([{ name: THEME_COOKIE, value: cookie, url: server.url }]);
        const page = await noScript.context.newPage();
        await page.goto(server.url + "/login");
        return await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      } finally {
        await noScript.close();
      }
    };
    const light = await background("light");
    const dark = await background("dark");
    expect(light).not.toBe(dark);
    expect(await background("dark", "light")).toBe(light);
    expect(await background("light", "dark")).toBe(dark);
  });

  it("the editor fits 1024 px without horizontal scrolling", async () => {
    const page = await newPage(1024);
    await openPage(page, `${server.url}/drafts/${draftId}`);
    await page.locator('aside[data-preview="ready"]').waitFor();
    for (const area of ["Web login", "UI context-menu actions", "Effective settings"]) {
      await page.locator("nav[aria-label='Configuration areas'] button", { hasText: area }).first().click();
      await page.getByRole("heading", { level: 2, name: area }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), area).toBeLessThanOrEqual(1024);
    }
    await page.close();
  });
});
