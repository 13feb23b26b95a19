/** Which engine a connection talks to. */
export type EngineKind = 'postgres' | 'pglite';

/** A thin client over `pg` or PGlite: the only thing the rest of schemakit knows about a database. */
export interface Db {
  readonly engine: EngineKind;
  /** `server_version_num`, e.g. 150020 or 180000. */
  readonly serverVersion: number;
  /** A short description for messages (URL without password, or the PGlite directory). */
  readonly description: string;
  /** Connection URL for `postgres` (used to open scratch databases on the same server); null for PGlite. */
  readonly url: string | null;
  /** Runs one statement with optional `$1…` parameters and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one statement with optional `$1…` parameters and returns how many rows it inserted, updated or deleted. */
  rowCount(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Runs one parameterless statement that the connection keeps prepared: parsed and planned on first use, then
   * only executed (introspection runs the same few dozen catalog queries again and again; planning them is
   * about half of their time). A statement named after its text lives as long as the session; `DISCARD
   * ALL`/`DEALLOCATE` run through this Db make the next call prepare it again.
   */
  queryPrepared<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /**
   * Runs, in one round trip, statements that queryPrepared already ran on this session, and returns the rows of
   * each in order; null (nothing run) when one of them is not prepared on this session. A round trip per
   * statement costs more than a small catalog query itself on PGlite (~0.3 ms of CPU each). On an error the
   * statements after it are not run and the error is thrown, as for exec(). With `unprepared: 'prepare'`, a
   * statement not prepared is prepared in the same round trip, and the result is never null: the first
   * introspection of a session batches its queries too.
   */
  queryPreparedBatch(sqls: readonly string[], options?: { readonly unprepared?: 'prepare' }): Promise<unknown[][] | null>;
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
