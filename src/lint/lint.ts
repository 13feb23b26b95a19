import type { Hazard, LockMode, Plan, TableLock } from '../plan';
import { splitStatements } from '../sql';
import { statementLabel } from './lint-label';
import { analyzeStatement, type StatementFacts } from './lint-statement';
import type { PreflightFinding } from './preflight';
import { formatBytes, formatRows, type TableSize, type TableSizes } from './table-sizes';

export type LintSeverity = 'error' | 'warning' | 'info';

/** Lint rules (user-facing, kebab-case). */
export type LintRule =
  'deletes-data' | 'table-rewrite' | 'blocking-scan' | 'may-fail-on-data' | 'data-check' | 'irreversible' | 'unbounded-dml' | 'missing-lock-timeout';

/** One finding: which rule, how bad, where (`file:line`, or `step N` of a plan), about which table. */
export interface LintFinding {
  readonly rule: LintRule;
  readonly severity: LintSeverity;
  readonly location: string;
  readonly object: string | null;
  readonly message: string;
}

/** Options of the lint rules. */
export interface LintOptions {
  /** A table at least this big (estimated rows) turns a rewrite or blocking scan into an error (default 1,000,000). */
  readonly largeTableRows?: number;
  /** Same, in bytes with indexes and TOAST (default 1 GiB). */
  readonly largeTableBytes?: number;
}

export const DEFAULT_LARGE_TABLE_ROWS = 1_000_000;
export const DEFAULT_LARGE_TABLE_BYTES = 1024 ** 3;

/** A statement to lint: its locks and hazards, from a plan step (typed data) or a migration file statement. */
interface Subject {
  readonly location: string;
  readonly label: string;
  readonly locks: readonly TableLock[];
  readonly hazards: readonly Hazard[];
  /** Pre-flight results for this statement (plans linted against a database), else null. */
  readonly preflight: readonly PreflightFinding[] | null;
}

/** Lock modes that block writes (everything from SHARE up). */
const BLOCKS_WRITES = new Set<LockMode>(['ACCESS EXCLUSIVE', 'EXCLUSIVE', 'SHARE ROW EXCLUSIVE', 'SHARE']);

const what = (mode: LockMode) => (mode === 'ACCESS EXCLUSIVE' ? 'reads and writes' : 'writes');

function sizeText(s: TableSize | undefined): string {
  return s === undefined ? '' : ` (${formatBytes(s.bytes)}, ${formatRows(s.rows)})`;
}

function isLarge(s: TableSize | undefined, o: LintOptions): boolean {
  if (s === undefined) return false;
  return (s.rows ?? 0) >= (o.largeTableRows ?? DEFAULT_LARGE_TABLE_ROWS) || s.bytes >= (o.largeTableBytes ?? DEFAULT_LARGE_TABLE_BYTES);
}

/** The rules over one statement. */
function lintSubject(s: Subject, sizes: TableSizes, o: LintOptions): LintFinding[] {
  const out: LintFinding[] = [];
  const add = (rule: LintRule, severity: LintSeverity, object: string | null, message: string) =>
    out.push({ rule, severity, location: s.location, object, message });
  for (const h of s.hazards) {
    if (h.kind === 'deletes-data') add('deletes-data', 'error', null, h.message);
    if (h.kind === 'irreversible') add('irreversible', 'warning', null, h.message);
    if (h.kind === 'may-fail-on-data' && s.preflight === null) add('may-fail-on-data', 'warning', null, h.message);
  }
  for (const f of s.preflight ?? []) {
    add('data-check', f.kind === 'not-checked' ? 'warning' : 'error', f.object, f.message); // values-change: data lost
  }
  for (const l of s.locks) {
    const size = sizes.get(l.table);
    const severity: LintSeverity = isLarge(size, o) ? 'error' : 'warning';
    if (l.rewrite) {
      add('table-rewrite', severity, l.table, `${s.label} rewrites ${l.table}${sizeText(size)} under ${l.mode}`);
    } else if (l.scan && BLOCKS_WRITES.has(l.mode)) {
      add('blocking-scan', severity, l.table, `${s.label} reads all of ${l.table}${sizeText(size)} under ${l.mode}, blocking ${what(l.mode)} meanwhile`);
    } else if (l.scan && l.mode === 'ROW EXCLUSIVE') {
      add('unbounded-dml', 'warning', l.table, `${s.label} touches every row of ${l.table}${sizeText(size)} in one transaction`);
    }
  }
  return out;
}

/**
 * Lints a plan: every step's hazards and locks (with the tables' sizes when known). With pre-flight
 * findings (a database was given), data checks replace the "may fail on data" warnings: violating rows are
 * errors.
 */
export function lintPlan(
  plan: Plan,
  sizes: TableSizes = new Map(),
  options: LintOptions = {},
  preflight: readonly PreflightFinding[] | null = null,
): LintFinding[] {
  return plan.steps.flatMap((step, i) =>
    lintSubject(
      {
        location: `step ${i + 1}`,
        label: statementLabel(step.sql),
        locks: step.locks,
        hazards: step.hazards,
        preflight: preflight === null ? null : preflight.filter((f) => f.step === i),
      },
      sizes,
      options,
    ),
  );
}

/**
 * Lints a migration file statement by statement: the same rules, from the statements' tokens, plus
 * `missing-lock-timeout` when a statement locks a table against writes before any `SET lock_timeout`.
 * A table the file itself created earlier is no risk (see FreshTables): a first migration is not a list of
 * lock warnings about brand-new tables.
 */
export function lintScript(file: string, text: string, sizes: TableSizes = new Map(), options: LintOptions = {}): LintFinding[] {
  const out: LintFinding[] = [];
  let timeoutSet = false;
  let warned = false;
  const fresh = new FreshTables();
  for (const st of splitStatements(text)) {
    const facts = fresh.see(analyzeStatement(st.sql));
    const location = `${file}:${st.line}`;
    if (facts.setsLockTimeout) timeoutSet = true;
    const blocking = facts.locks.find((l) => BLOCKS_WRITES.has(l.mode));
    if (blocking && !timeoutSet && !warned) {
      warned = true;
      out.push({
        rule: 'missing-lock-timeout',
        severity: 'warning',
        location,
        object: blocking.table,
        message: `${facts.label} waits for ${blocking.mode} on ${blocking.table} with no lock_timeout: queued behind a long transaction, it blocks every query on the table (SET lock_timeout = '3s' first)`,
      });
    }
    out.push(...lintSubject({ location, label: facts.label, locks: facts.locks, hazards: facts.hazards, preflight: null }, sizes, options));
  }
  return out;
}

/**
 * The tables a script created before the statement at hand. Nobody else uses such a table yet, so its locks
 * block no one and what it does to its rows (rewrite, scan) is free; while nothing has put rows into it (INSERT,
 * COPY, CREATE TABLE … AS), what depends on data (may-fail-on-data, deletes-data) cannot happen either. An
 * unqualified name is taken as `public.name`, as generated migrations qualify every name.
 */
class FreshTables {
  private readonly created = new Set<string>();
  private readonly filled = new Set<string>();

  /** Records what the statement creates or fills, and returns its facts without what concerns fresh tables. */
  see(f: StatementFacts): StatementFacts {
    const seen = {
      ...f,
      locks: f.locks.filter((l) => !this.isFresh(l.table)),
      hazards: f.hazards.filter((h) => !this.isFresh(h.table) || (this.filled.has(key(h.table)) && h.kind !== 'table-rewrite')),
    };
    if (f.creates !== null) this.created.add(key(f.creates));
    if (f.fills !== null) this.filled.add(key(f.fills));
    return seen;
  }

  private isFresh(table: string): boolean {
    return this.created.has(key(table));
  }
}

const key = (table: string) => (table.includes('.') ? table : `public.${table}`);

/** The tables a script's statements lock (to read their sizes). */
export function scriptTables(text: string): string[] {
  return [...new Set(splitStatements(text).flatMap((s) => analyzeStatement(s.sql).locks.map((l) => l.table)))];
}

/** Findings as text lines: `error   step 3  [table-rewrite] message`. */
export function renderLint(findings: readonly LintFinding[]): string {
  if (findings.length === 0) return 'No findings.';
  const lines = findings.map((f) => `${f.severity.padEnd(7)} ${f.location}  [${f.rule}] ${f.message}`);
  const count = (s: LintSeverity) => findings.filter((f) => f.severity === s).length;
  lines.push('', `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`);
  return lines.join('\n');
}
