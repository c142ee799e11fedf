/** The console admin every test server starts with. */
export const TEST_ADMIN = { username: "admin", password: "correct-horse-battery-staple" };
