/**
 * Hashes fixed-user passwords in the browser before a preview or save, one at a time with progress, and
 * remembers each hash so a password is hashed once however often the preview updates. The server seals
 * whatever is still plain text, so this is about speed and progress, not trust.
 */
import { explicitValue } from "../clearml/deployment";
import type { SettingsDocument } from "../clearml/document";
import { hashPassword, isHashedPassword, MAX_PASSWORD_BYTES, passwordBytes } from "../clearml/passwords";
import type { FixedUser } from "../clearml/registry";

const BASE = "settings.apiserver.auth.fixed_users";

export type HashCache = Map<string, string>;

function users(document: SettingsDocument): FixedUser[] {
  const list = explicitValue(document, `${BASE}.users`);
  return Array.isArray(list) ? (list as FixedUser[]) : [];
}

/** Plain-text passwords that still need hashing (hashing on, not cached, short enough to hash). */
export function pendingPasswords(document: SettingsDocument, cache: HashCache): string[] {
  if (explicitValue(document, `${BASE}.pass_hashed`) !== true) return [];
  const out = new Set<string>();
  for (const u of users(document)) {
    const pw = u?.password;
    if (typeof pw !== "string" || pw === "" || isHashedPassword(pw) || cache.has(pw)) continue;
    if (passwordBytes(pw) > MAX_PASSWORD_BYTES) continue;
    out.add(pw);
  }
  return [...out];
}

/** Hashes `passwords` sequentially into the cache; stops early when `cancelled()` turns true. */
export async function hashInto(
  cache: HashCache,
  passwords: string[],
  onProgress: (done: number, total: number) => void,
  cancelled: () => boolean = () => false,
): Promise<void> {
  onProgress(0, passwords.length);
  for (let i = 0; i < passwords.length; i++) {
    if (cancelled()) return;
    const pw = passwords[i]!;
    if (!cache.has(pw)) cache.set(pw, await hashPassword(pw));
    onProgress(i + 1, passwords.length);
  }
}

/** The document with every cached plain-text password replaced by its hash (when hashing is on). */
export function withHashes(document: SettingsDocument, cache: HashCache): SettingsDocument {
  if (explicitValue(document, `${BASE}.pass_hashed`) !== true || users(document).length === 0) return document;
  const copy = structuredClone(document);
  for (const u of users(copy)) {
    const hash = typeof u?.password === "string" ? cache.get(u.password) : undefined;
    if (hash) u.password = hash;
  }
  return copy;
}
