import { Worker } from "node:worker_threads";
import autocannon from "autocannon";
import { apiLogin } from "../tests/helpers/server-session";
import { startServer, type RunningServer } from "../tests/helpers/server";
import { effectiveSettings } from "../lib/clearml/effective";
import { settingsDocumentSchema } from "../lib/clearml/document";
import { renderMeta } from "../lib/clearml/version";
import { largeDocument } from "./large-draft";
import { percentile, round, timeMedian, type Figure } from "./stats";

interface Load {
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

async function load(
  url: string,
  options: { headers: Record<string, string>; method?: "GET" | "POST"; body?: string; bodies?: () => string; connections: number; seconds: number },
): Promise<Load> {
  const bodies = options.bodies;
  const result = await autocannon({
    url,
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
    ...(bodies ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: bodies() }) }] } : {}),
    connections: options.connections,
    duration: options.seconds,
    timeout: 120,
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
  };
}

/** p99 of sequential GETs, measured by hand so the idle and loaded figures use the same method. */
async function sequentialP99(url: string, headers: Record<string, string>, until: () => boolean, minimum = 200): Promise<number> {
  const times: number[] = [];
  while (times.length < minimum || !until()) {
    const start = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    times.push(performance.now() - start);
    if (times.length > 20_000) break;
  }
  return percentile(times, 99);
}

/**
 * Latencies of sequential GETs from a thread of their own, so the bench's load generator (autocannon, reading large
 * render answers on this thread) does not delay the probe's own timings: a health checker is a separate client.
 */
function probe(url: string, options: { ms: number; minimum: number }): Promise<number[]> {
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    (async () => {
      const times = [];
      const end = Date.now() + workerData.ms;
      while (times.length < workerData.minimum || Date.now() < end) {
        const start = performance.now();
        const response = await fetch(workerData.url);
        await response.arrayBuffer();
        if (!response.ok) throw new Error("GET " + workerData.url + ": " + response.status);
        times.push(performance.now() - start);
      }
      parentPort.postMessage(times);
    })().catch((error) => { throw error; });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { url, ...options } });
    worker.once("message", (times: number[]) => {
      resolve(times);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

export async function serverFigures(): Promise<{ figures: Figure[]; server: RunningServer; headers: Record<string, string>; draftId: string }> {
  const server = await startServer();
  const headers = await apiLogin(server);
  const get = { cookie: headers.cookie };

  // A few ordinary drafts so the list is not empty.
  for (let i = 0; i < 20; i++) {
    await fetch(server.url + "/api/drafts", { method: "POST", headers, body: JSON.stringify({ name: `bench ${i}` }) });
  }

  // 1. GET /api/drafts p99 idle, then while 50 passwords hash (one save of 50 new fixed users).
  const idle = await sequentialP99(server.url + "/api/drafts", get, () => true, 400);
  const hashDraft = await fetch(server.url + "/api/drafts", { method: "POST", headers, body: JSON.stringify({ name: "hashing" }) }).then((r) => r.json());
  const users = Array.from({ length: 50 }, (_, i) => ({ username: `h${i}`, password: `plain-password-${i}`, name: `H ${i}` }));
  let hashing = true;
  const save = fetch(`${server.url}/api/drafts/${hashDraft.id}`, {
    method: "PUT",
    headers,
    body: JSON.stringify({
      revision: 1,
      document: { schemaVersion: 2, settings: { apiserver: { auth: { fixed_users: { enabled: true, pass_hashed: true, users } } } }, deployment: {}, environment: {} },
    }),
  }).then(async (r) => {
    hashing = false;
    if (!r.ok) throw new Error(`hashing save failed: ${r.status} ${await r.text()}`);
  });
  const loaded = await sequentialP99(server.url + "/api/drafts", get, () => !hashing, 50);
  await save;

  // 2. The large draft: render under 20 concurrent clients, with /api/health measured in the same run.
  const document = largeDocument();
  const created = await fetch(server.url + "/api/drafts", { method: "POST", headers, body: JSON.stringify({ name: "large", document }) });
  if (!created.ok) throw new Error(`large draft: ${created.status} ${await created.text()}`);
  const draft = await created.json();
  // As the editor sends it while the admin types: files and findings, no effective trees.
  const renderBody = JSON.stringify({ document: draft.document, draftId: draft.id, revision: draft.revision, effective: false });
  const [render, health] = await Promise.all([
    load(server.url + "/api/render", { headers, method: "POST", body: renderBody, connections: 20, seconds: 15 }),
    load(server.url + "/api/health", { headers: {}, connections: 1, seconds: 15 }),
  ]);
  if (render.errors) throw new Error(`render load had ${render.errors} errors`);

  // Every request a new document (a new watchdog threshold each time), so no answer is cached.
  let threshold = 7200;
  // Built from one template, so making bodies costs the bench's own thread (which also times /api/health) little.
  const changed = structuredClone(draft.document);
  changed.settings.services.tasks = { non_responsive_tasks_watchdog: { threshold_sec: 999_999_999 } };
  const template = JSON.stringify({ document: changed, draftId: draft.id, revision: draft.revision, effective: false });
  const newDocument = () => template.replace("999999999", String(++threshold));
  // One uncached render at a time, as one admin typing sees it.
  const single: number[] = [];
  for (let i = 0; i < 40; i++) {
    const body = newDocument();
    const start = performance.now();
    const response = await fetch(server.url + "/api/render", { method: "POST", headers, body });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`render: ${response.status}`);
    if (i >= 5) single.push(performance.now() - start);
  }
  const singleMedian = percentile(single, 50);

  // The health check's p99 idle and while 20 clients render new large documents, by the same method, in one run.
  const healthIdle = percentile(await probe(server.url + "/api/health", { ms: 0, minimum: 400 }), 99);
  const distinctRun = load(server.url + "/api/render", { headers, method: "POST", bodies: newDocument, connections: 20, seconds: 15 });
  await new Promise((r) => setTimeout(r, 1000)); // let the load ramp up
  const healthLoaded = percentile(await probe(server.url + "/api/health", { ms: 13_000, minimum: 200 }), 99);
  const distinct = await distinctRun;
  if (distinct.errors) throw new Error(`distinct render load had ${distinct.errors} errors`);

  // 4. Effective settings of the large draft, in-process.
  const parsed = settingsDocumentSchema.parse(draft.document);
  const effective = timeMedian(() => effectiveSettings(parsed, "apiserver", renderMeta(draft.id, draft.revision)), 10, 2);

  const ratio = render.p99 / health.p99;
  const figures: Figure[] = [
    { section: "bcrypt off the request path", name: "GET /api/drafts p99, idle", value: round(idle), unit: "ms" },
    { section: "bcrypt off the request path", name: "GET /api/drafts p99 while 50 passwords hash", value: round(loaded), unit: "ms", target: `≤ 2× idle (${round(2 * idle)} ms)`, met: loaded <= 2 * idle },
    { section: "preview under load", name: "POST /api/render p50, large draft, 20 clients", value: render.p50, unit: "ms" },
    { section: "preview under load", name: "POST /api/render p99, large draft, 20 clients", value: render.p99, unit: "ms" },
    { section: "preview under load", name: "GET /api/health p99, same run", value: health.p99, unit: "ms" },
    { section: "preview under load", name: "render p99 / health p99", value: round(ratio), unit: "×", target: "≤ 5", met: ratio <= 5 },
    { section: "preview under load", name: "POST /api/render, one uncached render of the large draft, median", value: round(singleMedian), unit: "ms", target: "≤ 20 ms", met: singleMedian <= 20 },
    { section: "preview under load", name: "GET /api/health p99, idle (same run)", value: round(healthIdle), unit: "ms" },
    { section: "preview under load", name: "GET /api/health p99 while 20 clients render new large documents", value: round(healthLoaded), unit: "ms", target: `≤ 2× idle (${round(2 * healthIdle)} ms)`, met: healthLoaded <= 2 * healthIdle },
    { section: "preview under load", name: "POST /api/render p50, 20 clients, every request a new document (no cache)", value: distinct.p50, unit: "ms" },
    { section: "preview under load", name: "POST /api/render p99, 20 clients, every request a new document (no cache)", value: distinct.p99, unit: "ms" },
    { section: "preview under load", name: "renders per second, 20 clients, no cache", value: round(distinct.requests / 15, 1), unit: "/s" },
    { section: "engine", name: "effective settings of the large draft (apiserver)", value: round(effective), unit: "ms" },
  ];
  return { figures, server, headers, draftId: draft.id };
}
