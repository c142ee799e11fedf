import { describe, expect, it } from "vitest";
import { loginPath, safeNextPath } from "@/lib/auth/next-path";

describe("safeNextPath", () => {
  it("keeps a path on this console, with its query and hash", () => {
    expect(safeNextPath("/drafts")).toBe("/drafts");
    expect(safeNextPath("/drafts/abc?area=web#x")).toBe("/drafts/abc?area=web#x");
  });

  it("refuses anything that could leave the site or loop", () => {
    for (const bad of [
      "https://example.com/",
      "//example.com/x",
      "/\\example.com",
      "\\\\example.com",
      "/%09/example.com".replace("%09", "\t"),
      "javascript:alert(1)",
      "drafts",
      "",
      "/login",
      "/login?next=/drafts",
      "/setup",
      "/api/drafts",
      "/" + "a".repeat(3000),
    ]) {
      expect(safeNextPath(bad), bad).toBeNull();
    }
    expect(safeNextPath(["/drafts"])).toBeNull();
    expect(safeNextPath(undefined)).toBeNull();
  });

  it("builds the sign-in address with the path encoded, or plain /login", () => {
    expect(loginPath("/drafts/abc?area=web")).toBe("/login?next=%2Fdrafts%2Fabc%3Farea%3Dweb");
    expect(loginPath("/")).toBe("/login");
    expect(loginPath("//example.com")).toBe("/login");
    expect(loginPath(null)).toBe("/login");
  });
});
