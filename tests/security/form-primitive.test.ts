import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Security item 4: a form submitted natively (before hydration, or with JavaScript off) must be a POST,
 * never a GET with its fields in the URL. components/ui/form.tsx is the one place that renders `<form>`
 * and pins method="post"; everything else must use it (tests/e2e/no-script-forms.test.ts checks the pages).
 */
const root = process.cwd();
const PRIMITIVE = path.join("components", "ui", "form.tsx");

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(tsx?|jsx?|mdx)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

const files = [...sources("components"), ...sources("app")];

/** `<form`, `<form>` or createElement("form"): a raw form element, however it is written. */
const RAW_FORM = /<form(?=[\s>/])|createElement\(\s*["'`]form["'`]/;
/** Per-button overrides that would turn a native submit back into a GET or send it elsewhere. */
const OVERRIDES = /\bform(Method|Action|EncType|Target)\s*[=:]/;

describe("every form goes through components/ui/form.tsx", () => {
  it("finds the sources it checks", () => {
    expect(files).toContain(PRIMITIVE);
    expect(files.length).toBeGreaterThan(10);
  });

  it("has no raw <form> outside the primitive", () => {
    const offenders = files.filter((file) => file !== PRIMITIVE && RAW_FORM.test(readFileSync(path.join(root, file), "utf8")));
    expect(offenders, "use <Form> from @/components/ui/form instead of <form>").toEqual([]);
  });

  it("has no button that overrides the form's method or target", () => {
    const offenders = files.filter((file) => OVERRIDES.test(readFileSync(path.join(root, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the primitive pins method=post after the caller's props", () => {
    const source = readFileSync(path.join(root, PRIMITIVE), "utf8");
    expect(source).toMatch(/<form \{\.\.\.props\} method="post" action=\{pathname\}>/);
    expect(source).not.toMatch(/\sencType=/); // url-encoded: Next.js never reads such a body for a page
  });
});
