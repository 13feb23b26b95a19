import type { Command } from 'commander';
import type { Outcome } from './commands';

/** `backup --out X list`, or `backup list --out X` (which commander gives to `backup`): both reach the subcommand. */
const withParent = <T extends object>(o: T, c: Command): T => ({ ...(c.parent?.opts() ?? {}), ...o });

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Registers `schemakit backup [list|prune]` (modules load lazily inside the actions). */
export function registerBackup(cmd: Command, target: (c: Command) => Command, done: (o: Outcome) => void): void {
  const backup = target(
    cmd
      .command('backup')
      .description('back up the database with a metadata sidecar <file>.json (pg_dump -Fc, or the embedded data directory); see also backup list|prune'),
  )
    .option('--out <dir>', 'backup folder (default: requireBackup of the env, else .schemakit/backups)')
    .option('--schema-only', 'definitions only (server)')
    .option('--data-only', 'rows only (server)')
    .option('--table <table>', 'only this table, schema.table (repeatable; server)', collect)
    .option('--compress <n>', 'pg_dump compression level 0-9 (server)')
    .option('--json', 'print the metadata as one JSON document')
    .action(async (o) => {
      const { runBackup } = await import('./backup-command');
      done(await runBackup(o));
    });
  backup
    .command('list')
    .description('the backups in the folder, newest first, with what each holds')
    .option('--out <dir>', 'backup folder (default: .schemakit/backups)')
    .option('--config <file>', 'configuration file (default: the nearest schemakit.yaml)')
    .option('--json', 'print the list as JSON')
    .action(async (o, c: Command) => {
      const { runBackupList } = await import('./backup-command');
      done(await runBackupList(withParent(o, c)));
    });
  backup
    .command('prune')
    .description('delete old backups with their sidecars (a file without its sidecar is never deleted)')
    .option('--out <dir>', 'backup folder (default: .schemakit/backups)')
    .option('--config <file>', 'configuration file (default: the nearest schemakit.yaml)')
    .option('--keep <n>', 'keep the newest N')
    .option('--older-than <age>', 'delete backups older than AGE (30d, 12h, 90m, 2w)')
    .option('--dry-run', 'list what would be deleted, delete nothing')
    .option('--json', 'print the result as JSON')
    .action(async (o, c: Command) => {
      const { runBackupPrune } = await import('./backup-command');
      done(await runBackupPrune(withParent(o, c)));
    });
}
