/**
 * The All settings area in the browser: search, set a key the registry does not curate, watch the preview,
 * save and reload, reset, move a key into a CLEARML__ variable, and a HOCON text the server would not read.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reloadPage } from "../helpers/browser";
import { createDraft, expectErrorAt, expectPreview, field, openArea, openEditor, readDraft, save, startRig, type EditorRig } from "./editor-helpers";

let rig: EditorRig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const HISTOGRAM = "services.tasks.multi_task_histogram_limit";
const NAME = `settings.${HISTOGRAM}`;

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel("Search keys").fill(text);
  // The list filters a deferred copy of the query; wait until it shows this one.
  await page.locator(`ul[data-search="${text}"] li[data-key]`).first().waitFor();
}

const row = (page: Page, key: string) => page.locator(`li[data-key="${key}"]`);

describe("All settings", () => {
  it("sets, saves, reloads and resets a key only this area edits", async () => {
    const draft = await createDraft(rig, "All settings");
    const page = await openEditor(rig, draft.id);
    await openArea(page, "All settings");
    await search(page, "histogram");
    await expect(row(page, HISTOGRAM).locator("[data-cell=default]").textContent()).resolves.toBe("100");
    await expect(row(page, HISTOGRAM).locator("[data-cell=file]").textContent()).resolves.toBe("config/services.conf");

    await field(page, NAME).fill("250");
    await expectPreview(page, "services.conf", /multi_task_histogram_limit\W+250/);
    await expect(row(page, HISTOGRAM).getAttribute("data-source")).resolves.toBe("file");
    await save(page, 2);
    const { document } = (await readDraft(rig, draft.id)) as { document: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(document.settings.services.tasks.multi_task_histogram_limit).toBe(250);

    await reloadPage(page);
    await page.locator('aside[data-preview="ready"]').waitFor();
    await openArea(page, "All settings");
    await search(page, "histogram");
    expect(await field(page, NAME).inputValue()).toBe("250");

    await page.getByRole("button", { name: `Reset ${HISTOGRAM}` }).click();
    await expect.poll(() => field(page, NAME).inputValue()).toBe("");
    await expect.poll(() => row(page, HISTOGRAM).getAttribute("data-source")).toBe("default");
    await expect.poll(() => page.getByRole("tab", { name: "services.conf", exact: true }).count()).toBe(0);
    // A reset key stays reset when its row comes back into view; undo brings the value back.
    await search(page, "extra_args");
    await search(page, "histogram");
    expect(await field(page, NAME).inputValue()).toBe("");
    await page.getByRole("button", { name: "Undo last change" }).click();
    await expect.poll(() => field(page, NAME).inputValue()).toBe("250");
    await page.close();
  });

  it("lists imported keys and curated ones, with a way to their own area", async () => {
    const draft = await createDraft(rig, "Imported", { schemaVersion: 2, settings: { apiserver: { my_imported_key: "from-import" } } });
    const page = await openEditor(rig, draft.id);
    await openArea(page, "All settings");
    await search(page, "from-import");
    expect(await field(page, "settings.apiserver.my_imported_key").inputValue()).toBe("from-import");
    await field(page, "settings.apiserver.my_imported_key").fill("changed");
    await expectPreview(page, "apiserver.conf", /my_imported_key\W+"?changed/);
    await search(page, "max_age");
    await row(page, "apiserver.auth.cookies.max_age").getByRole("button", { name: /edit in Load balancer/ }).click();
    await page.getByRole("heading", { level: 2, name: "Load balancer & cookies" }).waitFor();
    await page.close();
  });

  it("moves a key into a CLEARML__ variable and back", async () => {
    const draft = await createDraft(rig, "Override", { schemaVersion: 2, settings: { services: { tasks: { multi_task_histogram_limit: 300 } } } });
    const page = await openEditor(rig, draft.id);
    await openArea(page, "All settings");
    await search(page, "histogram");
    await page.getByLabel("Write to").selectOption("override");
    await expectPreview(page, "docker-compose.override.yml", "CLEARML__SERVICES__TASKS__MULTI_TASK_HISTOGRAM_LIMIT");
    expect(await field(page, "environment.overrides.0.value").inputValue()).toBe("300");
    await expect(row(page, HISTOGRAM).getAttribute("data-source")).resolves.toBe("override");
    await field(page, "environment.overrides.0.value").fill("320");
    await expectPreview(page, "docker-compose.override.yml", '"320"');

    await page.getByLabel("Write to").selectOption("file");
    await expectPreview(page, "services.conf", /multi_task_histogram_limit\W+320/);
    expect(await field(page, NAME).inputValue()).toBe("320");
    await page.close();
  });

  it("shows why a HOCON text would not be read, at its field", async () => {
    const draft = await createDraft(rig, "HOCON text");
    const page = await openEditor(rig, draft.id);
    await openArea(page, "All settings");
    await search(page, "extra_args");
    const name = "settings.services.storage_credentials.aws.s3.extra_args";
    await field(page, name).fill("{ a: ");
    await expectErrorAt(page, name, "does not read as one value");
    await field(page, name).fill('{ ACL: "private" }');
    await expectPreview(page, "services.conf", 'ACL: "private"');

    // A number that is not one stays out of the draft, with a message.
    await search(page, "histogram");
    await field(page, NAME).fill("12x");
    await expectErrorAt(page, NAME, "Enter a whole number");
    await page.close();
  });
});
