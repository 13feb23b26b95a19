import { existsSync } from 'node:fs';
import { restoreBackup } from '../db';
import { describeTarget } from '../config';
import { SchemakitError } from '../util';
import type { Outcome } from './commands';
import { confirm } from './prompt';
import { cliTarget, embeddedLockOptions, type TargetOptions } from './target';

/** `schemakit restore FILE [--url URL | --env NAME]`: replaces the database's contents with a backup from `apply --backup`. */
export async function runRestore(
  file: string,
  opts: TargetOptions & { yes?: boolean; table?: string[]; replace?: boolean; verify?: boolean; json?: boolean },
): Promise<Outcome> {
  if (opts.verify && opts.table) throw new SchemakitError('cli', 'bad-option', '--verify checks the whole backup: drop --table');
  if (opts.replace && !opts.table) throw new SchemakitError('cli', 'bad-option', '--replace goes with --table');
  if (opts.verify) return runRestoreVerify(file, opts);
  if (opts.table) return runRestoreTables(file, opts.table, opts);
  const t = cliTarget(opts, { action: 'restore', command: 'restore' });
  const target = t.target.kind === 'postgres' ? { url: t.target.url } : { pgliteDir: t.target.dir, lock: embeddedLockOptions(opts) };
  const name = describeTarget(t.target);
  // The file is checked against its sidecar's sha256 (when it has one) before anything is asked or touched.
  if (!existsSync(file)) throw new SchemakitError('db', 'restore-failed', `backup file ${file} does not exist. Nothing was restored.`);
  await (
    await import('../backup')
  ).checkBackupSha256(
    file,
    'Nothing was restored: the target was not changed. See schemakit restore FILE --verify, or take the previous backup (schemakit backup list).',
  );
  if (!opts.yes) {
    if (!process.stdin.isTTY) throw new SchemakitError('cli', 'needs-confirmation', 'not a terminal: pass --yes to restore without confirmation');
    if (!(await confirm(`Replace everything in ${name} with ${file}?`))) return { stdout: 'Aborted; nothing was restored.', exitCode: 1 };
  }
  await restoreBackup(file, target);
  return { stdout: `Restored ${file} into ${name}.`, exitCode: 0 };
}

/** `schemakit restore FILE --verify`: restores into a scratch database and compares with the sidecar (exit 0 ok, 1 not). */
async function runRestoreVerify(file: string, opts: TargetOptions & { json?: boolean }): Promise<Outcome> {
  const { verifyBackup } = await import('../backup');
  const t = cliTarget(opts);
  const r = await verifyBackup(file, t.target.kind === 'postgres' ? t.target.url : null);
  if (opts.json) return { stdout: JSON.stringify(r, null, 2), exitCode: r.ok ? 0 : 1 };
  const mark = (ok: boolean | null) => (ok === null ? 'skipped' : ok ? 'ok' : 'FAILED');
  return {
    stdout: [`${r.ok ? 'Verified' : 'Verification FAILED:'} ${file}`, ...r.checks.map((c) => `  ${c.check}: ${mark(c.ok)} (${c.detail})`)].join('\n'),
    exitCode: r.ok ? 0 : 1,
  };
}

/** `schemakit restore FILE --table T... [--replace]`: those tables from a full server backup, in one transaction. */
async function runRestoreTables(file: string, tables: string[], opts: TargetOptions & { yes?: boolean; replace?: boolean; json?: boolean }): Promise<Outcome> {
  const { restoreTables } = await import('../backup');
  const t = cliTarget(opts, { action: 'restore', command: 'restore' });
  if (t.target.kind !== 'postgres')
    throw new SchemakitError(
      'cli',
      'bad-option',
      "restore --table needs a server database (--url or --env): the embedded engine's backups are whole data directories",
    );
  const name = describeTarget(t.target);
  if (opts.replace && !opts.yes) {
    if (!process.stdin.isTTY) throw new SchemakitError('cli', 'needs-confirmation', 'not a terminal: pass --yes to replace tables without confirmation');
    if (!(await confirm(`Replace ${tables.join(', ')} in ${name} with their rows from ${file}?`)))
      return { stdout: 'Aborted; nothing was restored.', exitCode: 1 };
  }
  const r = await restoreTables(file, t.target.url, tables, { replace: opts.replace });
  if (opts.json) return { stdout: JSON.stringify({ file, restored: r.tables }, null, 2), exitCode: 0 };
  return { stdout: `Restored ${r.tables.join(', ')} from ${file} into ${name}.`, exitCode: 0 };
}
