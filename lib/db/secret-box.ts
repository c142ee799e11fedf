import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseFile, type Env } from "./location";

/**
 * Settings documents hold ClearML secrets (secure.conf values, plaintext fixed-user passwords),
 * so the console stores them only sealed with AES-256-GCM. The key comes from CONSOLE_SECRET_KEY
 * (32 bytes as 64 hex characters or base64), else from a key file created beside the database.
 */
const PREFIX = "enc:v1:";

export function keyFilePath(env: Env = process.env): string {
  return path.join(path.dirname(databaseFile(env)), "console.key");
}

function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new Error(`${where} must hold 32 bytes as 64 hex characters or base64 (e.g. \`openssl rand -base64 32\`)`);
  }
  return key;
}

export function loadSecretKey(env: Env = process.env): Buffer {
  if (env.CONSOLE_SECRET_KEY) return decodeKey(env.CONSOLE_SECRET_KEY, "CONSOLE_SECRET_KEY");
  const file = keyFilePath(env);
  if (!existsSync(file)) {
    // "wx" fails if another process created it first; then we read theirs.
    try {
      writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  chmodSync(file, 0o600);
  return decodeKey(readFileSync(file, "utf8"), `The key file ${file}`);
}

const holder = globalThis as unknown as { consoleSecretKey?: Buffer };
function key(): Buffer {
  holder.consoleSecretKey ??= loadSecretKey();
  return holder.consoleSecretKey;
}

/** Forgets the cached key, for tests that switch databases. */
export function resetSecretKey(): void {
  holder.consoleSecretKey = undefined;
}

/** `context` (the draft id) is bound in as associated data, so sealed values cannot be moved between rows. */
export function seal(plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function open(stored: string, context: string): string {
  if (!isSealed(stored)) return stored; // written before encryption existed; sealed again on next save
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("A stored draft cannot be decrypted: the console secret key does not match the one it was saved with");
  }
}
