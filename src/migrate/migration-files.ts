import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adjacentPairs, SchemakitError, sha256 } from '../util';
import { parseMeta, renderMeta, type MigrationMeta } from './migration-meta';

/**
 * One migration directory `<version>_<name>/` with `up.sql`, optionally `down.sql` and `meta.json`.
 * Versions are UTC timestamps `YYYYMMDDHHMMSS` (two branches practically never pick the same one); the
 * 4-digit versions older schemakit wrote (`0001_init`) are still read and sort before them.
 */
export interface MigrationFile {
  readonly version: string;
  readonly name: string;
  /** `<version>_<name>`, the directory name. */
  readonly id: string;
  readonly dir: string;
  readonly up: string;
  readonly down: string | null;
  readonly meta: MigrationMeta | null;
  /** sha256 of up.sql as it is on disk (recorded in the history when applied). */
  readonly checksum: string;
}

const DIR_NAME = /^(\d{4}|\d{14})_([A-Za-z0-9][A-Za-z0-9_-]*)$/;

/** Orders versions numerically (4-digit versions before timestamps). */
export const compareVersions = (a: string, b: string): number => {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Reads every migration under `root` (none when it does not exist), sorted by version. */
export function readMigrations(root: string): MigrationFile[] {
  if (!existsSync(root)) return [];
  const out: MigrationFile[] = [];
  const problems: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const m = DIR_NAME.exec(entry.name);
    if (!entry.isDirectory() || !m) {
      problems.push(`${join(root, entry.name)}: not a migration directory <version>_<name> (version: YYYYMMDDHHMMSS or NNNN)`);
      continue;
    }
    const [, version = '', name = ''] = m;
    const dir = join(root, entry.name);
    const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : null);
    const up = read('up.sql');
    if (up === null) {
      problems.push(`${dir}: no up.sql`);
      continue;
    }
    const metaText = read('meta.json');
    out.push({
      version,
      name,
      id: entry.name,
      dir,
      up,
      down: read('down.sql'),
      meta: metaText === null ? null : parseMeta(metaText, join(dir, 'meta.json')),
      checksum: sha256(up),
    });
  }
  out.sort((a, b) => compareVersions(a.version, b.version));
  for (const [a, b] of adjacentPairs(out)) if (a.version === b.version) problems.push(`${a.id} and ${b.id} have the same version ${b.version}`);
  if (problems.length > 0) {
    throw new SchemakitError('migrate', 'bad-migrations', `${root}: ${problems.join('; ')}`, {
      problems: problems.map((message) => ({ code: 'bad-migrations', message })),
    });
  }
  return out;
}

/** `YYYYMMDDHHMMSS` of a date in UTC. */
export function timestampVersion(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * The version of a new migration: the current UTC time, or one more than the newest existing version
 * when that is not older (same second, or a clock behind a branch's).
 */
export function nextVersion(existing: readonly MigrationFile[], now: Date = new Date()): string {
  let v = timestampVersion(now);
  const last = existing[existing.length - 1]?.version;
  if (last !== undefined && compareVersions(v, last) <= 0) v = (BigInt(last) + 1n).toString();
  return v;
}

/** What `writeMigration` writes. */
export interface NewMigration {
  readonly version: string;
  readonly name: string;
  readonly up: string;
  readonly down: string;
  /** Null for a hand-written (data) migration: no meta.json, the runner relies on up.sql alone. */
  readonly meta: MigrationMeta | null;
}

/** Writes `<root>/<version>_<name>/{up.sql,down.sql,meta.json}` and returns the directory. */
export function writeMigration(root: string, m: NewMigration): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(m.name))
    throw new SchemakitError('migrate', 'bad-name', `migration name "${m.name}" must be letters, digits, _ or -`);
  const dir = join(root, `${m.version}_${m.name}`);
  if (existsSync(dir)) throw new SchemakitError('migrate', 'exists', `${dir} already exists`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'up.sql'), m.up);
  writeFileSync(join(dir, 'down.sql'), m.down);
  if (m.meta !== null) writeFileSync(join(dir, 'meta.json'), renderMeta(m.meta));
  return dir;
}
