import { bcryptCompare, bcryptHash } from "../crypto/bcrypt-pool";

export const CONSOLE_BCRYPT_COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcryptHash(password, CONSOLE_BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcryptCompare(password, hash);
}

// Compared against when the username is unknown, so both cases take the same time.
const DUMMY_HASH = "$2b$12$6SHaWO.EeciIqe9c8UdJhOT5ZNo2nrluexmkgOqafk69xLCHH2xA6";
export function burnPasswordCheck(password: string): Promise<boolean> {
  return bcryptCompare(password, DUMMY_HASH);
}
