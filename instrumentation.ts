// Runs once when the server starts. The work is Node.js only (instrumentation-node.ts); behind this check the
// bundler drops the import from the Edge build, which would otherwise warn about process.exit.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startConsole } = await import("./instrumentation-node");
    await startConsole();
  }
}
