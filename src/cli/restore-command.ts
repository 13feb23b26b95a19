import { restoreBackup } from '../db';
import { describeTarget } from '../config';
import { SchemakitError } from '../util';
import type { Outcome } from './commands';
import { confirm } from './prompt';
import { cliTarget, embeddedLockOptions, type TargetOptions } from './target';

/** `schemakit restore FILE [--url URL | --env NAME]`: replaces the database's contents with a backup from `apply --backup`. */
export async function runRestore(file: string, opts: TargetOptions & { yes?: boolean }): Promise<Outcome> {
  const t = cliTarget(opts, { action: 'restore', command: 'restore' });
  const target = t.target.kind === 'postgres' ? { url: t.target.url } : { pgliteDir: t.target.dir, lock: embeddedLockOptions(opts) };
  const name = describeTarget(t.target);
  if (!opts.yes) {
    if (!process.stdin.isTTY) throw new SchemakitError('cli', 'needs-confirmation', 'not a terminal: pass --yes to restore without confirmation');
    if (!(await confirm(`Replace everything in ${name} with ${file}?`))) return { stdout: 'Aborted; nothing was restored.', exitCode: 1 };
  }
  await restoreBackup(file, target);
  return { stdout: `Restored ${file} into ${name}.`, exitCode: 0 };
}
