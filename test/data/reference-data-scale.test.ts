import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { c, collectDeclarations, referenceData, schema, table } from '../../src/declare';
import { loadCsv } from '../../src/data';
import { applyPlan } from '../../src/apply';
import { planDeclaredWithData } from '../../src/pipeline';
import { renderDown, renderUp } from '../../src/plan';
import { engines, useFreshDb } from '../support/engines';
import { present } from '../support/present';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'schemakit-data2-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  return root;
}

/** Colours (serial ids given explicitly), shapes (identity ALWAYS) and items pointing at colours by name. */
function declared() {
  const s = schema('sk');
  const color = table(s, 'color', { columns: { color_id: c.serial().primaryKey(), name: c.text().notNull().unique() } });
  const shape = table(s, 'shape', { columns: { shape_id: c.integer().generatedAlwaysAsIdentity().primaryKey(), name: c.text().notNull() } });
  const item = table(s, 'item', { columns: { item_id: c.integer().primaryKey(), label: c.text(), tags: c.text().array(), at: c.timestamptz(), color_id: c.integer().references(() => color.columns.color_id) } });
  const itemData = referenceData(item, { lookups: { color_name: { column: 'color_id', match: color.columns.name } } });
  return collectDeclarations([{ s, color, shape, item, itemData }]);
}

const items = (n: number, suffix: string, color: (i: number) => string) =>
  `item_id,label,tags,at,color_name\n${Array.from({ length: n }, (_, i) => `${i + 1},"label ${i}${suffix}, ""q""","{a,b${suffix}}",2024-01-01 10:00:${String(i % 60).padStart(2, '0')}+00,${color(i)}`).join('\n')}\n`;

for (const engine of engines) {
  describe(`data: reference data at scale, sequences (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);
    const base = () => ({
      'data/sk/color.csv': 'color_id,name\n1,red\n2,green\n5,blue\n',
      'data/sk/shape.csv': 'shape_id,name\n1,square\n7,circle\n',
    });

    it('many changed rows: one set-based UPDATE (lookups, arrays, quotes) with its exact reverse', async () => {
      const root = project({ ...base(), 'data/sk/item.csv': items(60, '', () => 'red') });
      await applyPlan(db(), await planDeclaredWithData(db(), declared(), {}, { root }));
      const snapshot = () => db().query('SELECT item_id, label, tags, at::text, color_id FROM sk.item ORDER BY item_id');
      const before = await snapshot();
      writeFileSync(join(root, 'data/sk/item.csv'), items(60, ' x', (i) => (i % 2 ? 'blue' : 'green')));
      const p = await planDeclaredWithData(db(), declared(), {}, { root });
      const updates = p.steps.filter((s) => s.change.kind === 'SyncTableData' && s.change.action === 'update');
      expect(updates).to.have.length(1);
      const update = present(updates[0]);
      expect(update.change.kind === 'SyncTableData' && update.change.rows.length).to.equal(60);
      expect(update.sql).to.match(/^UPDATE sk\.item t SET /);
      await db().exec(`BEGIN; ${renderUp(p)}; COMMIT`);
      expect((await planDeclaredWithData(db(), declared(), {}, { root })).steps).to.deep.equal([]);
      expect((await db().query<{ label: string; color_id: number }>('SELECT label, color_id FROM sk.item WHERE item_id = 2'))[0]).to.deep.equal({ label: 'label 1 x, "q"', color_id: 5 });
      await db().exec(`BEGIN; ${renderDown(p)}; COMMIT`);
      expect(await snapshot()).to.deep.equal(before);
      rmSync(root, { recursive: true, force: true });
    });

    it('a few changed rows stay one readable UPDATE per row', async () => {
      const root = project({ ...base(), 'data/sk/item.csv': items(30, '', () => 'red') });
      await applyPlan(db(), await planDeclaredWithData(db(), declared(), {}, { root }));
      writeFileSync(join(root, 'data/sk/item.csv'), items(30, '', (i) => (i < 2 ? 'blue' : 'red')));
      const p = await planDeclaredWithData(db(), declared(), {}, { root });
      expect(p.steps.map((s) => s.sql)).to.deep.equal([
        "UPDATE sk.item SET color_id = (SELECT color_id FROM sk.color WHERE name = 'blue') WHERE item_id = '1'",
        "UPDATE sk.item SET color_id = (SELECT color_id FROM sk.color WHERE name = 'blue') WHERE item_id = '2'",
      ]);
      rmSync(root, { recursive: true, force: true });
    });

    it('explicit serial and identity ids advance their sequences: the next application insert does not collide', async () => {
      const root = project({ ...base(), 'data/sk/item.csv': items(1, '', () => 'red') });
      const p = await planDeclaredWithData(db(), declared(), {}, { root });
      expect(renderUp(p)).to.include("pg_get_serial_sequence('sk.color', 'color_id')");
      await applyPlan(db(), p);
      expect(await db().query("INSERT INTO sk.color (name) VALUES ('app') RETURNING color_id")).to.deep.equal([{ color_id: 6 }]);
      expect(await db().query("INSERT INTO sk.shape (name) VALUES ('app') RETURNING shape_id")).to.deep.equal([{ shape_id: 8 }]);
      // Without the application's rows a second plan is empty: the sequence step comes only with inserts.
      await db().exec("DELETE FROM sk.color WHERE name = 'app'; DELETE FROM sk.shape WHERE name = 'app'");
      expect((await planDeclaredWithData(db(), declared(), {}, { root })).steps).to.deep.equal([]);
      rmSync(root, { recursive: true, force: true });
    });

    it('data load with explicit ids advances serial and identity sequences (same transaction)', async () => {
      await db().exec('CREATE TABLE public.s (id serial PRIMARY KEY, name text); CREATE TABLE public.i (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text)');
      const dir = mkdtempSync(join(tmpdir(), 'schemakit-data2-load-'));
      writeFileSync(join(dir, 'rows.csv'), 'id,name\n3,a\n41,b\n');
      await loadCsv(db(), 'public.s', join(dir, 'rows.csv'));
      await loadCsv(db(), 'public.i', join(dir, 'rows.csv'));
      expect(await db().query("INSERT INTO public.s (name) VALUES ('app') RETURNING id")).to.deep.equal([{ id: 42 }]);
      expect(await db().query("INSERT INTO public.i (name) VALUES ('app') RETURNING id")).to.deep.equal([{ id: 42 }]);
      // A file without the id column leaves the sequence to the defaults.
      writeFileSync(join(dir, 'names.csv'), 'name\nc\n');
      await loadCsv(db(), 'public.s', join(dir, 'names.csv'));
      expect(await db().query('SELECT max(id)::int AS m FROM public.s')).to.deep.equal([{ m: 43 }]);
      rmSync(dir, { recursive: true, force: true });
    });
  });
}
