import { z } from "zod";
import "../core/zod-messages"; // plain-words messages for zod's own issues, set once

// Shared by the sign-in, setup and admin forms and by their API routes; no server imports here.

// bcrypt ignores bytes after 72, so a longer password would be silently truncated.
export const consolePassword = z
  .string({ error: "Password is required" })
  .min(12, "Use at least 12 characters")
  .refine((value) => new TextEncoder().encode(value).length <= 72, "Use at most 72 bytes (bcrypt ignores the rest)");

export const consoleUsername = z
  .string({ error: "Username is required" })
  .trim()
  .min(1, "Username is required")
  .max(64, "Use at most 64 characters")
  .regex(/^[A-Za-z0-9._@-]+$/, "Use letters, digits and . _ @ - only");

export const newUserBody = z.strictObject({ username: consoleUsername, password: consolePassword });

export const changePasswordBody = z.strictObject({
  currentPassword: z.string({ error: "Current password is required" }).min(1, "Current password is required").max(1024),
  newPassword: consolePassword,
});

export const loginBody = z.strictObject({
  username: z.string({ error: "Username is required" }).min(1, "Username is required").max(200),
  password: z.string({ error: "Password is required" }).min(1, "Password is required").max(1024),
});

export const setupBody = newUserBody.extend({
  setupToken: z.string({ error: "The setup token is required" }).trim().min(1, "The setup token is required").max(200),
});

export const tokenBody = z.strictObject({
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(100, "Use at most 100 characters"),
});
