import { createSession } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { TEST_ADMIN } from "./admin";

export { TEST_ADMIN };

/**
 * Headers of a signed-in browser tab for in-process route tests: the session cookie plus a
 * same-origin Origin, as the console's own pages send.
 */
export async function signedInHeaders(base = "http://console.test", username = TEST_ADMIN.username) {
  const user = await createUser(username, TEST_ADMIN.password);
  return sessionHeaders(user.id, base);
}

/** A fresh session for an existing user (fuzzed logout calls end sessions). */
export async function sessionHeaders(userId: string, base = "http://console.test") {
  const session = await createSession(userId, "127.0.0.1");
  return { cookie: `console_session=${session.token}`, origin: base, "sec-fetch-site": "same-origin" };
}
