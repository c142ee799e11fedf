/**
 * Starting points for a new draft. Each preset is data plus the values it must generate (secrets and the first
 * web-login password come from crypto randomness). Browser-safe; passwords are hashed before the draft is saved.
 */
import { putAt } from "../hocon/tree";
import type { HoconObject } from "../hocon/types";
import { emptyDocument, type SettingsDocument } from "./document";
import { generateAllCredentials, randomToken } from "./secrets";

export type PresetId = "blank" | "single-ip-dev" | "subdomains-https-lb" | "hardened";

export interface Preset {
  id: PresetId;
  title: string;
  description: string;
}

export const PRESETS: readonly Preset[] = [
  { id: "blank", title: "Empty draft", description: "ClearML's defaults; nothing changed." },
  {
    id: "single-ip-dev",
    title: "Single-IP development",
    description: "One host over http with the web app on 8080, the API on 8008 and files on 8081. Enter your host's address.",
  },
  {
    id: "subdomains-https-lb",
    title: "Subdomains behind an HTTPS load balancer",
    description: "app., api. and files. under one base domain, https with a secure cookie, and the listener plan with an HTTP redirect.",
  },
  {
    id: "hardened",
    title: "Hardened production",
    description: "Web login with a hashed password, freshly generated secrets, database ports closed and the file-server token check on.",
  },
];

export interface PresetDraft {
  document: SettingsDocument;
  /** The generated first web-login user, shown once so the admin can write the password down. */
  initialUser?: { username: string; password: string };
}

/** Randomness is injectable so tests can pin it. */
export function presetDraft(
  id: PresetId,
  generate: { credentials: () => Record<string, string>; password: () => string } = {
    credentials: generateAllCredentials,
    password: () => randomToken(20),
  },
): PresetDraft {
  const document = emptyDocument();
  switch (id) {
    case "blank":
      return { document };
    case "single-ip-dev":
      document.deployment = { mode: "single-ip", scheme: "http", host: "localhost" };
      return { document };
    case "subdomains-https-lb":
      document.deployment = {
        mode: "subdomains",
        scheme: "https",
        baseDomain: "clearml.example.com",
        loadBalancer: { enabled: true, httpRedirect: true },
      };
      return { document };
    case "hardened": {
      const password = generate.password();
      const settings: HoconObject = {
        apiserver: {
          auth: {
            fixed_users: { enabled: true, pass_hashed: true, users: [{ username: "admin", password, name: "Administrator" }] },
            cookies: { httponly: true },
          },
          statistics: { supported: false },
        },
        fileserver: { auth: { enabled: true } },
      };
      for (const [key, value] of Object.entries(generate.credentials())) putAt(settings, key.split("."), value);
      document.settings = settings;
      document.deployment = { scheme: "https" };
      document.environment = {
        expose: { mongodb: { enabled: false }, elastic: { enabled: false }, redis: { enabled: false } },
      };
      return { document, initialUser: { username: "admin", password } };
    }
  }
}
