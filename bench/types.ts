/** Result records of the benchmark, shared by the per-size runner, the report and latest.json. */

/** Timings of one measured operation: every run in ms and their median. */
export interface Timing {
  readonly runsMs: readonly number[];
  readonly medianMs: number;
}

/** Peak memory of the process that measured one size. */
export interface PeakMemory {
  /** Kernel high-water mark of the resident set (`process.resourceUsage().maxRSS`), in MB. */
  readonly rssMb: number;
  /** Largest sampled `heapUsed`, in MB. */
  readonly heapUsedMb: number;
}

/** Everything measured for one schema size against the PostgreSQL server. */
export interface SizeResult {
  readonly tables: number;
  readonly database: string;
  /** Whether the database was (re)loaded in this run, and how long that took (not part of any figure). */
  readonly loadedMs: number | null;
  readonly catalog: { readonly tables: number; readonly indexes: number; readonly constraints: number; readonly enums: number };
  readonly pgDump: Timing | null;
  readonly introspect: Timing | null;
  /** renderPull of the introspected catalog: declaration files (one per table) printed with ts-morph, in memory. */
  readonly pull: Timing | null;
  readonly diffPlanSelf: Timing | null;
  /** Problems found by the self check: changes between two introspections of the same database. */
  readonly selfChanges: readonly string[];
  readonly diffPlanChanged: Timing | null;
  readonly changedSteps: number | null;
  readonly changedChanges: number | null;
  /** The 5% edits applied to the catalog in memory, by kind. */
  readonly edits: Readonly<Record<string, number>>;
  /** connect + introspect + diff + plan (to the 5%-changed catalog) + close, timed as one. */
  readonly endToEnd: Timing | null;
  readonly memory: PeakMemory;
  /** Errors that stopped part of the measurement (the rest is still reported). */
  readonly errors: readonly string[];
}

/** Introspection of a schema loaded into embedded PGlite (PostgreSQL 18 in WASM). */
export interface PgliteResult {
  readonly tables: number;
  readonly loadMs: number;
  readonly introspect: Timing | null;
  readonly selfChanges: readonly string[];
  readonly errors: readonly string[];
}

/** The whole run, as written to bench/results/latest.json. */
export interface BenchReport {
  readonly startedAt: string;
  readonly node: string;
  readonly server: string;
  readonly runs: number;
  readonly sizes: readonly SizeResult[];
  readonly pglite: readonly PgliteResult[];
  readonly targets: readonly TargetResult[];
}

/** One of the targets and whether this run met it. */
export interface TargetResult {
  readonly name: string;
  readonly met: boolean | null;
  readonly detail: string;
}

/** A size's result before anything was measured (each phase fills its part; errors are collected). */
export function emptySizeResult(tables: number, errors: string[] = []): Omit<SizeResult, 'memory'> {
  return {
    tables,
    database: `schemakit_bench_${tables}`,
    loadedMs: null,
    catalog: { tables: 0, indexes: 0, constraints: 0, enums: 0 },
    pgDump: null,
    introspect: null,
    pull: null,
    diffPlanSelf: null,
    selfChanges: [],
    diffPlanChanged: null,
    changedSteps: null,
    changedChanges: null,
    edits: {},
    endToEnd: null,
    errors,
  };
}
