import { relative } from 'node:path';
import { dataMigrationTemplate, nextVersion, parseBatchDirective, readMigrations, writeMigration } from '../migrate';
import { parseTableName } from '../sql';
import { SchemakitError } from '../util';
import type { Outcome } from './commands';
import { bold } from './output';
import { migrationsDirOf, type TargetOptions } from './target';

/** Options of `generate NAME --data`. */
export interface DataMigrationOptions extends TargetOptions {
  readonly out?: string;
  readonly table?: string;
  readonly key?: string;
  readonly batchSize?: string;
  readonly sleep?: string;
  readonly json?: boolean;
}

/**
 * `schemakit generate NAME --data [--table T] [--key K] [--batch-size N] [--sleep 50ms]`: a data-migration
 * template (a batched UPDATE in up.sql and its reverse in down.sql, no meta.json), written without loading the
 * schema: it changes rows, not the schema.
 */
export async function runGenerateData(name: string, opts: DataMigrationOptions): Promise<Outcome> {
  const table = opts.table === undefined ? null : parseTableName(opts.table);
  const size = opts.batchSize === undefined ? undefined : Number(opts.batchSize);
  if (size !== undefined && (!Number.isInteger(size) || size < 1))
    throw new SchemakitError('cli', 'bad-option', `--batch-size ${opts.batchSize}: a positive whole number`);
  const sleep = opts.sleep ?? '50ms';
  const { sleepMs } = (() => {
    try {
      return parseBatchDirective(`table=t sleep=${sleep}`, '--sleep');
    } catch {
      throw new SchemakitError('cli', 'bad-option', `--sleep ${sleep}: a duration such as 50ms or 1s`);
    }
  })();
  const dir = migrationsDirOf(opts, opts.out);
  const { up, down } = dataMigrationTemplate({ table, key: opts.key ?? null, size, sleepMs });
  const written = writeMigration(dir, { version: nextVersion(readMigrations(dir)), name, up, down, meta: null });
  const shown = relative(process.cwd(), written) || '.';
  if (opts.json) return { stdout: JSON.stringify({ written: shown, data: true }, null, 2), exitCode: 0 };
  return {
    stdout: `Wrote ${bold(shown)}/up.sql and down.sql: a batched data migration template. Replace the TODOs, then run schemakit migrate up (it resumes where it stopped if interrupted).`,
    exitCode: 0,
  };
}
