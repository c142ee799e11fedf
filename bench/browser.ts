import { gzipSync } from "node:zlib";
import { launchBrowser } from "../tests/helpers/browser";
import type { RunningServer } from "../tests/helpers/server";
import { apiLogin, browserLogin } from "../tests/helpers/server-session";
import { percentile, round, type Figure } from "./stats";

const FIELD = "settings.services.tasks.non_responsive_tasks_watchdog.threshold_sec";
const KEYSTROKES = 40;

declare global {
  interface Window {
    benchPreview: { expected: string | null; results: number[] };
  }
}

/** Keystroke-to-preview latency in Chromium, and the JavaScript the editor page loads, gzipped. */
export async function browserFigures(server: RunningServer): Promise<Figure[]> {
  const headers = await apiLogin(server);
  const draft = await fetch(server.url + "/api/drafts", { method: "POST", headers, body: JSON.stringify({ name: "keystrokes" }) }).then((r) => r.json());
  const browser = await launchBrowser();
  try {
    const page = await browserLogin(browser.context, server);
    const scripts = new Map<string, Promise<Buffer>>();
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.set(response.url(), response.body());
    });
    await page.goto(`${server.url}/drafts/${draft.id}`);
    await page.waitForLoadState("networkidle");
    const jsBytes = (await Promise.all(scripts.values())).reduce((sum, body) => sum + gzipSync(body).length, 0);

    await page.getByRole("button", { name: /Task watchdog/ }).first().click();
    const field = page.locator(`[name="${FIELD}"]`);
    await field.fill("1");
    const tab = page.getByRole("tab", { name: /services/ });
    await tab.first().waitFor();
    await tab.first().click();
    await page.getByText(`threshold_sec: 1`).first().waitFor();

    // The page marks the keystroke and the first preview mutation that shows the new value.
    await page.evaluate(() => {
      const panel = document.querySelector('[aria-label="Preview"]') ?? document.body;
      window.benchPreview = { expected: null, results: [] };
      document.addEventListener("keydown", () => performance.mark("keystroke"), true);
      new MutationObserver(() => {
        const state = window.benchPreview;
        if (state.expected && panel.textContent?.includes(state.expected)) {
          performance.mark("preview-updated");
          state.results.push(performance.measure("keystroke-to-preview", "keystroke", "preview-updated").duration);
          state.expected = null;
        }
      }).observe(panel, { subtree: true, childList: true, characterData: true });
    });

    let value = "1";
    for (let i = 0; i < KEYSTROKES; i++) {
      if (value.length >= 14) {
        value = "1";
        await field.fill(value);
        await page.getByText(`threshold_sec: 1`).first().waitFor();
      }
      const digit = String((i % 9) + 1);
      value += digit;
      await page.evaluate((expected) => (window.benchPreview.expected = expected), `threshold_sec: ${value}`);
      await field.press("End");
      await field.press(digit);
      await page.waitForFunction((n) => window.benchPreview.results.length >= n, i + 1, { timeout: 10_000 });
    }
    const latencies = await page.evaluate(() => window.benchPreview.results);
    const p95 = percentile(latencies, 95);
    const kb = jsBytes / 1024;
    return [
      { section: "in the browser", name: "keystroke → updated preview, p50", value: round(percentile(latencies, 50)), unit: "ms" },
      { section: "in the browser", name: "keystroke → updated preview, p95", value: round(p95), unit: "ms", target: "≤ 100 ms", met: p95 <= 100 },
      { section: "in the browser", name: "JavaScript the editor page loads, gzipped", value: round(kb, 1), unit: "KB", target: "≤ 250 KB", met: kb <= 250 },
    ];
  } finally {
    await browser.close();
  }
}
