// Runs once when the server starts: check the secret key, then make sure someone can sign in.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadSecretKey } = await import("./lib/db/secret-box");
  try {
    loadSecretKey();
  } catch (error) {
    console.error(`[console] Cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const { bootstrapFirstAdmin } = await import("./lib/auth/users");
  const result = await bootstrapFirstAdmin();
  if (result.kind === "created") {
    console.log(`[console] Created the first console admin "${result.username}" from CONSOLE_ADMIN_USERNAME.`);
  } else if (result.kind === "setup") {
    // The one secret the console ever logs, on purpose: it only works once, and only while no admin exists.
    console.log(`[console] No console admin exists yet. Open /setup and enter this one-time setup token:`);
    console.log(`[console] setup token: ${result.token}`);
  }
}
