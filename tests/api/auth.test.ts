import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN } from "../helpers/admin";
import { createTempDatabase } from "../helpers/temp-db";

const base = "http://console.test";
let login: typeof import("@/app/api/auth/login/route");
let logout: typeof import("@/app/api/auth/logout/route");
let me: typeof import("@/app/api/auth/me/route");
let setup: typeof import("@/app/api/auth/setup/route");
let users: typeof import("@/app/api/users/route");
let user: typeof import("@/app/api/users/[id]/route");
let password: typeof import("@/app/api/account/password/route");
let tokens: typeof import("@/app/api/tokens/route");
let token: typeof import("@/app/api/tokens/[id]/route");
let auditRoute: typeof import("@/app/api/audit/route");
let drafts: typeof import("@/app/api/drafts/route");
let cleanup: () => void;

beforeAll(async () => {
  cleanup = createTempDatabase().cleanup;
  [login, logout, me, setup, users, user, password, tokens, token, auditRoute, drafts] = await Promise.all([
    import("@/app/api/auth/login/route"),
    import("@/app/api/auth/logout/route"),
    import("@/app/api/auth/me/route"),
    import("@/app/api/auth/setup/route"),
    import("@/app/api/users/route"),
    import("@/app/api/users/[id]/route"),
    import("@/app/api/account/password/route"),
    import("@/app/api/tokens/route"),
    import("@/app/api/tokens/[id]/route"),
    import("@/app/api/audit/route"),
    import("@/app/api/drafts/route"),
  ]);
});

afterAll(async () => {
  await (await import("@/lib/db/client")).disconnect();
  cleanup();
});

/** A request as the console's own page would send it; a header given as "" is left out. */
function request(method: string, body?: unknown, headers: Record<string, string> = {}, ip = "10.0.0.1") {
  const all = { "content-type": "application/json", origin: base, "x-console-peer": ip, ...headers };
  return new Request(base + "/x", {
    method,
    headers: Object.fromEntries(Object.entries(all).filter(([, value]) => value !== "")),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

function cookieOf(response: Response): string {
  const header = response.headers.get("set-cookie") ?? "";
  return header.split(";")[0];
}

describe("first admin, sign-in and sessions", () => {
  it("creates the first admin with the one-time setup token only", async () => {
    const { bootstrapFirstAdmin } = await import("@/lib/auth/users");
    const first = await bootstrapFirstAdmin({});
    expect(first.kind).toBe("setup");
    const setupToken = first.kind === "setup" ? first.token : "";

    const wrong = await setup.POST(request("POST", { ...TEST_ADMIN, setupToken: "setup_wrong" }));
    expect(wrong.status).toBe(403);
    const weak = await setup.POST(request("POST", { username: "admin", password: "short", setupToken }));
    expect(weak.status).toBe(422);
    expect((await weak.json()).issues[0].path).toBe("password");

    const ok = await setup.POST(request("POST", { ...TEST_ADMIN, setupToken }));
    expect(ok.status).toBe(201);
    expect(ok.headers.get("set-cookie")).toMatch(/console_session=.+; Path=\/; HttpOnly; SameSite=Lax/);

    const again = await setup.POST(request("POST", { username: "other", password: "another-long-password", setupToken }));
    expect(again.status).toBe(403);
    expect((await bootstrapFirstAdmin({})).kind).toBe("exists");
  });

  it("signs in, answers /me, and signs out for good", async () => {
    const response = await login.POST(request("POST", TEST_ADMIN));
    expect(response.status).toBe(200);
    const cookie = cookieOf(response);
    expect(response.headers.get("set-cookie")).not.toContain("Secure");

    const who = await me.GET(request("GET", undefined, { cookie }));
    expect(await who.json()).toEqual({ username: "admin", via: "session" });

    expect((await logout.POST(request("POST", undefined, { cookie }))).status).toBe(200);
    expect((await me.GET(request("GET", undefined, { cookie }))).status).toBe(401);
  });

  it("marks the cookie Secure when the console is reached over https", async () => {
    const secure = new Request("https://console.test/x", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://console.test" },
      body: JSON.stringify(TEST_ADMIN),
    });
    const response = await login.POST(secure);
    expect(response.headers.get("set-cookie")).toMatch(/; Secure$/);
  });

  it("refuses wrong passwords and unknown users with the same message", async () => {
    const wrong = await login.POST(request("POST", { username: "admin", password: "nope" }, {}, "10.0.0.2"));
    const unknown = await login.POST(request("POST", { username: "ghost", password: "nope" }, {}, "10.0.0.3"));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).error).toBe((await unknown.json()).error);
  });

  it("rate-limits failed sign-ins per username, even with the right password", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await login.POST(request("POST", { username: "limited", password: "wrong" }, {}, `10.1.0.${i}`));
      expect(r.status).toBe(401);
    }
    const blocked = await login.POST(request("POST", { username: "limited", password: "wrong" }, {}, "10.1.0.99"));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("rate-limits failed sign-ins per address across usernames", async () => {
    for (let i = 0; i < 20; i++) {
      await login.POST(request("POST", { username: `user${i}`, password: "wrong" }, {}, "10.2.0.1"));
    }
    const blocked = await login.POST(request("POST", TEST_ADMIN, {}, "10.2.0.1"));
    expect(blocked.status).toBe(429);
    const elsewhere = await login.POST(request("POST", TEST_ADMIN, {}, "10.2.0.2"));
    expect(elsewhere.status).toBe(200);
  });

  it("expires sessions", async () => {
    const { db } = await import("@/lib/db/client");
    const cookie = cookieOf(await login.POST(request("POST", TEST_ADMIN)));
    await db().session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await me.GET(request("GET", undefined, { cookie }))).status).toBe(401);
    await db().session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    await login.POST(request("POST", TEST_ADMIN));
    // The next sign-in sweeps every expired session away; only the new one is left.
    expect(await db().session.count({ where: { expiresAt: { lt: new Date() } } })).toBe(0);
  });
});

describe("CSRF", () => {
  it("refuses state changes with a session cookie from another origin or with no origin at all", async () => {
    const cookie = cookieOf(await login.POST(request("POST", TEST_ADMIN)));
    const foreign = await drafts.POST(request("POST", { name: "x" }, { cookie, origin: "https://evil.example" }));
    expect(foreign.status).toBe(403);
    const crossSite = await drafts.POST(request("POST", { name: "x" }, { cookie, origin: "", "sec-fetch-site": "cross-site" }));
    expect(crossSite.status).toBe(403);
    const bare = new Request(base + "/x", { method: "POST", headers: { cookie }, body: JSON.stringify({ name: "x" }) });
    expect((await drafts.POST(bare)).status).toBe(403);
    const same = await drafts.POST(request("POST", { name: "ok" }, { cookie, "sec-fetch-site": "same-origin" }));
    expect(same.status).toBe(201);
  });

  it("refuses an export started by a link on another site, but not one from the console or a script", async () => {
    const cookie = cookieOf(await login.POST(request("POST", TEST_ADMIN)));
    const created = await (await drafts.POST(request("POST", { name: "exported" }, { cookie }))).json();
    const bundle = await import("@/app/api/drafts/[id]/bundle/route");
    const get = (headers: Record<string, string>) =>
      bundle.GET(new Request(`${base}/api/drafts/${created.id}/bundle`, { headers: { cookie, ...headers } }), ctx(created.id));
    expect((await get({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await get({ "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await get({})).status).toBe(200);
  });

  it("refuses a cross-site sign-in form post", async () => {
    const response = await login.POST(request("POST", TEST_ADMIN, { origin: "https://evil.example" }));
    expect(response.status).toBe(403);
  });
});

describe("API tokens, admins and the audit log", () => {
  it("creates a bearer token that works without a cookie and stops working when revoked", async () => {
    const cookie = cookieOf(await login.POST(request("POST", TEST_ADMIN)));
    const created = await tokens.POST(request("POST", { name: "CI" }, { cookie }));
    expect(created.status).toBe(201);
    const { id, token: secret } = await created.json();
    expect(secret).toMatch(/^cmc_/);

    const listed = await (await tokens.GET(request("GET", undefined, { cookie }))).json();
    expect(JSON.stringify(listed)).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}`, origin: "" };
    // Bearer requests carry no ambient credentials, so no origin check applies to them.
    const viaToken = await drafts.POST(request("POST", { name: "from CI" }, bearer));
    expect(viaToken.status).toBe(201);

    expect((await token.DELETE(request("DELETE", undefined, { cookie }), ctx(id))).status).toBe(200);
    expect((await drafts.GET(request("GET", undefined, bearer))).status).toBe(401);
  });

  it("adds and removes admins, but never the last one, and changes a password", async () => {
    const cookie = cookieOf(await login.POST(request("POST", TEST_ADMIN)));
    const added = await users.POST(request("POST", { username: "second", password: "second-admin-password" }, { cookie }));
    expect(added.status).toBe(201);
    const duplicate = await users.POST(request("POST", { username: "second", password: "second-admin-password" }, { cookie }));
    expect(duplicate.status).toBe(422);
    const tooLong = await users.POST(request("POST", { username: "third", password: "é".repeat(40) }, { cookie }));
    expect(tooLong.status).toBe(422);

    const list = (await (await users.GET(request("GET", undefined, { cookie }))).json()).users;
    const second = list.find((u: { username: string }) => u.username === "second");
    expect((await user.DELETE(request("DELETE", undefined, { cookie }), ctx(second.id))).status).toBe(204);
    const admin = list.find((u: { username: string }) => u.username === "admin");
    const last = await user.DELETE(request("DELETE", undefined, { cookie }), ctx(admin.id));
    expect(last.status).toBe(409);

    const wrongCurrent = await password.PUT(
      request("PUT", { currentPassword: "nope", newPassword: "a-brand-new-password" }, { cookie }),
    );
    expect(wrongCurrent.status).toBe(422);
    const changed = await password.PUT(
      request("PUT", { currentPassword: TEST_ADMIN.password, newPassword: "a-brand-new-password" }, { cookie }),
    );
    expect(changed.status).toBe(200);
    expect((await login.POST(request("POST", { username: "admin", password: "a-brand-new-password" }, {}, "10.9.0.1"))).status).toBe(200);
    await password.PUT(request("PUT", { currentPassword: "a-brand-new-password", newPassword: TEST_ADMIN.password }, { cookie }));
  });

  it("records sign-ins, failures, token and user changes with who and where, filterable", async () => {
    const cookie = cookieOf(await login.POST(request("POST", TEST_ADMIN, {}, "10.5.5.5")));
    const all = (await (await auditRoute.GET(new Request(base + "/api/audit", { headers: { cookie } }))).json()).events;
    const actions = new Set(all.map((e: { action: string }) => e.action));
    for (const action of ["login", "login.failed", "login.throttled", "logout", "token.created", "token.revoked", "user.created", "user.deleted", "user.password-changed", "draft.created", "setup.admin-created"]) {
      expect(actions).toContain(action);
    }
    expect(all[0]).toMatchObject({ actor: "admin", action: "login", ip: "10.5.5.5", success: true });
    const failed = (await (await auditRoute.GET(new Request(base + "/api/audit?action=login.failed", { headers: { cookie } }))).json()).events;
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((e: { action: string; success: boolean }) => e.action === "login.failed" && !e.success)).toBe(true);
    expect(JSON.stringify(all)).not.toContain(TEST_ADMIN.password);
  });
});
