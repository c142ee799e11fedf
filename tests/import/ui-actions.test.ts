// Issue 14.6: UI actions. The docs' own example (configuring-clearml-server.md, "Custom UI Context Menu Actions")
// has payload "{'foo': 'bar'}" with Content-Type application/json: a warning, and it must export. A header name
// that is not an HTTP token (RFC 9110 tchar) makes the browser refuse the request: an error. A URL without
// http(s):// is read relative to the web app: a warning. Through import and through the form.
import { describe, expect, it } from "vitest";
import type { SettingsDocument } from "@/lib/clearml/document";
import { render, type RenderMeta } from "@/lib/clearml/render";
import { effective, exportDocument, exported, importOriginal } from "./helpers";

const meta: RenderMeta = { draftId: "ui", revision: 1, consoleVersion: "test" };
const P = "settings.services.organization.ui_actions.project.0.action";

/** The docs' example, verbatim. */
const DOCS_EXAMPLE = `organization.ui_actions: {
  # key is the object type: project / task / model / dataview / queue
  project: [ 
    {
        # name of action which will appear in the context menu
        name: "Action Item Name"
        tooltip: "Custom action 1"
        # action specifies the HTTP request performed by the browser when clicking the action
        action {  
           # request method, options are GET / POST / DELETE
           method: GET  
           # request URL, may contain \${id} which will be replaced by the object's ID
           url: "http://example.com/\${id}"
           # Request payload (any string)  
           payload: "{'foo': 'bar'}"
           # Request headers, custom key/value header values  
           headers {  
              # example: specify to the request target that the payload is in JSON format  
              "Content-Type": "application/json"  
           }
        }
     }
  ]
}
`;

const project = (action: object) =>
  ({ schemaVersion: 2, settings: { services: { organization: { ui_actions: { project: [{ name: "Open", action: { method: "POST", ...action } }] } } } }, deployment: {}, environment: {} }) as SettingsDocument;
const findings = (d: SettingsDocument, rule: string) => render(d, meta).diagnostics.filter((x) => x.rule === rule);

describe("the docs' example", () => {
  it("imports, warns about the payload at its field, exports, and the server reads the action as written", () => {
    const imported = importOriginal({ name: "docs", files: { "services.conf": DOCS_EXAMPLE } });
    expect(imported.report.diagnostics.filter((d) => d.level === "error")).toEqual([]);
    expect(findings(imported.document, "ui-actions.payload-not-json")).toEqual([expect.objectContaining({ level: "warning", path: `${P}.payload` })]);
    expect(render(imported.document, meta).diagnostics.filter((d) => d.level === "error")).toEqual([]);
    expect(() => exportDocument(imported.document)).not.toThrow();
    const out = exported(imported.document, "apiserver");
    expect(effective("apiserver", out.files, out.env)["services.organization.ui_actions.project"]).toEqual([
      { name: "Action Item Name", tooltip: "Custom action 1", action: { method: "GET", url: "http://example.com/${id}", payload: "{'foo': 'bar'}", headers: { "Content-Type": "application/json" } } },
    ]);
  });

  it("typed in the form the same way, it warns and exports too", () => {
    const d = project({ url: "https://hooks.example.com/${id}", payload: "{'foo': 'bar'}", headers: { "Content-Type": "application/json" } });
    expect(findings(d, "ui-actions.payload-not-json")[0]).toMatchObject({ level: "warning", message: expect.stringContaining('{"foo": "bar"}') });
    expect(() => exportDocument(d)).not.toThrow();
  });
});

describe("ui-actions.header-name", () => {
  it.each(["X Trace Id", "X-Trace:Id", "Zoë", "(comment)", "X/Y"])("%s is an error at the headers field, through the form and import", (name) => {
    const typed = project({ url: "https://hooks.example.com/${id}", headers: { [name]: "1" } });
    const imported = importOriginal({
      name: "header",
      files: { "services.conf": `organization.ui_actions.project: [{ name: "Open", action: { method: POST, url: "https://hooks.example.com/x", headers: { ${JSON.stringify(name)}: "1" } } }]\n` },
    }).document;
    for (const d of [typed, imported]) {
      expect(findings(d, "ui-actions.header-name")).toEqual([expect.objectContaining({ level: "error", path: `${P}.headers`, message: expect.stringContaining(`"${name}"`) })]);
      expect(() => exportDocument(d)).toThrow(expect.objectContaining({ name: "ExportRefusedError" }));
    }
  });

  it.each(["Content-Type", "X-Trace_Id", "x-api-key", "!#$%&'*+-.^_`|~09azAZ"])("%s is a token: quiet", (name) => {
    expect(findings(project({ url: "https://hooks.example.com/${id}", headers: { [name]: "1" } }), "ui-actions.header-name")).toEqual([]);
  });
});

describe("ui-actions.url-scheme", () => {
  it.each([
    ["hooks.example.com/${id}", "https://hooks.example.com/${id}"],
    ["//hooks.example.com/${id}", "https://hooks.example.com/${id}"],
    ["/api/hook/${id}", "https://<host>/api/hook/${id}"],
  ])("%s warns at the URL, naming %s", (url, fixed) => {
    const w = findings(project({ url }), "ui-actions.url-scheme");
    expect(w).toEqual([expect.objectContaining({ level: "warning", path: `${P}.url` })]);
    expect(w[0]!.message).toContain(`"${fixed}"`);
  });

  it("imported without a scheme it warns as well; http:// and https:// are quiet", () => {
    const imported = importOriginal({ name: "url", files: { "services.conf": 'organization.ui_actions.project: [{ name: "Open", action: { method: GET, url: "tracker.example.com/x" } }]\n' } });
    expect(findings(imported.document, "ui-actions.url-scheme").map((w) => w.path)).toEqual([`${P}.url`]);
    for (const url of ["http://x.example.com/${id}", "HTTPS://x.example.com/"]) expect(findings(project({ url }), "ui-actions.url-scheme")).toEqual([]);
  });
});
