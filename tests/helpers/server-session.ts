import type { BrowserContext, Page } from "playwright-core";
import { TEST_ADMIN } from "./admin";
import { openPage } from "./browser";
import type { RunningServer } from "./server";

/** Signs in through the API like a script would, returning headers for later calls. */
export async function apiLogin(server: RunningServer, credentials = TEST_ADMIN): Promise<Record<string, string>> {
  const response = await fetch(server.url + "/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify(credentials),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error("login set no cookie");
  return { cookie, origin: server.url, "content-type": "application/json" };
}

/** Signs a browser context in through the login page. */
export async function browserLogin(context: BrowserContext, server: RunningServer, credentials = TEST_ADMIN): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await openPage(page, server.url + "/login");
  await page.getByLabel("Username").fill(credentials.username);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/drafts$/);
  return page;
}
