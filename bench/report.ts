import type { BenchReport, PgliteResult, SizeResult, TargetResult, Timing } from './types';

const ms = (t: Timing | null): string => (t ? t.medianMs.toFixed(t.medianMs < 100 ? 1 : 0) : 'n/a');

/** end-to-end / pg_dump, or null when either is missing. */
export function ratio(r: SizeResult): number | null {
  return r.endToEnd && r.pgDump ? r.endToEnd.medianMs / r.pgDump.medianMs : null;
}

/** Checks the three targets against the measured sizes (null: size not measured). */
export function evaluateTargets(sizes: readonly SizeResult[]): TargetResult[] {
  const at = (n: number) => sizes.find((s) => s.tables === n);
  const r1000 = at(1000);
  const q = r1000 ? ratio(r1000) : null;
  const r5000 = at(5000);
  const dp = r5000 && r5000.diffPlanChanged && r5000.diffPlanSelf ? Math.max(r5000.diffPlanChanged.medianMs, r5000.diffPlanSelf.medianMs) : null;
  const peak = sizes.length ? Math.max(...sizes.map((s) => s.memory.rssMb)) : null;
  return [
    {
      name: '1,000 tables end to end within 1.5x of pg_dump --schema-only',
      met: q === null ? null : q <= 1.5,
      detail: q === null ? 'run with --sizes including 1000' : `ratio ${q.toFixed(2)}`,
    },
    {
      name: 'diff + plan of 5,000 tables in memory under 0.5 s',
      met: dp === null ? null : dp < 500,
      detail: dp === null ? 'run with --sizes including 5000' : `slowest of self / 5% ${dp.toFixed(0)} ms`,
    },
    {
      name: 'peak memory under 500 MB',
      met: peak === null ? null : peak < 500,
      detail: peak === null ? 'not measured' : `peak RSS ${peak.toFixed(0)} MB (largest size, own process)`,
    },
  ];
}

/** The report as Markdown: the results table, self-check problems, PGlite figures and the targets. */
export function renderReport(report: BenchReport): string {
  const lines: string[] = [];
  lines.push(`schemakit bench — ${report.startedAt}, node ${report.node}, ${report.server}; median of ${report.runs} runs after 1 warm-up`);
  lines.push('');
  lines.push('| N | pg_dump ms | introspect ms | diff+plan self ms | diff+plan 5% ms (steps) | end-to-end ms | ratio e2e/pg_dump | pull ms | peak RSS MB |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of report.sizes) {
    const q = ratio(r);
    const steps = r.changedSteps === null ? '' : ` (${r.changedSteps})`;
    lines.push(
      `| ${r.tables} | ${ms(r.pgDump)} | ${ms(r.introspect)} | ${ms(r.diffPlanSelf)} | ${ms(r.diffPlanChanged)}${steps} | ${ms(r.endToEnd)} | ${q === null ? 'n/a' : q.toFixed(2)} | ${ms(r.pull)} | ${r.memory.rssMb.toFixed(0)} |`,
    );
  }
  lines.push('');
  lines.push(
    'end-to-end = connect + introspect + diff + plan (live → 5%-changed catalog) + close; pg_dump includes its process start; the two alternate run by run so their ratio sees the same machine load.',
  );
  lines.push('pull = renderPull of the introspected catalog (declaration files printed with ts-morph, in memory; introspection not included).');
  for (const r of report.sizes) {
    const edits = Object.entries(r.edits)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    lines.push(
      `N=${r.tables}: catalog ${r.catalog.tables} tables, ${r.catalog.indexes} indexes, ${r.catalog.constraints} constraints, ${r.catalog.enums} enums; ` +
        `5% edits: ${edits || 'none'} → ${r.changedChanges ?? 'n/a'} changes; heapUsed peak ${r.memory.heapUsedMb.toFixed(0)} MB` +
        (r.loadedMs === null ? '' : `; loaded in ${(r.loadedMs / 1000).toFixed(1)} s`),
    );
    if (r.selfChanges.length > 0) {
      lines.push(`  SELF-DIFF NOT EMPTY: ${r.selfChanges.length} changes between two introspections of the same database, e.g.:`);
      for (const c of r.selfChanges.slice(0, 5)) lines.push(`    ${c}`);
    }
    for (const e of r.errors) lines.push(`  ERROR ${e}`);
  }
  if (report.pglite.length > 0) lines.push('', ...renderPglite(report.pglite));
  lines.push('');
  for (const t of report.targets) lines.push(`- ${t.met === null ? 'NOT MEASURED' : t.met ? 'MET' : 'NOT MET'}: ${t.name} (${t.detail})`);
  return lines.join('\n');
}

function renderPglite(results: readonly PgliteResult[]): string[] {
  const lines = ['PGlite (in-process PostgreSQL 18):', '', '| N | load ms | introspect ms | self-diff changes |', '|---:|---:|---:|---:|'];
  for (const r of results) lines.push(`| ${r.tables} | ${r.loadMs.toFixed(0)} | ${ms(r.introspect)} | ${r.selfChanges.length} |`);
  for (const r of results) {
    for (const c of r.selfChanges.slice(0, 3)) lines.push(`  N=${r.tables} self-diff: ${c}`);
    for (const e of r.errors) lines.push(`  N=${r.tables} ERROR ${e}`);
  }
  return lines;
}
