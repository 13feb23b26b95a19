import { readdirSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { acquireEngineLock, type EngineLockOptions } from './engine-lock';
import type { Db } from './types';
import { queryRow } from './query-row';

/**
 * The state of an embedded data directory, known without starting PGlite (~1 s of CPU in WASM, more with
 * extensions): schemakit opens a data directory only under its lock, removes the directory's stamp
 * (`<dir>.state`, beside it like the lock) before starting PGlite on it, and writes it again when it closes
 * it cleanly, holding the state id it closed at and a fingerprint of the files PostgreSQL writes on any
 * change (PG_VERSION's identity, pg_control, the WAL segments: their sizes, modification and change times).
 * A stamp whose fingerprint still matches means nobody has opened the directory since: not schemakit (the
 * stamp would be gone) and not another program (PostgreSQL writes pg_control when it starts and the WAL on
 * any write). A process that died while holding the directory leaves no stamp.
 */
export const pgliteStatePath = (dataDir: string): string => `${dataDir.replace(/[\\/]+$/, '')}.state`;

interface Stamp {
  readonly v: 1;
  readonly state: string;
  readonly fingerprint: string;
}

/** Sizes, modification and change times (ns) of the files PostgreSQL writes whenever anything changes. */
function fingerprint(dataDir: string): string | null {
  try {
    const stat = (f: string) => {
      const s = statSync(join(dataDir, f), { bigint: true });
      return `${f}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
    };
    const wal = readdirSync(join(dataDir, 'pg_wal'), { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `pg_wal/${e.name}`)
      .sort();
    return ['PG_VERSION', 'global/pg_control', 'pg_wal', ...wal].map(stat).join('\n');
  } catch {
    return null;
  }
}

/** The identity of a data directory: PG_VERSION's inode and change time, new whenever the directory is made again. */
function identity(dataDir: string): string | null {
  try {
    const s = statSync(join(dataDir, 'PG_VERSION'), { bigint: true });
    return `${s.ino}:${s.ctimeNs}`;
  } catch {
    return null;
  }
}

/**
 * The state id of an open embedded database: its data directory's identity and the next transaction id
 * (`pg_current_snapshot()`'s xmax). Every change of a catalog or a row takes a transaction id and reading
 * takes none, so two equal ids see the same database. Null for other engines and in-memory databases.
 */
export async function pgliteStateId(db: Db, dataDir: string | null): Promise<string | null> {
  if (dataDir === null || db.engine !== 'pglite') return null;
  const { next } = await queryRow<{ next: string }>(db, NEXT_XID_SQL);
  return stateIdOf(dataDir, next);
}

/** The next transaction id, as text (`next`). */
export const NEXT_XID_SQL = 'SELECT pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot())::text AS next';

/** The state id of `dataDir` at the next transaction id `next`; null when the directory has no PG_VERSION. */
export function stateIdOf(dataDir: string, next: string): string | null {
  const id = identity(dataDir);
  return id === null ? null : `${dataDir}\0${id}\0${next}`;
}

/** Removes the stamp: the directory is about to be opened or replaced (best effort; a stamp that stays is checked anyway). */
export function forgetPgliteState(dataDir: string): void {
  rmSync(pgliteStatePath(dataDir), { force: true });
}

/** Writes the stamp after a clean close at `state` (best effort: no stamp only costs the next run a start). */
export function recordPgliteState(dataDir: string, state: string): void {
  try {
    const print = fingerprint(dataDir);
    if (print === null) return;
    const file = pgliteStatePath(dataDir);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ v: 1, state, fingerprint: print } satisfies Stamp));
    renameSync(tmp, file);
  } catch {
    // best effort
  }
}

/**
 * The state id of a closed embedded data directory when its stamp proves it unchanged since schemakit
 * last closed it, else null (then it must be opened to know). Read under the directory's lock, so a
 * process writing to it is waited for as if this one opened it.
 */
export async function unchangedPgliteState(dir: string, lock?: EngineLockOptions): Promise<string | null> {
  const dataDir = resolve(dir);
  const read = (): Stamp | null => {
    try {
      const j = JSON.parse(readFileSync(pgliteStatePath(dataDir), 'utf8')) as Stamp;
      return j.v === 1 && typeof j.state === 'string' && typeof j.fingerprint === 'string' ? j : null;
    } catch {
      return null;
    }
  };
  if (read() === null) return null; // no stamp: no need to wait for the lock to learn that
  const held = await acquireEngineLock(dataDir, lock);
  try {
    const stamp = read();
    return stamp !== null && fingerprint(dataDir) === stamp.fingerprint ? stamp.state : null;
  } finally {
    held.release();
  }
}
