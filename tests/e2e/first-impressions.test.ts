/**
 * First impressions (issue 15, item 7): a quiet start that prints its real address, a favicon, signing in
 * returns to the page asked for (never to another site), plain-words field messages, no stale findings at an
 * invalid field, and one "Wrong username or password".
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN } from "../helpers/admin";
import { launchBrowser, openPage } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";
import { apiLogin, browserLogin } from "../helpers/server-session";
import { createDraft, describedBy, field, openArea, openEditor, type EditorRig } from "./editor-helpers";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** What the first start must not print: Prisma's ignored-url warning, Turbopack's and the Edge runtime's warnings. */
const NOISE = [/will NOT be used/, /datasource properties/, /Ecmascript file had an error/, /A Node\.js API is used/, /Edge Runtime/];

async function signIn(page: Page, password = TEST_ADMIN.password) {
  await page.getByLabel("Username").fill(TEST_ADMIN.username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("the start", () => {
  it("prints no warnings, and the address it serves on", () => {
    const output = server.output();
    for (const noise of NOISE) expect(output).not.toMatch(noise);
    expect(output).toContain(`ClearML Config Console: ${server.url} `);
  });

  it("prints the port it really got when PORT=0 lets the system choose", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "console-port0-"));
    const child = spawn(process.execPath, [path.join(process.cwd(), "scripts", "start.mjs")], {
      env: { ...process.env, DATABASE_URL: "file:" + path.join(dataDir, "console.db"), HOST: "127.0.0.1", PORT: "0",
        CONSOLE_ADMIN_USERNAME: TEST_ADMIN.username, CONSOLE_ADMIN_PASSWORD: TEST_ADMIN.password },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout.on("data", (c) => (log += c));
    child.stderr.on("data", (c) => (log += c));
    try {
      await expect.poll(() => log, { timeout: 90_000, interval: 200 }).toMatch(/ClearML Config Console: http:\/\//);
      const url = log.match(/ClearML Config Console: (http:\/\/\S+)/)![1]!;
      expect(url).not.toMatch(/:0$/);
      expect((await fetch(url + "/api/health")).status).toBe(200);
      for (const noise of NOISE) expect(log).not.toMatch(noise);
    } finally {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("the favicon", () => {
  it("is an icon, for anyone, signed in or not", async () => {
    const response = await fetch(server.url + "/favicon.ico", { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^image\//);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]); // ICO header: reserved 0, type 1 (icon)
  });
});

describe("signing in", () => {
  it("carries the page asked for to the sign-in page, and a stale session too", async () => {
    const anonymous = await fetch(server.url + "/drafts/abc?area=web", { redirect: "manual" });
    expect(anonymous.status).toBe(307);
    expect(new URL(anonymous.headers.get("location")!, server.url).search).toBe("?next=" + encodeURIComponent("/drafts/abc?area=web"));
    const stale = await fetch(server.url + "/audit", { headers: { cookie: "console_session=forged" }, redirect: "manual" });
    expect(new URL(stale.headers.get("location")!, server.url).search).toBe("?next=%2Faudit");
  });

  it("returns to that page, says 'Wrong username or password' once, and never follows next off the site", async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await openPage(page, server.url + "/audit");
    await page.waitForURL(/\/login\?next=%2Faudit$/);

    await signIn(page, "not the password");
    await page.getByText("Wrong username or password").first().waitFor();
    expect(await page.getByText("Wrong username or password").count()).toBe(1);
    expect(await page.getByLabel("Password").getAttribute("aria-invalid")).toBe("true");

    await signIn(page);
    await page.waitForURL((url) => url.pathname === "/audit");
    await page.getByRole("heading", { level: 1 }).waitFor();

    for (const next of ["//example.com/x", "https://example.com/", "/\\example.com", "javascript:alert(1)", "/login"]) {
      await openPage(page, `${server.url}/login?next=${encodeURIComponent(next)}`);
      await signIn(page);
      await page.waitForURL((url) => url.origin === server.url && url.pathname === "/drafts");
    }
    await page.close();
  });
});

describe("field messages", () => {
  const PORT = "settings.apiserver.listen.port";

  it("the API's 422 issue says it in plain words", async () => {
    const api = await apiLogin(server);
    const response = await fetch(server.url + "/api/drafts", {
      method: "POST",
      headers: api,
      body: JSON.stringify({ name: "plain words", document: { schemaVersion: 2, settings: { apiserver: { listen: { port: "abc" } } } } }),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { issues: { path: string; message: string }[] };
    expect(body.issues).toContainEqual({ path: `document.${PORT}`, message: "Enter a whole number" });
  });

  it("the editor says 'Enter a whole number' and drops the last preview's finding while the value is invalid", async () => {
    await (await browserLogin(browser.context, server)).close();
    const rig: EditorRig = { server, context: browser.context, api: await apiLogin(server), close: async () => {} };
    const { id } = await createDraft(rig, "stale findings");
    const page = await openEditor(rig, id);
    await openArea(page, "Logging & general");

    await field(page, PORT).fill("9000");
    // The finding of rule general.listen-port (a port other than 8008) from the preview shows at the field.
    await expect.poll(() => describedBy(page, PORT), { timeout: 15_000 }).toContain("docker-compose publishes 8008");

    await field(page, PORT).fill("abc");
    await expect.poll(() => describedBy(page, PORT), { timeout: 15_000 }).toContain("Enter a whole number");
    const shown = await describedBy(page, PORT);
    expect(shown).not.toContain("docker-compose publishes 8008");
    expect(shown).not.toMatch(/Invalid input|expected number/);
    await page.close();
  });
});
