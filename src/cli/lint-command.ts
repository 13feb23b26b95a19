import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Db } from '../db';
import { lintPlan, lintScript, readTableSizes, renderLint, runPreflight, scriptTables, type LintFinding, type LintOptions, type TableSizes } from '../lint';
import { SchemakitError, zip } from '../util';
import type { ScopeFlags } from './scope-options';
import { scopeOf } from './target';
import { planTarget } from '../pipeline';
import { loadAndOpen, planTargetOptions, using, withPolicyDefaults, type Outcome, type ScratchFlags } from './commands';
import { countOption, planOptionsOf, type OnlineFlags } from './safety-options';
import { cliTarget, openResolved, type TargetOptions } from './target';

type LintFlags = TargetOptions & OnlineFlags & ScratchFlags & ScopeFlags & { json?: boolean; largeTableRows?: string; largeTableBytes?: string };

/**
 * The migration files a path names: a `.sql` file; a migration folder (its `up.sql`); or a directory of
 * migration folders (each one's `up.sql`, in name order) or of `.sql` files.
 */
export function migrationFiles(path: string): string[] {
  if (!existsSync(path)) throw new SchemakitError('cli', 'bad-path', `${path} does not exist`);
  if (statSync(path).isFile()) return [path];
  if (existsSync(join(path, 'up.sql'))) return [join(path, 'up.sql')];
  const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  const ups = entries.filter((e) => e.isDirectory() && existsSync(join(path, e.name, 'up.sql'))).map((e) => join(path, e.name, 'up.sql'));
  return ups.length > 0 ? ups : entries.filter((e) => e.isFile() && e.name.endsWith('.sql')).map((e) => join(path, e.name));
}

/**
 * `schemakit lint [paths…]`: with paths, lints those migration files (table sizes from `--url` or
 * DATABASE_URL when given); without, lints the plan from the database to the declared schema, with the
 * pre-flight data checks and the tables' sizes. Exit 1 when there is an error.
 */
export async function runLint(paths: readonly string[], opts: LintFlags): Promise<Outcome> {
  const options: LintOptions = {
    largeTableRows: countOption('--large-table-rows', opts.largeTableRows),
    largeTableBytes: countOption('--large-table-bytes', opts.largeTableBytes),
  };
  const findings = paths.length > 0 ? await lintFiles(paths, opts, options) : await lintCurrentPlan(opts, options);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { stdout: opts.json ? JSON.stringify({ findings }, null, 2) : renderLint(findings), exitCode: errors > 0 ? 1 : 0 };
}

async function lintCurrentPlan(opts: LintFlags, options: LintOptions): Promise<LintFinding[]> {
  const { declared, db, target } = await loadAndOpen(opts);
  return using([db], async () => {
    const plan = await planTarget(db, declared, planOptionsOf(withPolicyDefaults(opts, target)), planTargetOptions(opts, scopeOf(opts, target)));
    const sizes = await readTableSizes(
      db,
      plan.steps.flatMap((s) => s.locks.map((l) => l.table)),
    );
    return lintPlan(plan, sizes, options, await runPreflight(db, plan));
  });
}

async function lintFiles(paths: readonly string[], opts: LintFlags, options: LintOptions): Promise<LintFinding[]> {
  const files = paths.flatMap(migrationFiles);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  // Table sizes come from a named database (--url, --env, SCHEMAKIT_ENV, DATABASE_URL, defaultEnv), never from the embedded one.
  const t = cliTarget(opts);
  const db: Db | null = t.source !== 'embedded' && t.target.kind === 'postgres' ? await openResolved(t.target) : null;
  return using([db], async () => {
    const sizes: TableSizes = db ? await readTableSizes(db, texts.flatMap(scriptTables)) : new Map();
    return zip(files, texts, 'migration files').flatMap(([f, text]) => lintScript(relative(process.cwd(), f) || f, text, sizes, options));
  });
}
