import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAdminUrl } from '../../src/db';
import { c, collectDeclarations, schema, table } from '../../src/declare';
import { migrateDown, migrateUp, readMigrations } from '../../src/migrate';
import { generateMigration } from '../../src/pipeline';
import { engines, useFreshDb } from '../support/engines';
import { present } from '../support/present';

function declared() {
  const g = schema('gd');
  const item = table(g, 'item', { columns: { id: c.integer().primaryKey(), name: c.text().notNull(), price: c.numeric(6, 2) } });
  return collectDeclarations([{ g, item }]);
}

const FIRST = `CREATE SCHEMA gd;
CREATE TABLE gd.item (id integer PRIMARY KEY, name text NOT NULL, price numeric(6,2));
INSERT INTO gd.item SELECT i, 'item ' || i, CASE WHEN i % 3 <> 0 THEN i * 0.5 END FROM generate_series(1, 150) i;`;

/** A CSV of the rows `ids`; ids in `changed` get a new name, a quote and a comma included. */
const csv = (ids: readonly number[], changed: ReadonlySet<number> = new Set()) =>
  `id,name,price\n${ids.map((i) => `${i},"item ${i}${changed.has(i) ? ', ""new""' : ''}",${i % 3 === 0 ? '' : (i * 0.5).toFixed(1)}`).join('\n')}\n`;

/**
 * Large data changes in generated migrations: more than 100 rows inserted or deleted are one set-based
 * statement (rows from a JSON document) instead of batches of literal rows; `migrate up` runs them from the
 * files on both engines and `migrate down` brings the deleted rows back.
 */
for (const engine of engines) {
  describe(`data: generate with many rows (${engine.name})`, function () {
    this.timeout(180_000);
    const db = useFreshDb(engine);

    it('up.sql inserts and deletes set-based; migrate up loads the CSV, migrate down restores the rows', async () => {
      const root = mkdtempSync(join(tmpdir(), 'schemakit-data-gen-'));
      const dir = join(root, 'migrations');
      // The rows before: 150, as the CSV `csv(1…150)` would have them.
      mkdirSync(join(dir, '20240101000000_items'), { recursive: true });
      writeFileSync(join(dir, '20240101000000_items', 'up.sql'), FIRST);
      writeFileSync(join(dir, '20240101000000_items', 'down.sql'), 'DROP SCHEMA gd CASCADE;');
      mkdirSync(join(root, 'data', 'gd'), { recursive: true });
      // Keep 30 rows (5 renamed, with quotes and a comma), drop 120, add 120: set-based DELETE and INSERT.
      const ids = [...Array.from({ length: 30 }, (_, i) => i + 1), ...Array.from({ length: 120 }, (_, i) => i + 151)];
      writeFileSync(join(root, 'data', 'gd', 'item.csv'), csv(ids, new Set([1, 2, 3, 4, 5])));
      const replay = engine.kind === 'postgres' ? { devUrl: defaultAdminUrl() } : {};
      const r = await generateMigration(declared(), { name: 'rows', dir, root, replay, now: new Date('2024-01-02T00:00:00Z') });
      const written = present(r.written ?? undefined);
      const up = readFileSync(join(written, 'up.sql'), 'utf8');
      expect(up).to.match(/DELETE FROM gd\.item t\nUSING /);
      expect(up).to.match(/INSERT INTO gd\.item \(id, name, price\)\nSELECT /);
      expect(readFileSync(join(written, 'down.sql'), 'utf8')).to.match(/INSERT INTO gd\.item \(id, name, price\) OVERRIDING SYSTEM VALUE\nSELECT /);

      const rows = () => db().query<{ id: number; name: string; price: string | null }>('SELECT id, name, price::text FROM gd.item ORDER BY id');
      await migrateUp(db(), readMigrations(dir), { to: '20240101000000' });
      const before = await rows();
      await migrateUp(db(), readMigrations(dir));
      const after = await rows();
      expect(after.map((x) => x.id)).to.deep.equal(ids);
      expect(after[0]).to.deep.equal({ id: 1, name: 'item 1, "new"', price: '0.50' });
      expect(after[30]).to.deep.equal({ id: 151, name: 'item 151', price: '75.50' });
      expect(after[32]).to.deep.equal({ id: 153, name: 'item 153', price: null });
      await migrateDown(db(), { steps: 1 });
      expect(await rows()).to.deep.equal(before);
      rmSync(root, { recursive: true, force: true });
    });
  });
}
