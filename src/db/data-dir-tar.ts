import { mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Writes a PGlite data directory tarball (`dumpDataDir`: ustar, optionally gzipped) into `dest` with Node's own
 * file calls. PGlite's `loadDataDir` writes each of its ~1,000 files through Emscripten's file system onto the
 * disk (create, reopen, write, utime), ~1 s of CPU for a new embedded database; this takes ~0.15 s. Throws on
 * anything that is not a well-formed tarball of plain files and directories inside `dest` (a header checksum
 * that does not match, a truncated entry, a link, a path leaving `dest`); the caller then falls back to PGlite's
 * own loader, which reports it.
 */
export function extractDataDirTar(tarball: Uint8Array, dest: string): number {
  const tar = tarball[0] === 0x1f && tarball[1] === 0x8b ? gunzipSync(tarball) : tarball;
  let offset = 0;
  let files = 0;
  mkdirSync(dest, { recursive: true });
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return files;
    if (!checksumMatches(header)) throw new Error(`bad tar header at byte ${offset}`);
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = octal(header, 124, 12);
    const type = header[156] ?? 0;
    offset += BLOCK;
    if (offset + size > tar.length) throw new Error(`tar entry ${name} is truncated`);
    const path = inside(dest, name);
    if (type === DIR) {
      if (path !== null) mkdirSync(path, { recursive: true });
    } else if (type === FILE || type === 0) {
      if (path === null) throw new Error(`tar entry ${name} is not a file path`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, tar.subarray(offset, offset + size), { mode: octal(header, 100, 8) & 0o777 || 0o600 });
      files += 1;
    } else {
      throw new Error(`tar entry ${name} has unsupported type ${String.fromCharCode(type)}`);
    }
    offset += Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new Error('tar ends without its end-of-archive blocks');
}

/**
 * Seeds the empty directory `dataDir` from a data directory tarball: extracted beside it, then renamed into
 * place, so an interrupted seed never leaves a half-written data directory where PGlite would open it.
 */
export function seedDataDir(tarball: Uint8Array, dataDir: string): void {
  const staging = join(dirname(dataDir), `.${basename(dataDir)}.seeding-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    extractDataDirTar(tarball, staging);
    rmdirSync(dataDir); // empty: checked by the caller; fails (and nothing is lost) otherwise
    renameSync(staging, dataDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

const BLOCK = 512;
const FILE = 0x30; // '0'
const DIR = 0x35; // '5'

/** A NUL-terminated text field of a header. */
function field(header: Uint8Array, at: number, length: number): string {
  const bytes = header.subarray(at, at + length);
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

/** An octal number field of a header (NUL- or space-terminated); 0 when empty. */
function octal(header: Uint8Array, at: number, length: number): number {
  const text = field(header, at, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new Error(`bad tar number field ${JSON.stringify(text)}`);
  return parseInt(text, 8);
}

/** The header checksum: the sum of its bytes with the checksum field read as spaces. */
function checksumMatches(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum === octal(header, 148, 8);
}

/** `name` resolved inside `dest` (a leading `/` or `./` is relative to it); null for the root itself; throws when it leaves `dest`. */
function inside(dest: string, name: string): string | null {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..' || p.includes(sep) || p.includes('\0'))) throw new Error(`tar entry ${name} leaves the directory`);
  return parts.length === 0 ? null : join(dest, ...parts);
}

/**
 * seedDataDir, or false with `dataDir` left empty when the tarball is not one of plain files: the caller then
 * falls back to PGlite's own loader (`loadDataDir`), which reads more formats and reports what it cannot read.
 */
export function trySeedDataDir(tarball: Uint8Array, dataDir: string): boolean {
  try {
    seedDataDir(tarball, dataDir);
    return true;
  } catch {
    return false;
  }
}
