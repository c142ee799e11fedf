import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  // No CONSOLE_ADMIN_*: the console must offer the one-time setup page.
  server = await startServer({ CONSOLE_ADMIN_USERNAME: "", CONSOLE_ADMIN_PASSWORD: "" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("signing in", () => {
  it("sets up the first admin with the token from the log, then signs out and in again", async () => {
    const token = server.output().match(/setup token: (setup_[A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeTruthy();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);

    await openPage(page, server.url + "/drafts");
    await page.waitForURL(/\/setup$/);
    await page.getByLabel("Setup token").fill("setup_wrong");
    await page.getByLabel("Username").fill("first");
    await page.getByLabel("Password").fill("first-admin-password");
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await page.getByText("The setup token is wrong or was already used").first().waitFor();

    await page.getByLabel("Setup token").fill(token!);
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await page.waitForURL(/\/drafts$/);
    await page.getByText("Signed in as").waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login$/);
    await openPage(page, server.url + "/drafts");
    await page.waitForURL(/\/login\?next=%2Fdrafts$/);

    await page.getByLabel("Username").fill("first");
    await page.getByLabel("Password").fill("wrong password!");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Wrong username or password").first().waitFor();
    const invalid = await page.getByLabel("Password").getAttribute("aria-invalid");
    expect(invalid).toBe("true");

    await page.getByLabel("Password").fill("first-admin-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/drafts$/);

    const cookies = await browser.context.cookies();
    const session = cookies.find((c) => c.name === "console_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await page.close();
  });

  it("creates and revokes an API token and shows both in the audit log", async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await openPage(page, server.url + "/tokens");
    await page.getByLabel("Token name").fill("nightly export");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = await page.locator("code").filter({ hasText: "cmc_" }).textContent();
    expect(shown).toMatch(/^cmc_/);
    const viaToken = await fetch(server.url + "/api/drafts", { headers: { authorization: `Bearer ${shown}` } });
    expect(viaToken.status).toBe(200);

    await page.getByRole("button", { name: "Revoke nightly export" }).click();
    await page.getByText("Revoked nightly export.").waitFor();
    expect((await fetch(server.url + "/api/drafts", { headers: { authorization: `Bearer ${shown}` } })).status).toBe(401);

    await openPage(page, server.url + "/audit");
    await page.getByLabel("Filter").fill("token");
    await page.getByRole("cell", { name: "token.created" }).waitFor();
    await page.getByRole("cell", { name: "token.revoked" }).waitFor();
    await expect(page.getByRole("cell", { name: "login.failed" }).count()).resolves.toBe(0);
    await page.close();
  });
});
