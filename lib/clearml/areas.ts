/** The configuration areas of the ClearML docs page, in the order the editor shows them. */
export const AREAS = [
  { id: "deployment", title: "Deployment" },
  { id: "load-balancer", title: "Load balancer & cookies" },
  { id: "fileserver", title: "File server" },
  { id: "cloudflare", title: "Cloudflare tunnels" },
  { id: "web-login", title: "Web login" },
  { id: "watchdog", title: "Task watchdog" },
  { id: "cors", title: "CORS" },
  { id: "ui-actions", title: "UI context-menu actions" },
  { id: "credentials", title: "Credentials" },
  { id: "storage", title: "Storage credentials" },
  { id: "databases", title: "Databases" },
  { id: "overrides", title: "Dynamic overrides" },
  { id: "general", title: "Logging & general" },
  { id: "all-settings", title: "All settings" },
] as const;

export type AreaId = (typeof AREAS)[number]["id"];
