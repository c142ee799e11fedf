import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { appRoot } from "../core/root";

/** bcryptjs as the app's own root resolves it. */
function bcryptjsPath(): string {
  return createRequire(path.join(appRoot(), "package.json")).resolve("bcryptjs");
}

/**
 * bcrypt at cost 12 takes a quarter second of CPU. Run on the request thread, a few hashes would stall
 * every other request, so hashing and checking run in a small pool of worker threads.
 */

// Evaluated in the worker, which gets bcryptjs's resolved path: an eval'd worker would resolve it from the working
// directory, which for the CLI can be any folder.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const bcrypt = require(workerData.bcryptjs);
parentPort.on("message", ({ id, op, password, hash, cost }) => {
  try {
    const result = op === "hash" ? bcrypt.hashSync(password, bcrypt.genSaltSync(cost)) : bcrypt.compareSync(password, hash);
    parentPort.postMessage({ id, ok: true, result });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: String(error && error.message) });
  }
});
`;

type Job = { op: "hash"; password: string; cost: number } | { op: "compare"; password: string; hash: string };
interface Pending {
  job: Job;
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

class BcryptPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, { id: number; pending: Pending }>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private created = 0;

  constructor(private readonly size: number) {}

  run(job: Job): Promise<string | boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Jobs waiting for a free worker, for progress reporting and the benchmark. */
  get waiting(): number {
    return this.queue.length;
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptjs: bcryptjsPath() } });
    worker.unref(); // an idle pool must not keep the CLI or a test process alive
    worker.on("message", (message: { id: number; ok: boolean; result?: string | boolean; message?: string }) => {
      const current = this.busy.get(worker);
      if (!current || current.id !== message.id) return;
      this.busy.delete(worker);
      this.idle.push(worker);
      if (message.ok) current.pending.resolve(message.result!);
      else current.pending.reject(new Error(message.message));
      this.pump();
    });
    worker.on("error", (error) => {
      const current = this.busy.get(worker);
      this.busy.delete(worker);
      this.created--;
      current?.pending.reject(error);
      this.pump();
    });
    this.created++;
    return worker;
  }

  private pump(): void {
    while (this.queue.length) {
      const worker = this.idle.pop() ?? (this.created < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const pending = this.queue.shift()!;
      const id = this.nextId++;
      this.busy.set(worker, { id, pending });
      worker.postMessage({ id, ...pending.job });
    }
  }
}

// Leave one core for serving requests.
const POOL_SIZE = Math.max(1, Math.min(4, os.availableParallelism() - 1));
const holder = globalThis as unknown as { consoleBcryptPool?: BcryptPool };
const pool = () => (holder.consoleBcryptPool ??= new BcryptPool(POOL_SIZE));

export async function bcryptHash(password: string, cost: number): Promise<string> {
  return (await pool().run({ op: "hash", password, cost })) as string;
}

export async function bcryptCompare(password: string, hash: string): Promise<boolean> {
  return (await pool().run({ op: "compare", password, hash })) as boolean;
}
