import { existsSync } from 'node:fs';
import { checkData, dedupe, parseKeep, type CheckReport, type DedupeReport } from '../check';
import { requiredBackupDir } from '../config';
import { backupFirst } from './backup-first';
import { loadDeclarations } from './load-declarations';
import type { Declared } from '../declare';
import { SchemakitError } from '../util';
import { using, type Outcome } from './commands';
import { bold, dim, red, yellow } from './output';
import { progress } from './progress';
import { cliTarget, openResolved, openWithDeclarations, schemaDir, type TargetOptions } from './target';

const log = (s: string) => process.stderr.write(s + '\n');

/** A non-negative integer flag. */
export function intFlag(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 0) throw new SchemakitError('cli', 'bad-option', `${flag} must be a non-negative integer, not "${v}"`);
  return n;
}

/** Loads schema/ for expectations and locations; without one, only the catalog checks run. */
export async function loadCheckDeclarations(o: TargetOptions & { schemaGiven?: boolean }): Promise<Declared | null> {
  const dir = schemaDir(o);
  if (!existsSync(dir)) {
    if (o.schemaGiven) throw new SchemakitError('cli', 'bad-path', `${dir} does not exist`);
    log(`${yellow('warning')} no declarations in ${dir}: only NOT VALID constraints, invalid indexes and sequences are checked`);
    return null;
  }
  return loadDeclarations(dir);
}

export type CheckFlags = TargetOptions & { json?: boolean; table?: string[]; timeout?: string; schemaGiven?: boolean };

/** `schemakit check`: exit 0 when clean, 1 with findings. */
export async function runCheck(o: CheckFlags): Promise<Outcome> {
  const timeoutMs = intFlag('--timeout', o.timeout);
  const { declared, db } = await openWithDeclarations(o, () => loadCheckDeclarations(o));
  const line = progress();
  const report = await using([db], () =>
    checkData(db, {
      declared,
      tables: o.table,
      timeoutMs,
      onCheck: (object, i, n) => line.show('checking', `[${i + 1}/${n}] ${object}`),
    }),
  ).finally(() => line.clear());
  return { stdout: o.json ? JSON.stringify(report, null, 2) : renderCheck(report), exitCode: report.findings.length > 0 ? 1 : 0 };
}

/** The report as text: findings with counts, samples, location and fix; checks that could not run. */
export function renderCheck(r: CheckReport): string {
  const out = [dim(`check of ${r.database}: ${r.checked} check(s) in one ${r.readOnly ? 'read-only ' : ''}transaction`)];
  if (r.findings.length > 0) out.push('', red(bold(`Findings (${r.findings.length})`)));
  for (const f of r.findings) {
    out.push(`  ${bold(f.kind)}  ${f.message}`);
    if (f.samples.length > 0) out.push(`      e.g. ${f.samples.join(', ')}`);
    if (f.location) out.push(`      at ${f.location}`);
    if (f.fix) out.push(`      fix: ${f.fix}`);
  }
  if (r.skipped.length > 0) {
    out.push('', yellow(`Not checked (${r.skipped.length})`));
    for (const s of r.skipped) out.push(`  ${s.kind} ${s.object}: ${s.reason}${s.location ? dim(` (${s.location})`) : ''}`);
  }
  out.push('', r.findings.length === 0 ? 'No findings.' : `${r.findings.length} finding(s).`);
  return out.join('\n');
}

type DedupeFlags = TargetOptions & { key: string; keep: string; where?: string; yes?: boolean; backup?: string; batchSize?: string; json?: boolean };

/** `schemakit dedupe`: a dry run, or with --yes the merge. */
export async function runDedupe(table: string, o: DedupeFlags): Promise<Outcome> {
  const keep = parseKeep(o.keep);
  const key = o.key
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const batchSize = intFlag('--batch-size', o.batchSize);
  const target = cliTarget(o);
  const db = await openResolved(target.target);
  return using([db], async () => {
    const options = { table, key, keep, where: o.where, batchSize };
    let backup: string | null = null;
    if (o.yes) {
      // Nothing to merge: no backup taken.
      const dry = await dedupe(db, options);
      if (dry.losers === 0) return { stdout: o.json ? JSON.stringify({ ...dry, backup }, null, 2) : renderDedupe(dry, null), exitCode: 0 };
      const dir = o.backup ?? requiredBackupDir(target, 'apply');
      if (dir) backup = await backupFirst(db, dir, target.policy, log);
    }
    const report = await dedupe(db, { ...options, apply: o.yes === true });
    return { stdout: o.json ? JSON.stringify({ ...report, backup }, null, 2) : renderDedupe(report, backup), exitCode: 0 };
  });
}

/** The dedupe report as text. */
export function renderDedupe(r: DedupeReport, backup: string | null): string {
  const out = [`${r.table} over (${r.key.join(', ')}), keeping ${r.keep}: ${r.groups} duplicate group(s), ${r.losers} row(s) to remove`];
  for (const g of r.samples) out.push(`  ${g.key}: keep ${g.survivor}, remove ${g.losers.join(', ')}`);
  if (r.groups > r.samples.length) out.push(dim(`  … and ${r.groups - r.samples.length} more group(s)`));
  if (r.references.length > 0) {
    out.push('', 'Foreign keys pointing at the removed rows (re-pointed to the survivors):');
    for (const f of r.references)
      out.push(`  ${f.level === 2 ? '  (level 2, ON UPDATE CASCADE) ' : ''}${f.constraint} (${f.columns.join(', ')}): ${f.rows} row(s)`);
  }
  if (r.dryRun) {
    out.push('', r.losers > 0 ? 'Dry run: nothing changed. Run again with --yes to merge.' : 'Nothing to merge.');
  } else {
    out.push('', 'Merged in one transaction:');
    for (const c of r.changed) out.push(`  ${c.table}: ${c.updated} re-pointed, ${c.deleted} deleted`);
    if (backup) out.push(dim(`backup: ${backup}`));
  }
  return out.join('\n');
}
