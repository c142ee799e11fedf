import type { BrowserContext, Page, Request, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";

/**
 * Security item 4: no form may put what it holds (a password above all) into a URL. With JavaScript off,
 * or before React has hydrated, a submit is the browser's own: it must be a POST to a harmless target,
 * never the default GET that writes `?password=…` into the address bar, the history and proxy logs.
 */

// Typed into every text and password field; it must never show up in a URL, the page or the server log.
const MARKER = "NoScriptMarker7q2x";
const ADMIN = { username: "noscript", password: "no-script-admin-password" };

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let draftId: string;
/** Every URL the browser asked for, redirects included, over the whole file. */
const requested: string[] = [];

beforeAll(async () => {
  // No CONSOLE_ADMIN_*: /setup shows until the first admin is created.
  server = await startServer({ CONSOLE_ADMIN_USERNAME: "", CONSOLE_ADMIN_PASSWORD: "" });
  browser = await launchBrowser({ javaScriptEnabled: false });
  browser.context.on("request", (request: Request) => requested.push(request.url()));
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

/** The method and action of each form, as the browser would submit it. */
async function formTargets(page: Page): Promise<{ method: string; action: string }[]> {
  return page.locator("form").evaluateAll((forms) =>
    (forms as HTMLFormElement[]).map((form) => ({ method: form.method, action: form.action })),
  );
}

/** Marks the fields and the submit button that belong to form `index` (form= attributes included). */
async function tagForm(page: Page, index: number): Promise<{ fields: number; hasSubmit: boolean }> {
  return page.locator("form").nth(index).evaluate((form: HTMLFormElement) => {
    let fields = 0;
    let hasSubmit = false;
    for (const element of Array.from(form.elements)) {
      if (element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement &&
        ["text", "password", "search", "email", "url", "tel"].includes(element.type))) {
        element.setAttribute("data-probe-field", "");
        fields++;
      }
      if (!hasSubmit && (element instanceof HTMLButtonElement || element instanceof HTMLInputElement) && element.type === "submit") {
        element.setAttribute("data-probe-submit", "");
        hasSubmit = true;
      }
    }
    return { fields, hasSubmit };
  });
}

function chain(response: Response): Request[] {
  const requests: Request[] = [];
  for (let request: Request | null = response.request(); request; request = request.redirectedFrom()) requests.push(request);
  return requests;
}

/**
 * Opens `path`, fills every text field of each form there with the marker, submits it natively (Enter
 * in the first field, then again by clicking the submit button) and checks where the browser went.
 * Returns how many forms the page has.
 */
async function submitEachForm(path: string): Promise<number> {
  const page = await newPage();
  const url = server.url + path;
  const first = await page.goto(url);
  expect(first?.status(), `GET ${path}`).toBeLessThan(400);
  expect(new URL(page.url()).pathname, `${path} did not redirect`).toBe(path);
  const targets = await formTargets(page);
  for (const target of targets) {
    expect(target.method, `every form on ${path} posts`).toBe("post");
    const action = new URL(target.action);
    expect(action.origin, `forms on ${path} post to the console itself`).toBe(server.url);
    expect(action.search, `form actions on ${path} carry no query`).toBe("");
  }

  for (let index = 0; index < targets.length; index++) {
    for (const how of ["enter", "click"] as const) {
      await page.goto(url);
      const { fields, hasSubmit } = await tagForm(page, index);
      expect(fields, `form ${index} on ${path} has text fields`).toBeGreaterThan(0);
      const inputs = page.locator("[data-probe-field]");
      for (let i = 0; i < fields; i++) await inputs.nth(i).fill(MARKER);
      const entry = inputs.first();
      const isTextarea = await entry.evaluate((e) => e.tagName === "TEXTAREA");
      if (how === "click" || isTextarea) expect(hasSubmit, `form ${index} on ${path} has a submit button`).toBe(true);

      const navigation = page.waitForNavigation();
      if (how === "enter" && !isTextarea) await entry.press("Enter");
      else await page.locator("[data-probe-submit]").click();
      const response = await navigation;
      const where = `${how} in form ${index} on ${path}`;
      expect(response, where).not.toBeNull();
      expect(page.url(), where).not.toContain(MARKER);
      expect(new URL(page.url()).search, where).toBe("");
      for (const request of chain(response!)) expect(request.url(), where).not.toContain(MARKER);
      expect(response!.request().method(), where).toBe("POST");
      expect(response!.status(), where).toBeLessThan(500);
      // The fields did travel (in the body), so the checks above are not vacuous; the page does not echo them.
      expect(response!.request().postData() ?? "", where).toContain(MARKER);
      expect(await page.content(), where).not.toContain(MARKER);
      expect(new URL(page.url()).origin, where).toBe(server.url);

      await page.goBack();
      expect(page.url(), `history before ${where}`).not.toContain(MARKER);
    }
  }
  await page.close();
  return targets.length;
}

describe("forms without JavaScript", () => {
  it("the setup page posts its token and password, never into the URL", async () => {
    await expect(submitEachForm("/setup")).resolves.toBe(1);
  });

  it("the sign-in page posts, never into the URL", async () => {
    const token = server.output().match(/setup token: (setup_[A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeTruthy();
    const setup = await fetch(server.url + "/api/auth/setup", {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ setupToken: token, ...ADMIN }),
    });
    expect(setup.status).toBe(201);
    await expect(submitEachForm("/login")).resolves.toBe(1);
  });

  it("the console pages post their forms, never into the URL", async () => {
    const login = await fetch(server.url + "/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const [name, value] = login.headers.get("set-cookie")!.split(";")[0]!.split("=") as [string, string];
    await browser.context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: "Lax" }]);
    const created = await fetch(server.url + "/api/drafts", {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, cookie: `${name}=${value}` },
      body: JSON.stringify({ name: "No script" }),
    });
    expect(created.status).toBe(201);
    draftId = ((await created.json()) as { id: string }).id;

    await expect(submitEachForm("/users")).resolves.toBe(2); // add an admin, change your password
    await expect(submitEachForm("/tokens")).resolves.toBe(1);
    await expect(submitEachForm("/drafts")).resolves.toBe(1); // create a draft
    await expect(submitEachForm(`/drafts/${draftId}`)).resolves.toBe(1); // draft details
    await submitEachForm("/import"); // uploads go through fetch; any form there must post too
    await submitEachForm("/audit");
  });

  it("never let the marker reach a URL or the server log", () => {
    expect(requested.length).toBeGreaterThan(10);
    for (const url of requested) expect(url).not.toContain(MARKER);
    expect(server.output()).not.toContain(MARKER);
  });
});
