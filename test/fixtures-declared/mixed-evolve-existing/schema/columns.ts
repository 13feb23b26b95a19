import { c, sql } from 'schemakit';

/** Shared column helpers, imported by the table files. */
export const createdAt = () => c.timestamptz().notNull().default(sql`now()`).comment('When the row was created');
