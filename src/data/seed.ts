import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Db } from '../db';
import { introspect } from '../introspect';
import { SchemakitError, qualified, topoSort, must } from '../util';
import { loadCsv } from './copy';

/** One file a seed loaded. */
export interface SeedLoaded {
  readonly table: string;
  /** Relative to the working directory. */
  readonly file: string;
  readonly bytes: number;
}

/**
 * Loads the seed `name`: `<dataDir>/seeds/<name>/<schema>/<table>.csv`, referenced tables first (by the
 * database's foreign keys). Environment seed data: loaded once, never planned as drift.
 */
export async function loadSeed(db: Db, dataDir: string, name: string, options: { truncate?: boolean } = {}): Promise<SeedLoaded[]> {
  const dir = join(dataDir, 'seeds', name);
  if (!existsSync(dir)) throw new SchemakitError('data', 'not-found', `no seed folder ${relative(process.cwd(), dir) || dir}`);
  const files: { schema: string; table: string; path: string }[] = [];
  for (const schema of readdirSync(dir).sort()) {
    if (!statSync(join(dir, schema)).isDirectory()) continue;
    for (const f of readdirSync(join(dir, schema)).sort()) if (f.endsWith('.csv')) files.push({ schema, table: f.slice(0, -4), path: join(dir, schema, f) });
  }
  const catalog = await introspect(db);
  const index = new Map(files.map((f, i) => [JSON.stringify([f.schema, f.table]), i]));
  const before = new Map<number, Set<number>>();
  for (const c of catalog.constraints) {
    if (c.kind !== 'ForeignKey') continue;
    const from = index.get(JSON.stringify([c.schema, c.table]));
    const to = index.get(JSON.stringify([c.refSchema, c.refTable]));
    if (from !== undefined && to !== undefined && from !== to) before.set(from, new Set([...(before.get(from) ?? []), to]));
  }
  const loaded: SeedLoaded[] = [];
  for (const i of topoSort(files.length, before)) {
    const f = must(files[i], `seed file ${i}`);
    const r = await loadCsv(db, qualified(f.schema, f.table), f.path, { truncate: options.truncate });
    loaded.push({ table: `${f.schema}.${f.table}`, file: relative(process.cwd(), f.path), bytes: r.bytes });
  }
  return loaded;
}
