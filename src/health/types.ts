/** How bad a finding is: `--fail-on warning|error` turns them into exit codes. */
export type Severity = 'info' | 'warning' | 'error';

/** The kinds of finding, by category (`--only` takes a kind or a category). */
export const healthKinds = {
  indexes: ['unused-index', 'duplicate-index', 'redundant-index', 'fk-without-index', 'invalid-index', 'missing-index', 'index-bloat'],
  storage: ['table-bloat', 'dead-tuples', 'never-vacuumed', 'vacuum-overdue', 'never-analyzed', 'analyze-overdue', 'xid-wraparound'],
  cache: ['cache-hit-ratio'],
  queries: ['top-queries', 'pg-stat-statements'],
  activity: ['connections', 'long-transaction', 'blocked-session'],
  limits: ['sequence-near-max', 'table-size', 'database-size'],
  design: ['no-primary-key', 'design-fk-without-index', 'timestamp-without-time-zone', 'varchar-length', 'missing-comment'],
} as const;

export type HealthCategory = keyof typeof healthKinds;
export type HealthKind = (typeof healthKinds)[HealthCategory][number];

/** Every kind, in report order. */
export const allHealthKinds: readonly HealthKind[] = Object.values(healthKinds).flat();

/** The category a kind belongs to. */
export function categoryOf(kind: HealthKind): HealthCategory {
  for (const [cat, kinds] of Object.entries(healthKinds)) if ((kinds as readonly string[]).includes(kind)) return cat as HealthCategory;
  throw new Error(`unknown health kind ${kind}`);
}

/** What to do about a finding: always a sentence, and the SQL or TypeScript to use when there is one. */
export interface Fix {
  readonly text: string;
  /** SQL to run now (e.g. `DROP INDEX CONCURRENTLY …`). */
  readonly sql?: string;
  /** A declaration to add to `schema/` (e.g. `index().on(t.customer_id)`), at the finding's location. */
  readonly typescript?: string;
}

/** One thing the doctor noticed, with its numbers. */
export interface Finding {
  readonly kind: HealthKind;
  readonly category: HealthCategory;
  readonly severity: Severity;
  /** The object it is about (`public.orders`, `public.orders_idx`), or null for the whole database. */
  readonly object: string | null;
  readonly message: string;
  /** The measured numbers (bytes, rows, scans, percentages …), by kebab-case name. */
  readonly numbers: Readonly<Record<string, number | string | null>>;
  readonly fix: Fix | null;
  /** `file:line` of the declaration in `schema/` to edit, when the object is declared there. */
  readonly location: string | null;
}

/** A kind that could not be checked, and why (an engine without the statistics, a missing privilege …). */
export interface Unavailable {
  readonly kind: HealthKind;
  readonly reason: string;
}

/** Limits that turn numbers into findings; every one has a CLI flag (`--bloat-pct` …). */
export interface Thresholds {
  /** An index with at most this many scans since the statistics reset is unused. */
  readonly unusedIndexScans: number;
  /** Unused indexes at least this large are warnings (smaller ones info). */
  readonly unusedIndexWarnBytes: number;
  /** Tables with at least this many rows are large (missing-index hints). */
  readonly largeTableRows: number;
  /** Sequential scans a large table needs before a missing-index hint. */
  readonly seqScans: number;
  /** Estimated bloat (percent of the relation) that makes a finding … */
  readonly bloatPct: number;
  /** … when it is also at least this many bytes. */
  readonly bloatBytes: number;
  readonly deadTuples: number;
  /** Dead tuples as a percentage of live + dead. */
  readonly deadTuplesPct: number;
  /** A table modified since its last (auto)vacuum/analyze older than this many days is overdue. */
  readonly vacuumDays: number;
  readonly analyzeDays: number;
  /** Transaction ID age (of the database or a table) that is a warning, and an error. */
  readonly xidAgeWarn: number;
  readonly xidAgeError: number;
  /** Buffer cache hit ratio (percent) below which … */
  readonly cacheHitPct: number;
  /** … once at least this many blocks were read (hit + read). */
  readonly cacheMinBlocks: number;
  /** Transactions open longer than this are long-running. */
  readonly longTransactionSeconds: number;
  /** Connections in use (percent of max_connections) that is a warning. */
  readonly connectionsPct: number;
  /** Sequence use (percent of its range, or of its column type's) that is a warning, and an error. */
  readonly sequenceWarnPct: number;
  readonly sequenceErrorPct: number;
  /** How many queries of pg_stat_statements, and tables by size, to list. */
  readonly topQueries: number;
  readonly largestTables: number;
}

/** The defaults: conservative, so that a healthy database gives few findings. */
export const defaultThresholds: Thresholds = {
  unusedIndexScans: 0,
  unusedIndexWarnBytes: 1024 * 1024,
  largeTableRows: 10_000,
  seqScans: 100,
  bloatPct: 30,
  bloatBytes: 1024 * 1024,
  deadTuples: 1000,
  deadTuplesPct: 10,
  vacuumDays: 7,
  analyzeDays: 7,
  xidAgeWarn: 1_000_000_000,
  xidAgeError: 1_500_000_000,
  cacheHitPct: 99,
  cacheMinBlocks: 10_000,
  longTransactionSeconds: 300,
  connectionsPct: 80,
  sequenceWarnPct: 75,
  sequenceErrorPct: 90,
  topQueries: 5,
  largestTables: 5,
};

/** What `health()` returns. */
export interface HealthReport {
  /** The database checked (`postgres://…/db` without password, or `pglite:DIR`), or null for a design lint only. */
  readonly database: string | null;
  readonly engine: 'postgres' | 'pglite' | null;
  readonly serverVersion: number | null;
  /** `transaction_read_only` as read inside the pass: every query ran in one read-only transaction. */
  readonly readOnly: boolean;
  /** When the statistics were last reset (unused-index findings count from there), ISO text or null. */
  readonly statsReset: string | null;
  readonly findings: readonly Finding[];
  readonly unavailable: readonly Unavailable[];
  readonly summary: { readonly errors: number; readonly warnings: number; readonly infos: number };
}
