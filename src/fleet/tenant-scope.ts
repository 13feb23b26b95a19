import { queryRow, type Db } from '../db';
import { MIGRATION_LOCK_KEY, type HistoryLocation, type MigrationScope } from '../migrate';
import { ident } from '../sql';
import { sha256 } from '../util';
import type { FleetTarget } from './types';

const MAX_NAME_BYTES = 63;
const PROGRESS_SUFFIX = '__migration_progress';

/** The longest prefix of `s` that is at most `bytes` UTF-8 bytes. */
function prefixBytes(s: string, bytes: number): string {
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * The history of a tenant schema: `schemakit.<tenant>__migrations` and `schemakit.<tenant>__migration_progress`,
 * in the `schemakit` schema that introspection never reads (so a tenant's plan never sees them). A tenant
 * name too long for the 63-byte identifier limit is shortened and given a hash of the full name, so two long
 * names never share a history.
 */
export function tenantHistory(schema: string): HistoryLocation {
  const fits = Buffer.byteLength(schema) + PROGRESS_SUFFIX.length <= MAX_NAME_BYTES;
  const base = fits ? schema : `${prefixBytes(schema, MAX_NAME_BYTES - PROGRESS_SUFFIX.length - 9)}_${sha256(schema).slice(0, 8)}`;
  return { schema: 'schemakit', migrations: `${base}__migrations`, progress: `${base}${PROGRESS_SUFFIX}` };
}

/** The advisory lock key of a tenant schema: distinct per schema, so tenants of one database migrate in parallel. */
export function tenantLockKey(schema: string): number {
  const k = parseInt(sha256(`schemakit tenant ${schema}`).slice(0, 8), 16) & 0x7fffffff;
  return k === MIGRATION_LOCK_KEY || k === MIGRATION_LOCK_KEY + 1 ? k ^ 2 : k;
}

/** How a target runs migrations: the defaults for a database; for a tenant schema its own history, lock key and `${schema}`. */
export interface TargetScope extends MigrationScope {
  readonly lockKey?: number;
  readonly lockScope?: string;
}

/** The migration scope of a fleet target. */
export function scopeOf(t: FleetTarget): TargetScope {
  if (!t.schema) return {};
  return { history: tenantHistory(t.schema), placeholders: { schema: ident(t.schema) }, lockKey: tenantLockKey(t.schema), lockScope: t.id };
}

/**
 * Makes a session work in one tenant schema: the schema is created if missing (a `query:` may name a new
 * tenant) and `search_path` is set to it, so unqualified migration SQL lands there and `${schema}` names
 * it. The creation runs under a transaction-level advisory lock, because tenants of one database run in
 * parallel and two concurrent `CREATE SCHEMA IF NOT EXISTS` can both try to insert it (PostgreSQL 15
 * raises a unique violation).
 */
export async function enterTenant(db: Db, schema: string): Promise<void> {
  const r = await queryRow<{ ok: boolean }>(db, 'SELECT pg_catalog.to_regnamespace($1) IS NOT NULL AS ok', [ident(schema)]);
  if (!r.ok) await db.exec(`BEGIN; SELECT pg_catalog.pg_advisory_xact_lock(${MIGRATION_LOCK_KEY + 1}); CREATE SCHEMA IF NOT EXISTS ${ident(schema)}; COMMIT`);
  await db.query("SELECT pg_catalog.set_config('search_path', $1, false)", [`${ident(schema)}, public`]);
}
