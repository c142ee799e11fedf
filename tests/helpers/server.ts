import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { TEST_ADMIN } from "./admin";

export interface RunningServer {
  url: string;
  /** The server process itself, for tests that kill it. */
  pid: number;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built console the way `npm start` does, on a free port with its own database and
 * the test admin (pass CONSOLE_ADMIN_USERNAME: "" to start without one).
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<RunningServer> {
  // A given dataDir belongs to the caller and survives stop(), so a test can restart on the same database.
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "console-e2e-"));
  const port = await freePort();
  const root = process.cwd(); // tests and scripts run from the repository root
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "file:" + path.join(dataDir, "console.db"), PORT: String(port), HOST: "127.0.0.1",
      CONSOLE_ADMIN_USERNAME: TEST_ADMIN.username, CONSOLE_ADMIN_PASSWORD: TEST_ADMIN.password, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Console exited early (${child.exitCode}):\n${log}`);
    try {
      const response = await fetch(url + "/api/health");
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (Date.now() >= deadline) throw new Error(`Console did not become healthy:\n${log}`);
  return {
    url,
    pid: child.pid ?? 0,
    dataDir,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
