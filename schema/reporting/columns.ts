import { c, sql } from 'schemakit';

/** Columns every table of the reporting schema shares. */
export const id = () => c.uuid().primaryKey().default(sql`gen_random_uuid()`).comment('Surrogate key');
export const createdAt = () => c.timestamptz().notNull().default(sql`now()`);
export const updatedAt = () => c.timestamptz().notNull().default(sql`now()`);
export const isActive = () => c.boolean().notNull().default(true);
export const jsonObject = () => c.jsonb().notNull().default({});
