import { resolve } from 'node:path';
import { enforcePolicy, resolveTarget, type EnvTarget, type PolicyAction, type ResolvedTarget } from '../config';
import { describeEngineHolder, type Db, type EngineLockOptions } from '../db';
import { openEnvTarget } from '../pipeline/planning';
import type { Declared } from '../declare';
import { introspectAhead } from '../introspect';
import type { Catalog } from '../model';
import { during, logLine, progress } from './progress';
import { invocation } from './invocation';
import { projectConfig } from './project-config';

export { projectConfig, scopeOf } from './project-config';

/** Options shared by commands that talk to one database. */
export interface TargetOptions {
  readonly url?: string;
  readonly schema?: string;
  /** An env of schemakit.yaml (`--env`). */
  readonly env?: string;
  /** The configuration file (`--config`), instead of the nearest schemakit.yaml. */
  readonly config?: string;
  /** Seconds to wait for another process holding the embedded database (`--lock-wait`; default 10). */
  readonly lockWait?: string;
}

/** `schemakit migrate up`: the command words of this process, which a process waiting for the embedded database's lock is shown. */
export function commandLabel(argv: readonly string[] = process.argv): string {
  const words: string[] = [];
  for (const a of argv.slice(2)) {
    if (a.startsWith('-') || words.length === 2) break;
    words.push(a);
  }
  return ['schemakit', ...words].join(' ');
}

/** Options of the embedded database's lock file for a command: its label, the wait, a line on stderr while waiting. */
export function embeddedLockOptions(opts: { lockWait?: string }): EngineLockOptions {
  const seconds = opts.lockWait === undefined ? 10 : Number(opts.lockWait);
  return {
    command: commandLabel(),
    waitMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 10_000,
    onWait: (h) => logLine(`waiting for the embedded database: in use by ${describeEngineHolder(h)} (up to ${seconds} s)`),
  };
}

/** The embedded database used when no server is configured: `.schemakit/pglite` at the project root. */
export function embeddedDir(cwd?: string): string {
  return resolve(projectConfig().root, cwd ?? '.', '.schemakit', 'pglite');
}

/**
 * The database a command uses (`--url` > `--env` > SCHEMAKIT_ENV > DATABASE_URL > defaultEnv > embedded),
 * announced once on stderr with the password masked. With `action`, the env's policy may refuse it.
 */
export function cliTarget(opts: TargetOptions, action?: { action: PolicyAction; command: string }): ResolvedTarget {
  invocation.lockWait = opts.lockWait;
  const t = resolveTarget(projectConfig(opts), { url: opts.url, env: opts.env });
  if (invocation.announced !== t.description) process.stderr.write(`${(invocation.announced = t.description)}\n`);
  if (action) enforcePolicy(t, action.action, action.command);
  return t;
}

/** Opens a resolved target; PGlite is started with the given contrib extensions registered. */
export async function openResolved(target: EnvTarget, extensions: readonly string[] = []): Promise<Db> {
  return openEnvTarget(target, extensions, embeddedLockOptions({ lockWait: invocation.lockWait }));
}

/**
 * Opens the command's database (see cliTarget), the embedded one started with the given contrib
 * extensions registered (PGlite can only CREATE an extension registered when it starts).
 */
export async function openTarget(opts: TargetOptions, extensions: readonly string[] = [], action?: { action: PolicyAction; command: string }): Promise<Db> {
  return openResolved(cliTarget(opts, action).target, extensions);
}

/**
 * Opens the command's database and loads its declarations, the server first: a wrong host, port or password
 * fails in about a second instead of after the type check (tens of seconds on a large schema). With
 * `readCatalog`, a server's catalog is read meanwhile: its queries go out before the load, the server runs them
 * while this thread loads, and the catalog comes back as `introspected` (introspectAhead). The embedded
 * engine starts after the load, with the contrib extensions the declarations use (PGlite registers them at
 * start). A failed load closes what was opened.
 */
export async function openWithDeclarations<T extends Declared | null>(
  opts: TargetOptions,
  load: () => Promise<T>,
  action?: { action: PolicyAction; command: string },
  ahead: { readonly readCatalog?: boolean } = {},
): Promise<{ declared: T; db: Db; target: ResolvedTarget; introspected?: Catalog }> {
  const target = cliTarget(opts, action);
  if (target.target.kind === 'postgres') {
    const db = await openResolved(target.target);
    let reading: Promise<Catalog> | undefined;
    try {
      if (ahead.readCatalog) reading = (await introspectAhead(db)).catalog;
      const declared = await load();
      return { declared, db, target, ...(reading ? { introspected: await reading } : {}) };
    } catch (e) {
      await reading?.catch(() => undefined);
      await db.close();
      throw e;
    } finally {
      progress().clear();
    }
  }
  const declared = await load();
  progress().clear();
  const extensions = declared?.catalog.extensions.map((e) => e.name) ?? [];
  return { declared, db: await during('starting the embedded database', () => openResolved(target.target, extensions)), target };
}

/** The declarations directory (`--schema`, else `paths.schema`, default `schema/`). */
export function schemaDir(opts: TargetOptions): string {
  return opts.schema ? resolve(opts.schema) : projectConfig(opts).paths.schema;
}

/** The migrations directory (`--dir`/`--out`, else `paths.migrations`, default `generated/migrations`). */
export function migrationsDirOf(opts: { config?: string }, flag: string | undefined): string {
  return flag ? resolve(flag) : projectConfig(opts).paths.migrations;
}

/** The server for scratch and replay databases: `--dev-url`, else the config's `dev`, else `--url`; undefined: embedded PGlite. */
export function devUrlOf(opts: { config?: string; devUrl?: string; url?: string }): string | undefined {
  const dev = projectConfig(opts).dev;
  // `--url pglite:DIR` names an embedded database: replays then use a scratch PGlite, not that directory.
  return opts.devUrl ?? (dev?.kind === 'postgres' ? dev.url : undefined) ?? (opts.url?.startsWith('pglite:') ? undefined : opts.url);
}
