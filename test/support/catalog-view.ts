import type { Catalog } from '../../src/model';
import { stableJson } from '../../src/util';

/**
 * A catalog as plain JSON for deep comparison in tests, with each table's columns sorted by name: Postgres
 * cannot reorder columns (ADD COLUMN appends), so converging A to B compares columns as a set, as the diff does.
 */
export function catalogView(c: Catalog): unknown {
  const sorted: Catalog = {
    ...c,
    tables: c.tables.map((t) => ({ ...t, columns: [...t.columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) })),
  };
  return JSON.parse(stableJson(sorted));
}
