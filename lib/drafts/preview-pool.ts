/**
 * The preview worker pool: rendering a large draft and its effective trees costs tens of milliseconds of CPU, which
 * on the request thread would stall every other request (the health check, the draft list, sign-in). The `preview`
 * use case hands that work to a tinypool of worker threads running dist/preview-worker.mjs (compiled from
 * preview-worker.ts by `npm run build`, or by scripts/start.mjs when missing).
 *
 * Without a compiled worker (a checkout not built yet) the work runs in-thread. Vitest does too, so unit tests
 * exercise the source and not a possibly stale bundle, unless CONSOLE_PREVIEW_WORKER names a worker file (the pool's
 * own tests compile one on demand).
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Tinypool from "tinypool";
import { appRoot } from "../core/root";
import { previewResult, runPreviewJob, type PreviewJob, type PreviewOutcome } from "./preview-work";

/** The worker file the pool runs, or null to work in-thread. */
export function previewWorkerFile(env: Record<string, string | undefined> = process.env): string | null {
  if (env.CONSOLE_PREVIEW_WORKER) return path.resolve(env.CONSOLE_PREVIEW_WORKER);
  if (env.CONSOLE_PREVIEW_WORKER === "" || env.VITEST) return null;
  const file = path.join(appRoot(env), "dist", "preview-worker.mjs");
  return existsSync(file) ? file : null;
}

// Sized to the machine, leaving one core for serving requests (the bcrypt pool follows the same rule).
const POOL_SIZE = Math.max(1, Math.min(4, os.availableParallelism() - 1));

const holder = globalThis as unknown as { consolePreviewPool?: { file: string; pool: Tinypool } | null };

function pool(): Tinypool | null {
  const file = previewWorkerFile();
  if (!file) return null;
  if (holder.consolePreviewPool?.file !== file) {
    void holder.consolePreviewPool?.pool.destroy();
    holder.consolePreviewPool = { file, pool: new Tinypool({ filename: file, minThreads: 1, maxThreads: POOL_SIZE, idleTimeout: 60_000 }) };
  }
  return holder.consolePreviewPool.pool;
}

/** Where the last job ran, for tests: "worker" or "thread". */
export let lastPreviewRan: "worker" | "thread" = "thread";

/**
 * The preview's JSON text, computed off the request thread when a worker is available, or null when the request's
 * passwords need hashing first. Typed errors come back typed.
 */
export async function runPreview(job: PreviewJob): Promise<string | null> {
  const workers = pool();
  lastPreviewRan = workers ? "worker" : "thread";
  return previewResult(workers ? ((await workers.run(job)) as PreviewOutcome) : await runPreviewJob(job));
}

/** Stops the worker threads (tests; a later preview starts them again). */
export async function closePreviewPool(): Promise<void> {
  const current = holder.consolePreviewPool;
  holder.consolePreviewPool = undefined;
  await current?.pool.destroy();
}
