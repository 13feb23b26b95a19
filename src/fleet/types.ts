/** One member of a fleet: a database, or one tenant schema inside a database. */
export interface FleetTarget {
  /** Short stable name for tables and JSON: `host:port/db` or `host:port/db#schema` (no password). */
  readonly id: string;
  /** Connection URL of its database (may hold a password: never print it, print `id`). */
  readonly url: string;
  /** The tenant schema the declared schema is bound to, or null for a whole-database target. */
  readonly schema: string | null;
}

/** The outcome of one target in a fleet run. */
export interface TargetResult {
  readonly target: string;
  readonly status: 'ok' | 'failed' | 'skipped';
  /** State before and after, e.g. the newest applied migration version (`-` for none) or a catalog hash prefix. */
  readonly before: string | null;
  readonly after: string | null;
  readonly durationMs: number;
  readonly error: string | null;
  /** One line saying what was found (check, health), when the command has no before → after. */
  readonly summary?: string;
  /** Command-specific details (pending count, server version…). */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Live counts for a progress line. */
export interface FleetProgress {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly running: number;
  readonly elapsedMs: number;
}

/** How a fleet run is scheduled. */
export interface FleetRunOptions {
  /** At most this many targets at once, one connection each (default 4). */
  readonly parallel?: number;
  /** Run this many targets first, alone; the rest only if all of them succeeded. */
  readonly canary?: number;
  /** After the first failure start no new target (the others in flight finish); default: continue. */
  readonly stopOnError?: boolean;
  readonly onProgress?: (p: FleetProgress) => void;
}
