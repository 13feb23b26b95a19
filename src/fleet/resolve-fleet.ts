import type { EnvConfig } from '../config';
import { connectPostgres, urlForDatabase, type Db } from '../db';
import { SchemakitError } from '../util';
import type { FleetTarget } from './types';

/** `host:port/database` of a URL, without user or password. */
export function targetId(url: string, schema: string | null = null): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}/${decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username)}${schema ? `#${schema}` : ''}`;
  } catch {
    return `(bad url)${schema ? `#${schema}` : ''}`;
  }
}

async function withDb<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await connectPostgres(url);
  try {
    return await fn(db);
  } finally {
    await db.close().catch(() => undefined);
  }
}

/** The schemas of one database matching a LIKE pattern, in name order. */
export async function tenantSchemas(db: Db, pattern: string): Promise<string[]> {
  const rows = await db.query<{ nspname: string }>(
    "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname LIKE $1 AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname",
    [pattern],
  );
  return rows.map((r) => r.nspname);
}

/**
 * The targets of a fleet env, in a stable order: its `targets:`, the rows of its `query:` (URLs,
 * database names on the control server, or schema names in the control database when the column is
 * named `schema`), or the databases of the control server matching `databases:`. With `schemaPattern`,
 * each database is expanded into its matching schemas (one connection per database, closed before the run).
 */
export async function resolveFleet(env: EnvConfig): Promise<FleetTarget[]> {
  const spec = env.fleet;
  if (!spec) throw new SchemakitError('fleet', 'not-a-fleet', `env "${env.name}" is not a fleet: give it targets:, query: or databases:`);
  if (env.problems.length > 0) throw new SchemakitError('fleet', 'bad-env', `env "${env.name}" cannot be used: ${env.problems.join('; ')}`);
  const control = env.target?.kind === 'postgres' ? env.target.url : null;
  let dbs: { url: string; schema: string | null }[] = [];
  if (spec.targets) dbs = spec.targets.map((url) => ({ url, schema: null }));
  else if (control && spec.databases) {
    const rows = await withDb(control, (db) =>
      db.query<{ datname: string }>(
        'SELECT datname FROM pg_catalog.pg_database WHERE datname LIKE $1 AND datallowconn AND NOT datistemplate ORDER BY datname',
        [spec.databases],
      ),
    );
    dbs = rows.map((r) => ({ url: urlForDatabase(control, r.datname), schema: null }));
  } else if (control && spec.query) {
    const rows = await withDb(control, async (db) => {
      try {
        return await db.query<Record<string, unknown>>(spec.query as string);
      } catch (e) {
        throw new SchemakitError('fleet', 'bad-query', `${env.location}: query of env "${env.name}" failed: ${(e as Error).message}`, { cause: e });
      }
    });
    dbs = rows.map((row) => {
      const [column, value] = Object.entries(row)[0] ?? ['', null];
      const v = String(value ?? '');
      if (!v) throw new SchemakitError('fleet', 'bad-query', `${env.location}: query of env "${env.name}" returned an empty ${column || 'row'}`);
      if (/^postgres(ql)?:\/\//.test(v)) return { url: v, schema: null };
      if (column === 'schema') return { url: control, schema: v };
      return { url: urlForDatabase(control, v), schema: null };
    });
  }
  if (spec.schemaPattern) {
    const pattern = spec.schemaPattern;
    const expanded: { url: string; schema: string | null }[] = [];
    for (const d of dbs) {
      if (d.schema) expanded.push(d);
      else for (const s of await withDb(d.url, (db) => tenantSchemas(db, pattern))) expanded.push({ url: d.url, schema: s });
    }
    dbs = expanded;
  }
  const seen = new Set<string>();
  const out: FleetTarget[] = [];
  for (const d of dbs) {
    const id = targetId(d.url, d.schema);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, url: d.url, schema: d.schema });
  }
  return out;
}
