import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { ArchiveError, readArchive, readTarGz, readZip, tarBytes, writeTarGz, writeZip, type ArchiveEntry } from "@/lib/bundle/archive";
import { importConfiguration, ImportError } from "@/lib/bundle/import";

const tmp = mkdtempSync(path.join(os.tmpdir(), "bundle-archive-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const entries: ArchiveEntry[] = [
  { path: "b/", mode: 0o755 },
  { path: "b/config/", mode: 0o755 },
  { path: "b/config/secure.conf", data: Buffer.from('auth.token_secret: "x"\n'), mode: 0o600 },
  { path: "b/install.sh", data: Buffer.from("#!/usr/bin/env bash\necho hi\n"), mode: 0o755 },
  { path: "b/README.md", data: Buffer.from("# é ünïcode\n".repeat(100)), mode: 0o644 },
  { path: `b/${"long-dir-name/".repeat(8)}file.conf`, data: Buffer.from("a: 1\n"), mode: 0o644 },
];

function python(script: string, ...args: string[]): string {
  return execFileSync("python3", ["-c", script, ...args], { encoding: "utf8" });
}

describe("archive writers", () => {
  it("writes tar.gz that system tar lists with the modes and fixed mtimes, byte-for-byte reproducible", () => {
    const a = writeTarGz(entries);
    expect(writeTarGz(entries).equals(a)).toBe(true);
    const file = path.join(tmp, "a.tar.gz");
    writeFileSync(file, a);
    const listing = execFileSync("tar", ["-tvzf", file], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
    expect(listing).toMatch(/^-rw------- root\/root +\d+ 2024-01-01 00:00 b\/config\/secure\.conf$/m);
    expect(listing).toMatch(/^-rwxr-xr-x root\/root +\d+ 2024-01-01 00:00 b\/install\.sh$/m);
    expect(listing).toMatch(/^drwxr-xr-x .* b\/config\/$/m);
    expect(listing).toContain("long-dir-name/long-dir-name/");
    const out = path.join(tmp, "x");
    execFileSync("mkdir", ["-p", out]);
    execFileSync("tar", ["-xzf", file, "-C", out]);
    expect(readFileSync(path.join(out, "b/README.md"), "utf8")).toBe(entries[4]!.data!.toString());
    expect(readTarGz(a).map((f) => [f.path, f.mode])).toContainEqual(["b/config/secure.conf", 0o600]);
  });

  it("writes zip that python's zipfile reads with the modes and contents, reproducibly", () => {
    const z = writeZip(entries);
    expect(writeZip(entries).equals(z)).toBe(true);
    const file = path.join(tmp, "a.zip");
    writeFileSync(file, z);
    const info = JSON.parse(
      python(
        "import zipfile,sys,json\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n" +
          "print(json.dumps([[i.filename, oct(i.external_attr>>16), i.date_time[:3], z.read(i).decode() if not i.is_dir() else None] for i in z.infolist()]))",
        file,
      ),
    ) as [string, string, number[], string | null][];
    const byName = Object.fromEntries(info.map((i) => [i[0], i]));
    expect(byName["b/config/secure.conf"]![1]).toBe("0o100600");
    expect(byName["b/install.sh"]![1]).toBe("0o100755");
    expect(byName["b/config/"]![1]).toBe("0o40755");
    expect(byName["b/config/secure.conf"]![2]).toEqual([2024, 1, 1]);
    expect(byName["b/README.md"]![3]).toBe(entries[4]!.data!.toString());
    expect(readZip(z).find((f) => f.path === "b/install.sh")?.mode).toBe(0o755);
  });
});

describe("archive readers refuse unsafe entries", () => {
  const makeTar = (spec: string) => {
    const file = path.join(tmp, `t${Math.random().toString(36).slice(2)}.tar.gz`);
    python(
      "import tarfile,sys,io\nt=tarfile.open(sys.argv[1],'w:gz')\n" +
        "def add(name, kind='file', data=b'x: 1\\n', link=''):\n" +
        "  i=tarfile.TarInfo(name); i.type={'file':tarfile.REGTYPE,'sym':tarfile.SYMTYPE,'hard':tarfile.LNKTYPE,'chr':tarfile.CHRTYPE,'fifo':tarfile.FIFOTYPE}[kind]; i.linkname=link\n" +
        "  i.size=len(data) if kind=='file' else 0\n  t.addfile(i, io.BytesIO(data) if kind=='file' else None)\n" +
        spec +
        "\nt.close()",
      file,
    );
    return readFileSync(file);
  };
  const makeZip = (spec: string) => {
    const file = path.join(tmp, `z${Math.random().toString(36).slice(2)}.zip`);
    python("import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\n" + spec + "\nz.close()", file);
    return readFileSync(file);
  };

  it.each([
    ["absolute path", "add('/etc/clearml/apiserver.conf')", /absolute paths are not allowed/],
    ["..", "add('config/../../etc/passwd.conf')", /".." is not allowed/],
    ["symlink", "add('config/secure.conf', 'sym', link='/etc/shadow')", /symbolic links are not allowed/],
    ["hard link", "add('config/a.conf'); add('config/b.conf', 'hard', link='config/a.conf')", /hard links are not allowed/],
    ["device", "add('config/dev.conf', 'chr')", /not a regular file/],
    ["fifo", "add('config/fifo.conf', 'fifo')", /not a regular file/],
  ])("tar.gz with %s", (_, spec, message) => {
    expect(() => readArchive(makeTar(spec))).toThrow(message);
  });

  it.each([
    ["absolute path", "z.writestr('/abs/apiserver.conf', 'a: 1')", /absolute paths are not allowed/],
    ["..", "z.writestr('../apiserver.conf', 'a: 1')", /".." is not allowed/],
    ["symlink", "i=zipfile.ZipInfo('config/secure.conf'); i.create_system=3; i.external_attr=(0o120777<<16); z.writestr(i, '/etc/shadow')", /symbolic links are not allowed/],
  ])("zip with %s", (_, spec, message) => {
    expect(() => readArchive(makeZip(spec))).toThrow(message);
  });

  it("caps entry count, file size and total size, also for bombs", () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ path: `c/${i}.conf`, data: Buffer.from("a: 1\n"), mode: 0o644 }));
    const limits = { maxEntries: 10, maxFileBytes: 1000, maxTotalBytes: 50_000 };
    expect(() => readTarGz(writeTarGz(many), limits)).toThrow(/more than 10 entries/);
    expect(() => readZip(writeZip(many), limits)).toThrow(/more than 10 entries/);
    const big = [{ path: "big.conf", data: Buffer.alloc(2000, 0x61), mode: 0o644 }];
    expect(() => readTarGz(writeTarGz(big), limits)).toThrow(/larger than the limit/);
    expect(() => readZip(writeZip(big), limits)).toThrow(/larger than the limit/);

    // 200 MB of zeros compresses to a few hundred KB: the readers stop at the cap instead of inflating it all.
    const zeros = Buffer.alloc(200 * 1024 * 1024);
    const tarBomb = gzipSync(tarBytes([{ path: "bomb.conf", data: zeros, mode: 0o644 }]));
    expect(tarBomb.length).toBeLessThan(1024 * 1024);
    expect(() => readTarGz(tarBomb)).toThrow(ArchiveError);
    expect(() => readTarGz(tarBomb)).toThrow(/over the limit/);
    // A zip whose headers lie about the size: the inflater is capped whatever the header says.
    const zipBomb = writeZip([{ path: "bomb.conf", data: Buffer.alloc(30 * 1024 * 1024), mode: 0o644 }]);
    const cd = zipBomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zipBomb.writeUInt32LE(100, cd + 24);
    zipBomb.writeUInt32LE(100, 22);
    expect(() => readZip(zipBomb)).toThrow(/over the limit/);
  });

  it("turns refused entries into an import error that names them", () => {
    let caught: unknown;
    try {
      importConfiguration({ files: [{ name: "cfg.tar.gz", data: makeTar("add('config/apiserver.conf'); add('config/x.conf', 'sym', link='/etc/passwd')") }] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ImportError);
    expect((caught as ImportError).issues).toEqual([{ path: "cfg.tar.gz:config/x.conf", message: "config/x.conf: symbolic links are not allowed" }]);
  });
});
