import { redactUrl, restoreBackup } from '../db';
import { SchemakitError } from '../util';
import type { Outcome } from './commands';
import { confirm } from './prompt';
import { embeddedDir, embeddedLockOptions } from './target';

/** `schemakit restore FILE [--url URL]`: replaces the database's contents with a backup from `apply --backup`. */
export async function runRestore(file: string, opts: { url?: string; yes?: boolean; lockWait?: string }): Promise<Outcome> {
  const url = opts.url ?? process.env.DATABASE_URL;
  const target = url ? { url } : { pgliteDir: embeddedDir(), lock: embeddedLockOptions(opts) };
  const name = url ? redactUrl(url) : `the embedded database ${embeddedDir()}`;
  if (!opts.yes) {
    if (!process.stdin.isTTY) throw new SchemakitError('cli', 'needs-confirmation', 'not a terminal: pass --yes to restore without confirmation');
    if (!(await confirm(`Replace everything in ${name} with ${file}?`))) return { stdout: 'Aborted; nothing was restored.', exitCode: 1 };
  }
  await restoreBackup(file, target);
  return { stdout: `Restored ${file} into ${name}.`, exitCode: 0 };
}
