/**
 * Keys ClearML Server reads from its code although its default files lack them (REFERENCE.md (a), (c), (e)), and
 * places whose entries are the admin's own: the catalogue (the default files) does not know them, and
 * `settings.unknown-key` / `overrides.unknown-key` must not flag them. A key is known when it is one of these or lies
 * below one. Our own data; one line of why each.
 */
export const CODE_KEYS: readonly { key: string; why: string }[] = [
  { key: "apiserver.request.strip_prefix", why: "the API server strips this URL prefix from requests (code default null)" },
  { key: "apiserver.response.headers.server", why: "the API server's Server response header (code default \"clearml\")" },
  { key: "fileserver.response.headers.server", why: "the file server's Server response header (code default \"clearml\")" },
  { key: "env", why: "top-level env (from an env.conf), put into every JWT (code default \"<unknown>\")" },
  { key: "apiserver.auth.cookies_domain_override", why: "per-company cookie domain, commented out in the defaults" },
  { key: "apiserver.auth.custom_cookies", why: "per-cookie settings that replace auth.cookies for a named cookie; absent in the defaults" },
  { key: "apiserver.auth.fixed_users", why: "enabled, pass_hashed and users: commented out in the defaults, read with code defaults" },
  { key: "services.auth.fixed_users", why: "the guest account and its fields, read next to apiserver.auth.fixed_users" },
  { key: "apiserver.cors", why: "passed as CORS(app, **cors) to flask-cors: any flask-cors option works" },
  { key: "fileserver.cors", why: "passed as CORS(app, **cors) to flask-cors by the file server: any flask-cors option works" },
  { key: "logging", why: "handed to logging.config.dictConfig: any dictConfig key (loggers, handlers, formatters …)" },
  { key: "hosts", why: "database hosts: the admin adds clusters, aliases and hosts of their own" },
  { key: "secure.credentials", why: "accounts the server provisions, one entry per name the admin chooses" },
  { key: "services.storage_credentials", why: "S3, Google Storage and Azure entries the admin adds, for deleting a task's files" },
];

const KNOWN = CODE_KEYS.map((k) => k.key.split("."));

/** True when `path` is one of CODE_KEYS or lies below one. */
export function codeKnown(path: readonly string[]): boolean {
  return KNOWN.some((k) => k.length <= path.length && k.every((s, i) => path[i] === s));
}
