import { splitStatements as splitScript } from '../sql';

/** One statement of a migration file. */
export interface FileStatement {
  /** The statement text without its terminating `;` and without the comments above it. */
  readonly sql: string;
  /** 1-based line of the statement's first character in the file. */
  readonly line: number;
  /**
   * True when a comment line `-- outside transaction` (as `renderUp` writes) or `-- schemakit:no-transaction`
   * stands directly above the statement: it must run outside the migration transaction.
   */
  readonly outsideTransaction: boolean;
  /**
   * The arguments of a `-- schemakit:batch table=… key=… size=… sleep=…` comment line above the statement
   * (see batch-directive.ts), or null: the statement then runs once per key range, each range committed on
   * its own, and is therefore outside the migration transaction too.
   */
  readonly batch: string | null;
}

const OUTSIDE_MARKER = /^--\s*(outside transaction|schemakit:no-transaction)\s*$/im;
const BATCH_MARKER = /^--\s*schemakit:batch\b(.*)$/im;

/**
 * The statements of a migration file, split where psql would (see `splitStatements` in src/sql), each
 * marked when the comments above it say it runs outside the migration transaction.
 */
export function splitStatements(text: string): FileStatement[] {
  return splitScript(text).map((s) => {
    const batch = BATCH_MARKER.exec(s.leading)?.[1]?.trim() ?? null;
    return { sql: s.sql, line: s.line, outsideTransaction: batch !== null || OUTSIDE_MARKER.test(s.leading), batch };
  });
}
