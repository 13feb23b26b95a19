import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { comparePulled, renderPull, type PullLayout } from '../generators';
import { introspect } from '../introspect';
import { SchemakitError } from '../util';
import type { Outcome } from './commands';
import { readTree } from './docs-command';
import { unifiedDiffs } from './text-diff';
import { cliTarget, openTarget, projectConfig } from './target';
import type { ScopeFlags } from './scope-options';
import { scopeOf } from './target';

/** Options of `schemakit pull`. */
export interface PullOptions extends ScopeFlags {
  /** The database to pull (default `DATABASE_URL`, else the embedded database). */
  readonly url?: string;
  /** Output directory (default `schema/`). */
  readonly out?: string;
  /** `table` (one file per table, the default) or `schema` (one `tables.ts` per schema). */
  readonly layout?: string;
  /** Overwrite files whose content differs from the pulled one. */
  readonly force?: boolean;
  readonly env?: string;
  readonly config?: string;
  /** Print one JSON document on stdout. */
  readonly json?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `schemakit pull`: introspects the database and writes declaration files to `out`. Files that exist with
 * other content (edited since the last pull, or another schema) are only overwritten with `force`: without
 * it nothing is written, the files are named and the exit code is 1. Identical files are left untouched.
 */
export async function runPull(opts: PullOptions = {}): Promise<Outcome> {
  const layout = (opts.layout ?? 'table') as PullLayout;
  if (layout !== 'table' && layout !== 'schema')
    throw new SchemakitError('cli', 'bad-option', `pull: --layout must be "table" or "schema", not "${opts.layout}"`);
  const out = opts.out ? resolve(opts.out) : projectConfig(opts).paths.schema;
  const scope = scopeOf(opts, cliTarget(opts));
  const db = await openTarget(opts);
  let catalog;
  try {
    catalog = await introspect(db, { scope });
  } finally {
    await db.close().catch(() => undefined);
  }
  const files = renderPull(catalog, { layout });
  const existing = readTree(out);
  const drift = comparePulled(files, existing);
  const where = relative(process.cwd(), out) || '.';
  const refused = drift.changed.length > 0 && !opts.force;
  const doc = () =>
    JSON.stringify(
      {
        out: where,
        written: !refused,
        added: drift.added,
        overwritten: refused ? [] : drift.changed,
        conflicting: refused ? drift.changed : [],
        unchanged: drift.unchanged,
        other: drift.other,
        counts: { tables: catalog.tables.length, enums: catalog.enums.length, schemas: catalog.schemas.length, extensions: catalog.extensions.length },
      },
      null,
      2,
    );
  if (refused && opts.json) return { stdout: doc(), exitCode: 1 };
  if (refused) {
    return {
      stdout: [
        `Pull would overwrite ${plural(drift.changed.length, 'file')} in ${where} that differ from the database's declarations (edited since the last pull?):`,
        ...drift.changed.map((p) => `  ${p}`),
        'Nothing was written. Commit or move your edits, then run `schemakit pull --force` to overwrite them.',
        '',
        'How the pulled declarations differ from the files (a/: your file, b/: as pulled from the database):',
        '',
        unifiedDiffs(
          drift.changed.slice(0, 20),
          (p) => existing.get(p),
          (p) => files.get(p),
        ),
        ...(drift.changed.length > 20 ? ['', `… and ${drift.changed.length - 20} more file(s), named above.`] : []),
      ].join('\n'),
      exitCode: 1,
    };
  }
  for (const path of [...drift.added, ...drift.changed]) {
    const full = join(out, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, files.get(path)!);
  }
  if (opts.json) return { stdout: doc(), exitCode: 0 };
  const lines = [
    `Pulled ${plural(catalog.tables.length, 'table')}, ${plural(catalog.enums.length, 'enum')}, ${plural(catalog.schemas.length, 'schema')} and ${plural(catalog.extensions.length, 'extension')} into ${where}: ` +
      `${drift.added.length} new, ${drift.changed.length} overwritten, ${drift.unchanged.length} unchanged.`,
  ];
  if (drift.other.length > 0) {
    lines.push(
      `${plural(drift.other.length, 'other file')} in ${where} ${drift.other.length === 1 ? 'was' : 'were'} left alone (they are loaded too; remove any that declare the same objects):`,
    );
    lines.push(...drift.other.map((p) => `  ${p}`));
  }
  return { stdout: lines.join('\n'), exitCode: 0 };
}
