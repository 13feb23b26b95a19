import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exportCsv, loadCsv, loadSeed, parseTableName, type CopyProgress } from '../data';
import { queryRow } from '../db';
import { qualified } from '../sql';
import { prepareReferenceData } from '../pipeline';
import { SchemakitError, formatProblem, type Problem } from '../util';
import { loadAndOpen, using, type Outcome } from './commands';
import { red } from './output';
import { progress } from './progress';
import { openTarget, type TargetOptions } from './target';

/** `file:line:col` of a problem as JSON fields. */
function problemJson(p: Problem) {
  const m = /^(.*?):(\d+)(?::(\d+))?$/.exec(p.location ?? '');
  return {
    file: m?.[1] ?? null,
    line: m ? Number(m[2]) : null,
    column: m?.[3] ? Number(m[3]) : null,
    object: p.object ?? null,
    code: p.code,
    message: p.message,
  };
}

/** `schemakit data validate`: every problem at once; exit 0 valid, 1 problems. */
export async function runDataValidate(opts: TargetOptions & { data?: string; json?: boolean }): Promise<Outcome> {
  const { declared, db } = await loadAndOpen(opts);
  return using([db], async () => {
    const r = await prepareReferenceData(declared, db, { dataDir: opts.data });
    const exitCode = r.problems.length ? 1 : 0;
    const tables = r.tables.map((t) => ({
      table: `${t.mapped.table.schema}.${t.mapped.table.name}`,
      file: t.mapped.ref.file,
      mode: t.mapped.ref.mode,
      key: t.mapped.key,
      rows: t.count,
    }));
    if (opts.json) return { stdout: JSON.stringify({ valid: exitCode === 0, tables, problems: r.problems.map(problemJson) }, null, 2), exitCode };
    const lines = r.problems.map((p) => formatProblem(p));
    const summary = exitCode
      ? red(`${r.problems.length} problem(s) in reference data`)
      : `${tables.length} reference table(s), ${tables.reduce((n, t) => n + t.rows, 0)} row(s): valid`;
    return { stdout: [...lines, summary].join('\n'), exitCode };
  });
}

/** Copy progress on the process's progress line (a terminal only, never with `--json`): MB done, MB/s, ETA. */
function progressLine(label: string): { onProgress: (p: CopyProgress) => void; end: () => void } {
  const line = progress();
  const start = Date.now();
  return {
    onProgress: (p) => {
      if (!line.enabled) return;
      const rate = p.bytes / 1e6 / Math.max((Date.now() - start) / 1000, 0.001);
      const eta = p.totalBytes ? ` ETA ${Math.max(0, (p.totalBytes - p.bytes) / 1e6 / rate).toFixed(0)} s` : '';
      const pct = p.totalBytes ? ` ${((100 * p.bytes) / p.totalBytes).toFixed(0)}%` : '';
      line.show(label, `${(p.bytes / 1e6).toFixed(1)} MB${pct} ${rate.toFixed(1)} MB/s${eta}`);
    },
    end: () => line.clear(),
  };
}

/** The table named on the command line, quoted by the one quoting of src/sql (as loadCsv reads it). */
const qualifiedTable = (name: string): string => {
  const t = parseTableName(name);
  return qualified(t.schema, t.table);
};

/** `schemakit data load TABLE FILE`. */
export async function runDataLoad(table: string, file: string, opts: { url?: string; truncate?: boolean; json?: boolean }): Promise<Outcome> {
  if (!existsSync(file)) throw new SchemakitError('data', 'not-found', `${file}: no such file`);
  const db = await openTarget(opts);
  return using([db], async () => {
    const p = progressLine(`loading ${file}`);
    const start = Date.now();
    try {
      const r = await loadCsv(db, table, file, { truncate: opts.truncate, onProgress: p.onProgress });
      const rows = Number((await queryRow<{ n: string }>(db, `SELECT count(*)::text AS n FROM ${qualifiedTable(table)}`)).n);
      const ms = Date.now() - start;
      return opts.json
        ? { stdout: JSON.stringify({ table, file, bytes: r.bytes, rows, ms }), exitCode: 0 }
        : { stdout: `Loaded ${file} into ${table} (${(r.bytes / 1e6).toFixed(1)} MB in ${ms} ms; the table now has ${rows} row(s)).`, exitCode: 0 };
    } finally {
      p.end();
    }
  });
}

/** `schemakit data export TABLE [--out FILE] [--where SQL]`. */
export async function runDataExport(table: string, opts: { url?: string; out?: string; where?: string; json?: boolean }): Promise<Outcome> {
  // Without --out the CSV itself is the output: a JSON report could only be mixed into it.
  if (opts.json && !opts.out) throw new SchemakitError('cli', 'bad-option', 'data export --json needs --out FILE (without it, stdout is the CSV)');
  const db = await openTarget(opts);
  return using([db], async () => {
    if (opts.out) {
      const p = progressLine(`exporting ${table}`);
      const r = await exportCsv(db, table, opts.out, { where: opts.where, onProgress: p.onProgress }).finally(p.end);
      if (opts.json) return { stdout: JSON.stringify({ table, file: opts.out, bytes: r.bytes }), exitCode: 0 };
      process.stderr.write(`Exported ${table} to ${opts.out} (${(r.bytes / 1e6).toFixed(1)} MB).\n`);
      return { stdout: '', exitCode: 0 };
    }
    await exportCsv(db, table, process.stdout, { where: opts.where });
    return { stdout: '', exitCode: 0 };
  });
}

/** `schemakit data seed NAME`: loads data/seeds/NAME/<schema>/<table>.csv, referenced tables first. */
export async function runDataSeed(name: string, opts: TargetOptions & { data?: string; truncate?: boolean; json?: boolean }): Promise<Outcome> {
  if (!existsSync(join(opts.data ?? 'data', 'seeds', name)))
    throw new SchemakitError('data', 'not-found', `no seed folder ${join(opts.data ?? 'data', 'seeds', name)}`);
  const db = await openTarget(opts);
  return using([db], async () => {
    const loaded = await loadSeed(db, opts.data ?? 'data', name, { truncate: opts.truncate });
    return opts.json
      ? { stdout: JSON.stringify({ seed: name, loaded }), exitCode: 0 }
      : { stdout: loaded.map((l) => `Loaded ${l.file} into ${l.table}`).join('\n') || 'Nothing to load.', exitCode: 0 };
  });
}
