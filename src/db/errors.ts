import { SchemakitError } from '../util';

/** The fields Postgres (and PGlite) attach to an error response; kept so callers can act on `sqlState`. */
export interface PgErrorFields {
  readonly code?: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly position?: string;
  readonly where?: string;
  readonly schema?: string;
  readonly table?: string;
  readonly column?: string;
  readonly constraint?: string;
}

/** A statement failed on the server: the Postgres error is the `cause`, its SQLSTATE is `sqlState`. */
export class DbQueryError extends SchemakitError {
  /** SQLSTATE, e.g. `42P07` (duplicate table); null when the failure did not come from the server. */
  readonly sqlState: string | null;
  /** The statement that failed. */
  readonly statement: string;
  constructor(message: string, statement: string, sqlState: string | null, cause: unknown) {
    super('db', 'query-failed', message, { cause });
    this.name = 'DbQueryError';
    this.sqlState = sqlState;
    this.statement = statement;
  }
}

/** Wraps an error thrown by `pg` or PGlite while running `sql` into a DbQueryError. */
export function wrapQueryError(err: unknown, sql: string): DbQueryError {
  if (err instanceof DbQueryError) return err;
  const e = (err ?? {}) as PgErrorFields & { message?: string };
  const parts = [String(e.message ?? err)];
  if (e.detail) parts.push(`DETAIL: ${e.detail}`);
  if (e.hint) parts.push(`HINT: ${e.hint}`);
  const at = positionOf(sql, e.position);
  const where = at ? ` at line ${at.line}, column ${at.column}` : '';
  const message = `${parts.join(' ')} (${e.code ?? 'no sqlstate'})${where} in: ${excerpt(sql, at?.line)}`;
  return new DbQueryError(message, sql, typeof e.code === 'string' ? e.code : null, err);
}

/** Line/column (1-based) of a Postgres error `position` (1-based character offset into the statement). */
function positionOf(sql: string, position: string | undefined): { line: number; column: number } | null {
  const n = Number(position);
  if (!position || !Number.isInteger(n) || n < 1) return null;
  const before = sql.slice(0, n - 1).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

/** The statement's line where the error is (or its first non-blank line), shortened for a message. */
function excerpt(sql: string, line: number | undefined): string {
  const lines = sql.split('\n');
  const text = (line !== undefined ? lines[line - 1] : lines.find((l) => l.trim() !== '')) ?? '';
  const t = text.trim();
  return t.length > 160 ? `${t.slice(0, 157)}...` : t;
}
