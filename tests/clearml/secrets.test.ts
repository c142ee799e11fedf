import { describe, expect, it } from "vitest";
import { generateAllCredentials, generateKey, generateSecret, PUBLIC_DEFAULT_SECRETS } from "@/lib/clearml/secrets";
import { readFileSync } from "node:fs";
import path from "node:path";
import { SHARED } from "./fixtures";

describe("secrets", () => {
  it("keys have 30 characters, secrets 50 or more, from a quoting-safe alphabet starting with a letter", () => {
    for (let i = 0; i < 200; i++) {
      expect(generateKey()).toMatch(/^[A-Za-z][A-Za-z0-9]{29}$/);
      expect(generateSecret()).toMatch(/^[A-Za-z][A-Za-z0-9]{49,}$/);
    }
  });

  it("values are random (no repeats, every character used)", () => {
    const many = Array.from({ length: 500 }, generateSecret);
    expect(new Set(many).size).toBe(many.length);
    expect(new Set(many.join("")).size).toBe(62);
  });

  it("generates every secure.conf secret", () => {
    const all = generateAllCredentials();
    expect(Object.keys(all)).toHaveLength(12);
    for (const v of Object.values(all)) expect(Object.values(PUBLIC_DEFAULT_SECRETS)).not.toContain(v);
  });

  it("the known public defaults are the shipped secure.conf values", () => {
    const tree = JSON.parse(readFileSync(path.join(SHARED, "clearml/defaults/v2.3.0/effective_defaults.apiserver.json"), "utf8"));
    for (const [key, value] of Object.entries(PUBLIC_DEFAULT_SECRETS)) {
      expect(key.split(".").reduce((n, k) => n[k], tree), key).toBe(value);
    }
  });
});
