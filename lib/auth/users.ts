import type { Env } from "../db/location";
import { AppError, ConflictError, NotFoundError } from "../core/errors";
import { db, ready } from "../db/client";
import { sha256Hex } from "../crypto/hash";
import { randomToken, safeEqual } from "./crypto";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords";
import { newUserBody } from "./schemas";

export interface UserSummary {
  id: string;
  username: string;
  createdAt: string;
}

export async function countUsers(): Promise<number> {
  await ready();
  return db().user.count();
}

export async function listUsers(): Promise<UserSummary[]> {
  await ready();
  const rows = await db().user.findMany({ orderBy: { username: "asc" } });
  return rows.map((u) => ({ id: u.id, username: u.username, createdAt: u.createdAt.toISOString() }));
}

export async function createUser(username: string, password: string): Promise<UserSummary> {
  await ready();
  const existing = await db().user.findUnique({ where: { username } });
  if (existing) throw new AppError("unprocessable", "That username is taken", [{ path: "username", message: "Already exists" }]);
  const user = await db().user.create({ data: { username, passwordHash: await hashPassword(password) } });
  return { id: user.id, username: user.username, createdAt: user.createdAt.toISOString() };
}

export async function deleteUser(id: string): Promise<UserSummary> {
  await ready();
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new NotFoundError(`User ${id}`);
    if ((await tx.user.count()) <= 1) throw new ConflictError("The last console admin cannot be removed");
    await tx.user.delete({ where: { id } });
    return { id: user.id, username: user.username, createdAt: user.createdAt.toISOString() };
  });
}

/** Checks the current password; on success other sessions of the user are ended. */
export async function changePassword(userId: string, current: string, next: string, keepSessionId?: string) {
  await ready();
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError("User");
  if (!(await verifyPassword(current, user.passwordHash))) {
    throw new AppError("unprocessable", "The current password is wrong", [{ path: "currentPassword", message: "Wrong password" }]);
  }
  await db().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next) } });
  await db().session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
}

export async function checkCredentials(username: string, password: string): Promise<UserSummary | null> {
  await ready();
  const user = await db().user.findUnique({ where: { username } });
  if (!user) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, username: user.username, createdAt: user.createdAt.toISOString() };
}

const SETUP_TOKEN_KEY = "setup-token-sha256";

/**
 * First start: create the admin from CONSOLE_ADMIN_USERNAME/PASSWORD, or else issue a one-time
 * setup token for /setup. Returns the token so the server can print it; it is stored only hashed.
 */
export async function bootstrapFirstAdmin(env: Env = process.env): Promise<
  { kind: "exists" } | { kind: "created"; username: string } | { kind: "setup"; token: string }
> {
  if ((await countUsers()) > 0) return { kind: "exists" };
  const username = env.CONSOLE_ADMIN_USERNAME;
  const password = env.CONSOLE_ADMIN_PASSWORD;
  if (username && password) {
    const parsed = newUserBody.safeParse({ username, password });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`CONSOLE_ADMIN_USERNAME/CONSOLE_ADMIN_PASSWORD are not acceptable (${problems})`);
    }
    await createUser(parsed.data.username, parsed.data.password);
    return { kind: "created", username: parsed.data.username };
  }
  const token = randomToken("setup_");
  await db().setting.upsert({
    where: { key: SETUP_TOKEN_KEY },
    create: { key: SETUP_TOKEN_KEY, value: sha256Hex(token) },
    update: { value: sha256Hex(token) },
  });
  return { kind: "setup", token };
}

export async function setupNeeded(): Promise<boolean> {
  return (await countUsers()) === 0;
}

/** Creates the first admin if the token matches and nobody has done it yet; the token then dies. */
export async function completeSetup(token: string, username: string, password: string): Promise<UserSummary> {
  await ready();
  const stored = await db().setting.findUnique({ where: { key: SETUP_TOKEN_KEY } });
  if (!stored || !safeEqual(stored.value, sha256Hex(token))) {
    throw new AppError("forbidden", "The setup token is wrong or was already used", [{ path: "setupToken", message: "Invalid" }]);
  }
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw new AppError("conflict", "Setup is already complete");
    await tx.setting.delete({ where: { key: SETUP_TOKEN_KEY } });
    const user = await tx.user.create({ data: { username, passwordHash } });
    return { id: user.id, username: user.username, createdAt: user.createdAt.toISOString() };
  });
}
