import { closeSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { SchemakitError } from '../util';

/** Who holds an embedded database's lock file (its JSON content). */
export interface EngineLockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
}

/** Options of acquireEngineLock. */
export interface EngineLockOptions {
  /** What this process is doing, shown to a process that finds the lock taken (e.g. `schemakit apply`). */
  readonly command?: string;
  /** How long to wait for a live holder before refusing (default 10 s). */
  readonly waitMs?: number;
  /** Told once when the lock is taken by another live process and this one starts waiting. */
  readonly onWait?: (holder: EngineLockHolder) => void;
}

/** A held lock; release removes the file (only if it is still ours). */
export interface EngineLock {
  readonly path: string;
  release(): void;
}

/** The lock file of an embedded data directory: beside it, so that a backup of the directory never holds it. */
export const engineLockPath = (dataDir: string): string => `${dataDir.replace(/[\\/]+$/, '')}.lock`;

/** A one-line account of a holder for messages. */
export const describeEngineHolder = (h: EngineLockHolder): string =>
  `${h.command} (pid ${h.pid}${h.host === hostname() ? '' : ` on ${h.host}`}, since ${h.since})`;

const DEFAULT_WAIT_MS = 10_000;
const POLL_MS = 100;
/** A `.break` file older than this was left by a process that died while breaking a stale lock. */
const BREAK_STALE_MS = 10_000;

function readHolder(path: string): EngineLockHolder | null {
  try {
    const j = JSON.parse(readFileSync(path, 'utf8')) as Partial<EngineLockHolder>;
    return typeof j.pid === 'number' ? { pid: j.pid, host: String(j.host ?? ''), command: String(j.command ?? '?'), since: String(j.since ?? '?') } : null;
  } catch {
    return null;
  }
}

/** True unless the holder is a process of this host that no longer exists. */
function alive(h: EngineLockHolder): boolean {
  if (h.host !== hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock file if absent (O_EXCL: exactly one process succeeds); false when it exists. */
function tryCreate(path: string, me: EngineLockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new SchemakitError('db', 'lock-failed', `cannot create the lock file ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a lock file whose holder is dead. Two processes may find the same stale lock: the removal is
 * done under `<lock>.break` (created exclusively) after reading the file again, so that a process never
 * removes a lock another one has just taken.
 */
function breakStale(path: string, stillStale: (now: EngineLockHolder | null) => boolean): void {
  const brk = `${path}.break`;
  try {
    closeSync(openSync(brk, 'wx'));
  } catch {
    const s = statSync(brk, { throwIfNoEntry: false });
    if (s && Date.now() - s.mtimeMs > BREAK_STALE_MS) rmSync(brk, { force: true });
    return;
  }
  try {
    if (stillStale(readHolder(path))) unlinkSync(path);
  } catch {
    // Gone already: the next attempt creates it.
  } finally {
    rmSync(brk, { force: true });
  }
}

/** An unreadable lock file older than this is a torn write of a process that died creating it. */
const TORN_MS = 2_000;

/** Locks this process holds, removed if it exits without releasing them (an error path, an early exit). */
const held = new Set<() => void>();
let exitHook = false;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the exclusive lock of an embedded (PGlite) data directory: a file `<dir>.lock` holding this
 * process's pid, host and command. PGlite has no lock of its own: two processes that open one directory
 * each run a single-user PostgreSQL on it and overwrite each other's catalog and WAL, losing committed
 * work. A lock whose holder process is dead (same host) is stale and taken over; a live holder is waited
 * for up to `waitMs`, then the call fails naming it. Waiting on this process's own lock fails at once.
 */
export async function acquireEngineLock(dataDir: string, options: EngineLockOptions = {}): Promise<EngineLock> {
  const path = engineLockPath(dataDir);
  const me: EngineLockHolder = { pid: process.pid, host: hostname(), command: options.command ?? 'schemakit', since: new Date().toISOString() };
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  let told = false;
  for (;;) {
    if (tryCreate(path, me)) break;
    const holder = readHolder(path);
    if (holder === null) {
      // Being written right now, or a torn file from a crash between create and write.
      const torn = (h: EngineLockHolder | null) => h === null && Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) > TORN_MS;
      if (torn(null)) breakStale(path, torn);
    } else if (!alive(holder)) {
      breakStale(path, (h) => h !== null && h.pid === holder.pid && h.since === holder.since && h.host === holder.host);
      continue;
    } else {
      const own = holder.pid === process.pid && holder.host === me.host;
      if (own || Date.now() >= deadline) {
        throw new SchemakitError(
          'db',
          'engine-locked',
          `the embedded database ${dataDir} is in use by ${own ? 'this process' : describeEngineHolder(holder)}; ` +
            `only one process may open it at a time. Wait for it to finish${own ? '' : ` (or, if it hangs, stop process ${holder.pid})`}; ` +
            `a lock left by a process that has died is removed automatically (${path}).`,
        );
      }
      if (!told) {
        told = true;
        options.onWait?.(holder);
      }
    }
    await sleep(POLL_MS);
  }
  const release = () => {
    if (!held.delete(release)) return;
    const h = readHolder(path);
    if (h && h.pid === me.pid && h.since === me.since) rmSync(path, { force: true });
  };
  held.add(release);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const r of [...held]) r();
    });
  }
  return { path, release };
}
