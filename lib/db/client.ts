import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { databaseUrl } from "./location";

const BUSY_TIMEOUT_MS = 5000;

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

// One client per process; Next.js dev reloads modules, so keep it on globalThis.
const holder = globalThis as unknown as { consolePrisma?: PrismaClient; consolePragmas?: Promise<void> };

export function db(): PrismaClient {
  holder.consolePrisma ??= createClient();
  return holder.consolePrisma;
}

/** WAL lets readers run during a save; the busy timeout makes writers wait instead of failing. */
export function ready(): Promise<void> {
  holder.consolePragmas ??= (async () => {
    const client = db();
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await client.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  })();
  return holder.consolePragmas;
}

export async function disconnect(): Promise<void> {
  await holder.consolePrisma?.$disconnect();
  holder.consolePrisma = undefined;
  holder.consolePragmas = undefined;
}
