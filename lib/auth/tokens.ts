import { NotFoundError } from "../core/errors";
import { db, ready } from "../db/client";
import { sha256Hex } from "../crypto/hash";
import { randomToken } from "./crypto";
import type { Actor } from "./sessions";

export const TOKEN_PREFIX = "cmc_";

export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  username: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Returns the token once; only its sha256 is stored. */
export async function createToken(userId: string, name: string): Promise<{ token: string; summary: TokenSummary }> {
  await ready();
  const token = randomToken(TOKEN_PREFIX);
  const row = await db().apiToken.create({
    data: { name, tokenHash: sha256Hex(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6), userId },
    include: { user: true },
  });
  return { token, summary: summarize(row) };
}

function summarize(row: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  user: { username: string };
}): TokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    username: row.user.username,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listTokens(): Promise<TokenSummary[]> {
  await ready();
  const rows = await db().apiToken.findMany({ orderBy: { createdAt: "desc" }, include: { user: true } });
  return rows.map(summarize);
}

export async function revokeToken(id: string): Promise<TokenSummary> {
  await ready();
  const row = await db().apiToken.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`Token ${id}`);
  const updated = await db().apiToken.update({
    where: { id },
    data: { revokedAt: row.revokedAt ?? new Date() },
    include: { user: true },
  });
  return summarize(updated);
}

export async function actorForToken(token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  await ready();
  const row = await db().apiToken.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { user: true } });
  if (!row || row.revokedAt) return null;
  await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { userId: row.userId, username: row.user.username, via: "token" };
}
