import { db, ready } from "../db/client";
import { sha256Hex } from "../crypto/hash";
import { randomToken } from "./crypto";

export const SESSION_COOKIE = "console_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface Actor {
  userId: string;
  username: string;
  via: "session" | "token";
  sessionId?: string;
}

export async function createSession(userId: string, ip: string | null): Promise<{ token: string; expiresAt: Date }> {
  await ready();
  const token = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  // Sweep expired sessions here: sign-ins are rare enough, and nothing else needs a timer.
  await db().session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db().session.create({ data: { id: sha256Hex(token), userId, expiresAt, ip } });
  return { token, expiresAt };
}

export async function actorForSession(token: string): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  await ready();
  const id = sha256Hex(token);
  const session = await db().session.findUnique({ where: { id }, include: { user: true } });
  if (!session) return null;
  if (session.expiresAt.getTime() <= Date.now()) {
    await db().session.deleteMany({ where: { id } });
    return null;
  }
  return { userId: session.userId, username: session.user.username, via: "session", sessionId: id };
}

export async function endSession(sessionId: string): Promise<void> {
  await ready();
  await db().session.deleteMany({ where: { id: sessionId } });
}

/** The Set-Cookie value: HttpOnly and SameSite=Lax always, Secure when the console is reached over https. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie("", new Date(0), secure);
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
