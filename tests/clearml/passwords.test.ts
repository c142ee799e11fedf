// Hashed fixed-user passwords must verify with Python's bcrypt, the library ClearML Server uses:
// bcrypt.checkpw(pw, base64.b64decode(stored)).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { emptyDocument, valueAt } from "@/lib/clearml/document";
import { BCRYPT_COST, hashPassword, isHashedPassword, sealPasswords } from "@/lib/clearml/passwords";
import type { FixedUser } from "@/lib/clearml/registry";

function serverAccepts(password: string, stored: string): boolean {
  const code = "import bcrypt,base64,sys; sys.exit(0 if bcrypt.checkpw(sys.argv[1].encode(), base64.b64decode(sys.argv[2].encode('ascii'))) else 1)";
  const r = spawnSync("/usr/bin/python3", ["-c", code, password, stored], { encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1) throw new Error(`python3-bcrypt failed: ${r.stderr}`);
  return r.status === 0;
}

describe("passwords", () => {
  it("hash at the default cost verifies with Python bcrypt, and only for the right password", async () => {
    const stored = await hashPassword("correct horse ✓");
    expect(BCRYPT_COST).toBe(12);
    expect(atob(stored)).toMatch(/^\$2[ab]\$12\$/);
    expect(isHashedPassword(stored)).toBe(true);
    expect(serverAccepts("correct horse ✓", stored)).toBe(true);
    expect(serverAccepts("correct horse", stored)).toBe(false);
  });

  it("recognises the docs' example hash and rejects raw or wrapped forms", () => {
    const docs = "JDJiJDEyJDk3OHBFcHFlNEsxTkFoZDlPcGZsbC5sU1pmM3huZ1RpeHc0ay5WUjlzTzN5WE1WRXJrUmhp";
    expect(serverAccepts("123456", docs)).toBe(true);
    expect(isHashedPassword(docs)).toBe(true);
    expect(isHashedPassword(atob(docs))).toBe(false);
    expect(isHashedPassword(`b'${docs}'`)).toBe(false);
    expect(isHashedPassword("123456")).toBe(false);
  });

  it("sealPasswords hashes plaintext, keeps hashes, and never returns plaintext", async () => {
    const doc = emptyDocument();
    const existing = await hashPassword("kept", 4);
    doc.settings = {
      apiserver: { auth: { fixed_users: { enabled: true, pass_hashed: true, users: [
        { username: "a", password: "s3cret pass", name: "A" },
        { username: "b", password: existing, name: "B" },
      ] } } },
    };
    const { document, issues, hashed } = await sealPasswords(doc, 4);
    expect(issues).toEqual([]);
    expect(hashed).toBe(1);
    const users = valueAt(document, "settings.apiserver.auth.fixed_users.users") as FixedUser[];
    expect(JSON.stringify(document)).not.toContain("s3cret pass");
    expect(serverAccepts("s3cret pass", users[0]!.password)).toBe(true);
    expect(users[1]!.password).toBe(existing);
    // The input document is not modified.
    expect(JSON.stringify(doc)).toContain("s3cret pass");
  });

  it("sealPasswords refuses passwords over 72 bytes and leaves pass_hashed:false documents alone", async () => {
    const doc = emptyDocument();
    doc.settings = { apiserver: { auth: { fixed_users: { pass_hashed: true, users: [{ username: "a", password: "x".repeat(73), name: "A" }] } } } };
    const r = await sealPasswords(doc, 4);
    expect(r.issues).toEqual([{ path: "settings.apiserver.auth.fixed_users.users.0.password", message: expect.stringContaining("72") }]);
    const plain = emptyDocument();
    plain.settings = { apiserver: { auth: { fixed_users: { users: [{ username: "a", password: "p", name: "A" }] } } } };
    expect((await sealPasswords(plain, 4)).document).toBe(plain);
  });
});
