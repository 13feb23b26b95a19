import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runDocs } from '../../src/cli/docs-command';
import { createTempDatabase } from '../../src/db';
import { readTableStats } from '../../src/pipeline';
import { engines } from '../support/engines';
import { makeProject, type Project } from './run-cli';
import { shop, shopWith } from './schemas';
import { present } from '../support/present';

/**
 * `schemakit docs` of a project: areas from schemakit.yaml (`docs.areas`) and from a table's `area` option,
 * reference data with its CSV file and row count; `docs --url` with row estimates and sizes, and `--no-stats`.
 */
describe('cli docs of a project', function () {
  this.timeout(180_000);
  let project: Project;
  before(() => {
    project = makeProject(
      shopWith({ 'customers.ts': present(shop['customers.ts']).replace("comment: 'People who buy',", "comment: 'People who buy',\n  area: 'People',") }),
    );
    writeFileSync(join(project.dir, 'schemakit.yaml'), 'docs:\n  areas:\n    Sales: [shop.order*]\n    People: [nothing.*]\n');
    mkdirSync(join(project.dir, 'data', 'shop'), { recursive: true });
    writeFileSync(join(project.dir, 'data', 'shop', 'customers.csv'), 'id,email,name\n1,a@example.com,"A, with comma"\n2,b@example.com,B\n');
  });
  after(() => project?.remove());

  const docs = (extra: Parameters<typeof runDocs>[0] = {}) =>
    runDocs({ schema: join(project.dir, 'schema'), config: join(project.dir, 'schemakit.yaml'), out: join(project.dir, 'generated', 'docs'), ...extra });

  it('draws the declared areas (yaml patterns, the table option) with a page each, and says which tables are reference data', async () => {
    const r = await docs();
    expect(r.exitCode, r.stdout).to.equal(0);
    const out = join(project.dir, 'generated', 'docs');
    const people = readFileSync(join(out, 'areas', 'People.md'), 'utf8');
    expect(people).to.include('# Area People').and.include('[customers](../tables/shop.customers.md)');
    const sales = readFileSync(join(out, 'areas', 'Sales.md'), 'utf8');
    expect(sales).to.include('[orders](../tables/shop.orders.md)');
    expect(sales).to.match(
      /\| \[orders\]\(\.\.\/tables\/shop\.orders\.md\) \| `customer_id` \| references \| \[customers\]\(\.\.\/tables\/shop\.customers\.md\) \| `id` \| \[People\]\(\.\.\/areas\/People\.md\) \|/,
    );
    const customers = readFileSync(join(out, 'tables', 'shop.customers.md'), 'utf8');
    expect(customers).to.include('› [People](../areas/People.md)');
    expect(customers).to.include('Reference data: its rows are kept in `data/shop/customers.csv` (2 rows, mode sync) and loaded with the schema.');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).to.include('## Map of areas');
    expect((await docs({ check: true })).exitCode).to.equal(0);
  });

  it('docs --url shows row estimates and sizes per table; --no-stats leaves them out', async () => {
    const temp = await createTempDatabase(undefined, 'schemakit_docs_stats');
    try {
      await temp.db.exec(`CREATE TABLE public.events (id integer PRIMARY KEY, at timestamptz);
        INSERT INTO public.events SELECT g, now() FROM generate_series(1, 3000) g; ANALYZE public.events;`);
      const out = join(project.dir, 'live-docs');
      expect((await runDocs({ url: temp.db.url!, out, config: join(project.dir, 'schemakit.yaml') })).exitCode).to.equal(0);
      const page = readFileSync(join(out, 'tables', 'public.events.md'), 'utf8');
      expect(page).to.match(/Rows \(estimate\): ~3k rows · size: \d+ kB \(with indexes and TOAST\)\./);
      expect(readFileSync(join(out, 'README.md'), 'utf8')).to.match(/\| \[events\]\(tables\/public\.events\.md\) \| 2 \| ~3k rows \| \d+ kB \|/);
      expect((await runDocs({ url: temp.db.url!, out, stats: false, config: join(project.dir, 'schemakit.yaml') })).exitCode).to.equal(0);
      expect(readFileSync(join(out, 'tables', 'public.events.md'), 'utf8')).not.to.include('Rows (estimate)');
      expect(existsSync(join(out, 'README.md'))).to.equal(true);
    } finally {
      await temp.dispose();
    }
  });

  for (const engine of engines) {
    it(`reads the statistics of every table in one query (${engine.name})`, async () => {
      const db = await engine.fresh();
      try {
        await db.exec('CREATE TABLE public.t (id integer); INSERT INTO public.t SELECT generate_series(1, 10); ANALYZE public.t;');
        const stats = await readTableStats(db);
        const t = stats.find((s) => s.schema === 'public' && s.table === 't');
        expect(t?.rows).to.equal(10);
        expect(t?.bytes).to.be.greaterThan(0);
      } finally {
        await db.close();
      }
    });
  }
});
