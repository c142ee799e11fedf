/**
 * Minimal, deterministic archive writers and safe readers on node:zlib: ustar inside gzip, and zip with
 * deflate. Writers fix every mtime and owner, so the same input always gives the same bytes. Readers refuse
 * absolute paths, `..`, links and devices, and cap entry count, entry size and total uncompressed size while
 * inflating (zip bombs stop at the cap, not after). Node only.
 */
import { constants, crc32, deflateRawSync, gunzipSync, gzipSync, inflateRawSync } from "node:zlib";
import { AppError } from "../core/errors";

export interface ArchiveEntry {
  /** Relative path with `/` separators; a trailing `/` marks a directory. */
  path: string;
  /** File contents; omitted for directories. */
  data?: Buffer;
  /** Unix permission bits, e.g. 0o644. */
  mode: number;
}

/** 2024-01-01T00:00:00Z: every entry carries this mtime so archives are reproducible. */
export const FIXED_MTIME = 1704067200;

// ---------------------------------------------------------------------------------------------------------------
// tar (ustar) + gzip

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function tarHeader(entry: ArchiveEntry, size: number): Buffer {
  const h = Buffer.alloc(512, 0);
  const isDir = entry.path.endsWith("/");
  let name = entry.path;
  let prefix = "";
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", name.length - 2);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
    if (cut < 0 || Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) throw new ArchiveError(`path longer than tar allows (name 100 bytes, prefix 155)`, entry.path.slice(0, 300));
  }
  h.write(name, 0, 100, "utf8");
  h.write(octal(entry.mode & 0o7777, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii"); // uid
  h.write(octal(0, 8), 116, "ascii"); // gid
  h.write(octal(size, 12), 124, "ascii");
  h.write(octal(FIXED_MTIME, 12), 136, "ascii");
  h.write("        ", 148, "ascii"); // checksum placeholder
  h.write(isDir ? "5" : "0", 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write("root", 265, "ascii");
  h.write("root", 297, "ascii");
  h.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, "ascii");
  return h;
}

/** A tar stream (not compressed) of the entries, in the given order. */
export function tarBytes(entries: ArchiveEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = e.path.endsWith("/") ? Buffer.alloc(0) : (e.data ?? Buffer.alloc(0));
    parts.push(tarHeader(e, data.length), data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}

/** gzip with a zero mtime and a fixed OS byte, so the output depends only on the input. */
export function writeTarGz(entries: ArchiveEntry[]): Buffer {
  const gz = gzipSync(tarBytes(entries), { level: 9 });
  gz.writeUInt32LE(0, 4); // MTIME
  gz[9] = 3; // OS = Unix
  return gz;
}

// ---------------------------------------------------------------------------------------------------------------
// zip

/** 2024-01-01 00:00:00 in MS-DOS date/time. */
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;

export function writeZip(entries: ArchiveEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const isDir = e.path.endsWith("/");
    const name = Buffer.from(e.path, "utf8");
    const data = isDir ? Buffer.alloc(0) : (e.data ?? Buffer.alloc(0));
    const compressed = isDir ? data : deflateRawSync(data, { level: 9 });
    const method = isDir ? 0 : 8;
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, spec 2.0: external attrs carry the mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attrs
    const type = isDir ? 0o040000 : 0o100000;
    central.writeUInt32LE((((type | (e.mode & 0o7777)) << 16) | (isDir ? 0x10 : 0)) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// ---------------------------------------------------------------------------------------------------------------
// Safe readers

export interface ReadLimits {
  /** Most entries (files, directories, anything) an archive may hold. */
  maxEntries: number;
  /** Largest single file, uncompressed. */
  maxFileBytes: number;
  /** Sum of all uncompressed sizes (also caps the decompressed tar stream). */
  maxTotalBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxEntries: 500, maxFileBytes: 1024 * 1024, maxTotalBytes: 16 * 1024 * 1024 };

export class ArchiveError extends AppError {
  constructor(
    message: string,
    /** The entry concerned, when there is one. */
    readonly entry?: string,
  ) {
    super("unprocessable", entry === undefined ? message : `${entry}: ${message}`);
    this.name = "ArchiveError";
  }
}

export interface ReadFile {
  path: string;
  data: Buffer;
  mode: number;
}

/** Checks an entry name; returns the normalized relative path ("" for the root dir itself). */
export function safeEntryPath(raw: string): string {
  if (raw.includes("\0")) throw new ArchiveError("name contains a NUL byte", raw);
  const name = raw.replace(/\\/g, "/");
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) throw new ArchiveError("absolute paths are not allowed", raw);
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw new ArchiveError('".." is not allowed in paths', raw);
  return parts.join("/");
}

export type ArchiveKind = "tar.gz" | "zip" | "tar";

export function sniffArchive(data: Buffer): ArchiveKind | null {
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) return "tar.gz";
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) return "zip";
  if (data.length >= 4 && data.readUInt32LE(0) === 0x06054b50) return "zip"; // empty zip
  if (data.length >= 262 && data.toString("ascii", 257, 262) === "ustar") return "tar";
  return null;
}

function gunzipCapped(data: Buffer, limit: number): Buffer {
  try {
    // maxOutputLength makes zlib stop as soon as the output would exceed the cap.
    return gunzipSync(data, { maxOutputLength: limit + 1024 * 2 });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || (e instanceof RangeError && /length/i.test(e.message))) {
      throw new ArchiveError(`uncompressed size is over the limit of ${limit} bytes`);
    }
    throw new ArchiveError(`not a valid gzip stream (${(e as Error).message})`);
  }
}

function parseOctal(buf: Buffer, start: number, len: number): number {
  const text = buf.toString("ascii", start, start + len).replace(/\0.*$/s, "").trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw new ArchiveError(`malformed tar header field "${text}"`);
  return parseInt(text, 8);
}

function cstring(buf: Buffer, start: number, len: number): string {
  const slice = buf.subarray(start, start + len);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul < 0 ? len : nul).toString("utf8");
}

/** Files of a tar stream; directories are skipped, everything else but regular files is refused. */
export function readTar(tar: Buffer, limits: ReadLimits = DEFAULT_READ_LIMITS): ReadFile[] {
  const files: ReadFile[] = [];
  let pos = 0;
  let count = 0;
  let total = 0;
  let longName: string | null = null;
  while (pos + 512 <= tar.length) {
    const h = tar.subarray(pos, pos + 512);
    if (h.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (sum !== parseOctal(h, 148, 8)) throw new ArchiveError(`tar header checksum mismatch at offset ${pos}`);
    const type = String.fromCharCode(h[156] || 0x30);
    const size = parseOctal(h, 124, 12);
    const prefix = h.toString("ascii", 257, 262) === "ustar" ? cstring(h, 345, 155) : "";
    let name = longName ?? (prefix ? `${prefix}/${cstring(h, 0, 100)}` : cstring(h, 0, 100));
    longName = null;
    const dataStart = pos + 512;
    const dataEnd = dataStart + size;
    if (dataEnd > tar.length) throw new ArchiveError("truncated tar archive", name);
    pos = dataStart + Math.ceil(size / 512) * 512;
    if (type === "x" || type === "g") {
      // pax header: only `path` matters to us.
      const pax = tar.toString("utf8", dataStart, dataEnd);
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(pax);
      if (type === "x" && m) longName = m[1]!;
      continue;
    }
    if (type === "L") {
      if (size > 4096) throw new ArchiveError("long name too long");
      longName = cstring(tar, dataStart, size);
      continue;
    }
    if (++count > limits.maxEntries) throw new ArchiveError(`more than ${limits.maxEntries} entries`);
    if (type === "1" || type === "2") throw new ArchiveError(type === "2" ? "symbolic links are not allowed" : "hard links are not allowed", name);
    if (type === "5") {
      safeEntryPath(name);
      continue;
    }
    if (type !== "0" && type !== "7") throw new ArchiveError(`entry type "${type}" is not a regular file (devices and FIFOs are not allowed)`, name);
    name = safeEntryPath(name);
    if (name === "") throw new ArchiveError("empty file name");
    if (size > limits.maxFileBytes) throw new ArchiveError(`file is larger than the limit of ${limits.maxFileBytes} bytes`, name);
    total += size;
    if (total > limits.maxTotalBytes) throw new ArchiveError(`total uncompressed size is over the limit of ${limits.maxTotalBytes} bytes`);
    files.push({ path: name, data: Buffer.from(tar.subarray(dataStart, dataEnd)), mode: parseOctal(h, 100, 8) & 0o7777 });
  }
  return files;
}

export function readTarGz(data: Buffer, limits: ReadLimits = DEFAULT_READ_LIMITS): ReadFile[] {
  // The tar stream also carries headers and padding: allow for them on top of the content cap.
  const tar = gunzipCapped(data, limits.maxTotalBytes + (limits.maxEntries + 2) * 1024);
  return readTar(tar, limits);
}

/** Files of a zip; refuses symlinks (Unix mode in external attributes), encryption, and bombs. */
export function readZip(zip: Buffer, limits: ReadLimits = DEFAULT_READ_LIMITS): ReadFile[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ArchiveError("not a zip file (no end of central directory)");
  const count = zip.readUInt16LE(eocd + 10);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) throw new ArchiveError(`more than ${limits.maxEntries} entries`);
  const files: ReadFile[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) throw new ArchiveError("corrupt zip central directory");
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const compSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const madeBy = zip.readUInt16LE(p + 4) >> 8;
    const external = zip.readUInt32LE(p + 38);
    const localOffset = zip.readUInt32LE(p + 42);
    const rawName = zip.toString(flags & 0x0800 ? "utf8" : "latin1", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    const unixMode = madeBy === 3 ? external >>> 16 : 0;
    const fileType = unixMode & 0o170000;
    if (fileType === 0o120000) throw new ArchiveError("symbolic links are not allowed", rawName);
    if (fileType !== 0 && fileType !== 0o100000 && fileType !== 0o040000) throw new ArchiveError("not a regular file", rawName);
    const isDir = rawName.endsWith("/") || fileType === 0o040000;
    const name = safeEntryPath(rawName);
    if (isDir) continue;
    if (name === "") throw new ArchiveError("empty file name");
    if (flags & 0x1) throw new ArchiveError("encrypted entries are not supported", name);
    if (size > limits.maxFileBytes) throw new ArchiveError(`file is larger than the limit of ${limits.maxFileBytes} bytes`, name);
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== 0x04034b50) throw new ArchiveError("corrupt local header", name);
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    if (start + compSize > zip.length) throw new ArchiveError("truncated entry", name);
    const raw = zip.subarray(start, start + compSize);
    // The declared size can lie: cap the inflater at what is still allowed, whatever the header says.
    const remaining = limits.maxTotalBytes - total;
    const cap = Math.min(limits.maxFileBytes, remaining);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(cap, 1) + 1, finishFlush: constants.Z_SYNC_FLUSH });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) {
          throw new ArchiveError(`uncompressed size is over the limit (${cap} bytes left of ${limits.maxTotalBytes})`, name);
        }
        throw new ArchiveError(`cannot inflate (${(e as Error).message})`, name);
      }
    } else throw new ArchiveError(`compression method ${method} is not supported (use deflate)`, name);
    if (data.length > cap) throw new ArchiveError(`uncompressed size is over the limit (${cap} bytes left of ${limits.maxTotalBytes})`, name);
    if (data.length !== size) throw new ArchiveError(`size mismatch: header says ${size} bytes, content has ${data.length}`, name);
    if ((crc32(data) >>> 0) !== zip.readUInt32LE(p - (46 + nameLen + extraLen + commentLen) + 16)) throw new ArchiveError("CRC mismatch", name);
    total += data.length;
    files.push({ path: name, data, mode: unixMode & 0o7777 });
  }
  return files;
}

/** Reads a tar.gz, tar or zip by its magic bytes. */
export function readArchive(data: Buffer, limits: ReadLimits = DEFAULT_READ_LIMITS): { kind: ArchiveKind; files: ReadFile[] } {
  const kind = sniffArchive(data);
  if (kind === "tar.gz") return { kind, files: readTarGz(data, limits) };
  if (kind === "zip") return { kind, files: readZip(data, limits) };
  if (kind === "tar") return { kind, files: readTar(data, limits) };
  throw new ArchiveError("not a tar.gz, tar or zip archive");
}
