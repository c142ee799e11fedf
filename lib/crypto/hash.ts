import { createHash, randomBytes } from "node:crypto";

/** Hex SHA-256 of text (as UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * A record id made by the console, not the database, so it is known before the row is written
 * (sealed drafts bind their id; an export names itself in its manifest). Sorts by creation time.
 */
export function newRecordId(prefix: string): string {
  return prefix + Date.now().toString(36) + randomBytes(9).toString("base64url");
}
