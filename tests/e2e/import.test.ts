import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTarGz } from "@/lib/bundle/archive";
import { launchBrowser, openPage } from "../helpers/browser";
import { startServer, type RunningServer } from "../helpers/server";
import { browserLogin } from "../helpers/server-session";

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await (await browserLogin(browser.context, server)).close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const archive = writeTarGz([
  { path: "opt/clearml/config/", mode: 0o755 },
  { path: "opt/clearml/config/apiserver.conf", data: Buffer.from("auth.default_expiration_sec: 3600\nworkers.auto_register: false\n"), mode: 0o644 },
  { path: "opt/clearml/config/notes.txt", data: Buffer.from("x"), mode: 0o644 },
]);

describe("import page", () => {
  it("drops an archive, previews the report and creates a draft", async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await openPage(page, server.url + "/import");
    await page.getByRole("heading", { name: "Import a configuration" }).waitFor();
    // A real drop: a DataTransfer carrying the file, dispatched on the drop zone.
    const transfer = await page.evaluateHandle((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], "config.tar.gz", { type: "application/gzip" }));
      return dt;
    }, [...archive]);
    await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer: transfer });
    await page.getByRole("list", { name: "Chosen files" }).getByText("config.tar.gz").waitFor();
    await page.getByLabel("Files to import").setInputFiles({ name: "clearml.env", mimeType: "text/plain", buffer: Buffer.from("CLEARML_AGENT_ACCESS_KEY=AGENTKEY1234567890ABCDEFGHIJKL\n") });

    await page.getByRole("button", { name: "Preview report" }).click();
    await page.getByRole("heading", { name: "Other keys (1)" }).waitFor();
    await expect(page.getByText("apiserver.workers.auto_register").count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole("heading", { name: /Became settings \(2\)/ }).count()).resolves.toBe(1);

    await page.getByRole("button", { name: "Import as new draft" }).click();
    await page.getByText("Name is required").waitFor();
    await page.getByLabel("Name of the new draft").fill("Imported in the browser");
    await page.getByRole("button", { name: "Import as new draft" }).click();
    await page.getByRole("link", { name: "Open it in the editor" }).click();
    await page.waitForURL(/\/drafts\/[A-Za-z0-9_-]+$/);
    await page.close();
  });

  it("shows refused archive entries", async () => {
    const page = await browser.context.newPage();
    await openPage(page, server.url + "/import");
    const evil = writeTarGz([{ path: "../etc/x.conf", data: Buffer.from("a: 1\n"), mode: 0o644 }]);
    await page.getByLabel("Files to import").setInputFiles({ name: "evil.tar.gz", mimeType: "application/gzip", buffer: evil });
    await page.getByLabel("Name of the new draft").fill("Evil");
    await page.getByRole("button", { name: "Import as new draft" }).click();
    await page.getByRole("alert").getByText('".." is not allowed', { exact: false }).waitFor();
    await page.close();
  });
});
