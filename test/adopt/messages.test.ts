import { expect } from 'chai';
import { renderSummary } from '../../src/cli/output';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { noRenames, type Catalog } from '../../src/model';
import { planChanges } from '../../src/plan';
import { engines } from '../support/engines';

/** The plan summary reads right (issue 19): renames as `old → new`, no separate comment lines for created objects. */
for (const engine of engines) {
  describe(`adopt: plan summary messages (${engine.name})`, function () {
    this.timeout(120_000);
    let before: Catalog;
    beforeEach(async () => {
      const db = await engine.fresh();
      try {
        await db.exec('CREATE SCHEMA app; CREATE TABLE app.clients (id int PRIMARY KEY, mail text)');
        before = await introspect(db);
      } finally {
        await db.close();
      }
    });

    it('a table rename reads `old → new`', () => {
      const after: Catalog = {
        ...before,
        tables: before.tables.map((t) => (t.name === 'clients' ? { ...t, name: 'customers' } : t)),
        constraints: before.constraints.map((c) => (c.table === 'clients' ? { ...c, table: 'customers' } : c)),
      };
      const plan = planChanges(diffCatalogs(before, after, { ...noRenames, tables: [{ schema: 'app', from: 'clients', to: 'customers' }] }));
      expect(renderSummary(plan)).to.match(/^~ rename table app\.clients → app\.customers$/m);
    });

    it('a comment on a table created by the same plan is not a change of its own', () => {
      const t = before.tables.find((x) => x.name === 'clients')!;
      const after: Catalog = { ...before, tables: [...before.tables, { ...t, name: 'notes', comment: 'Free text' }] };
      const plan = planChanges(diffCatalogs(before, after, noRenames));
      expect(plan.steps.some((s) => s.change.kind === 'SetComment')).to.equal(true);
      const text = renderSummary(plan);
      expect(text).to.match(/^\+ create table app\.notes$/m);
      expect(text).to.not.include('set comment');
    });
  });
}
