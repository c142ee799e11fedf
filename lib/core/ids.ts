import { z } from "zod";
import "./zod-messages"; // plain-words messages for zod's own issues, set once

/** The ids the console hands out (cuids); anything else cannot name a record. */
export const recordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Ids contain only letters, digits, _ and -");

export const idParams = z.object({ id: recordId });
