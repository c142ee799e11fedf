// The start-up work of instrumentation.ts, Node.js only: check the secret key, then make sure someone can sign in.
// Kept out of instrumentation.ts so the Edge build of that file never sees process.exit or node: modules.
import { loadSecretKey } from "./lib/db/secret-box";
import { bootstrapFirstAdmin } from "./lib/auth/users";

export async function startConsole(): Promise<void> {
  try {
    loadSecretKey();
  } catch (error) {
    console.error(`[console] Cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const result = await bootstrapFirstAdmin();
  if (result.kind === "created") {
    console.log(`[console] Created the first console admin "${result.username}" from CONSOLE_ADMIN_USERNAME.`);
  } else if (result.kind === "setup") {
    // The one secret the console ever logs, on purpose: it only works once, and only while no admin exists.
    console.log(`[console] No console admin exists yet. Open /setup and enter this one-time setup token:`);
    console.log(`[console] setup token: ${result.token}`);
  }
}
