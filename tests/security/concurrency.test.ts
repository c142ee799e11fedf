import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";
import { apiLogin } from "../helpers/server-session";

let server: RunningServer;
let api: Record<string, string>;

beforeAll(async () => {
  server = await startServer();
  api = await apiLogin(server);
});
afterAll(async () => {
  await server?.stop();
});

async function createDraft(name: string): Promise<{ id: string; revision: number }> {
  const response = await fetch(server.url + "/api/drafts", { method: "POST", headers: api, body: JSON.stringify({ name }) });
  expect(response.status).toBe(201);
  return response.json();
}

function save(id: string, revision: number, description: string) {
  return fetch(`${server.url}/api/drafts/${id}`, { method: "PUT", headers: api, body: JSON.stringify({ revision, description }) });
}

describe("concurrent saves", () => {
  it("lets exactly one of two sessions editing the same revision win; the other gets 409", async () => {
    const other = await apiLogin(server);
    const draft = await createDraft("contested");
    const [a, b] = await Promise.all([
      save(draft.id, 1, "session A"),
      fetch(`${server.url}/api/drafts/${draft.id}`, {
        method: "PUT",
        headers: other,
        body: JSON.stringify({ revision: 1, description: "session B" }),
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? "session A" : "session B";
    const stored = await fetch(`${server.url}/api/drafts/${draft.id}`, { headers: api }).then((r) => r.json());
    expect(stored).toMatchObject({ revision: 2, description: winner });
  });

  it("persists fifty concurrent saves to fifty drafts", async () => {
    const drafts = await Promise.all(Array.from({ length: 50 }, (_, i) => createDraft(`parallel ${i}`)));
    const results = await Promise.all(drafts.map((d, i) => save(d.id, 1, `saved ${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const list = await fetch(server.url + "/api/drafts", { headers: api }).then((r) => r.json());
    for (const [i, d] of drafts.entries()) {
      const row = list.drafts.find((x: { id: string }) => x.id === d.id);
      expect(row).toMatchObject({ revision: 2, description: `saved ${i}` });
    }
  });
});

describe("durability", () => {
  it("keeps every acknowledged save when the server is killed with SIGKILL mid-write", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "console-kill-"));
    try {
      let victim = await startServer({}, { dataDir });
      const session = await apiLogin(victim);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await fetch(victim.url + "/api/drafts", { method: "POST", headers: session, body: JSON.stringify({ name: `k${i}` }) });
        ids.push((await r.json()).id);
      }
      const acknowledged = new Map<string, number>();
      const revisions = new Map(ids.map((id) => [id, 1]));
      let stop = false;
      // Writers keep saving until the kill; only 200 answers count as acknowledged.
      const writers = ids.map(async (id) => {
        while (!stop) {
          try {
            const rev = revisions.get(id)!;
            const r = await fetch(`${victim.url}/api/drafts/${id}`, {
              method: "PUT",
              headers: session,
              body: JSON.stringify({ revision: rev, description: `rev ${rev + 1}` }),
            });
            if (r.status !== 200) break;
            const body = await r.json();
            revisions.set(id, body.revision);
            acknowledged.set(id, body.revision);
          } catch {
            break;
          }
        }
      });
      await new Promise((r) => setTimeout(r, 1500));
      const pid = victim.pid;
      expect(pid).toBeGreaterThan(0);
      process.kill(pid, "SIGKILL");
      stop = true;
      await Promise.all(writers);
      expect(acknowledged.size).toBe(5);

      const check = new Database(path.join(dataDir, "console.db"));
      expect(check.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
      check.close();

      victim = await startServer({}, { dataDir });
      const again = await apiLogin(victim);
      for (const [id, revision] of acknowledged) {
        const draft = await fetch(`${victim.url}/api/drafts/${id}`, { headers: again }).then((r) => r.json());
        expect(draft.revision).toBeGreaterThanOrEqual(revision);
        expect(draft.description).toBe(`rev ${draft.revision}`);
        const history = await fetch(`${victim.url}/api/drafts/${id}/revisions`, { headers: again }).then((r) => r.json());
        expect(history.revisions.length).toBe(draft.revision - 1);
      }
      await victim.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
