import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyCatalog, noRenames, type Catalog, type Grant } from '../../src/model';
import { applyPlan, c, collectDeclarations, comparesPrivileges, planDiff, planTarget, schema, table, type SourcedSide } from '../../src/index';
import { engines, useFreshDb } from '../support/engines';

/** What a library user plans with, as the package root exports it: no CLI code copied. */
describe('library: planDiff and the privileges rule (DB-free)', () => {
  const grant: Grant = {
    kind: 'Grant',
    object: 'schema', // a grant counts when its object is in the catalog (see managesGrant)
    schema: 'reports',
    name: 'reports',
    column: null,
    grantee: 'reporting',
    privilege: 'USAGE',
    grantable: false,
    revoked: false,
  };
  const schemas = [{ kind: 'Schema' as const, name: 'reports', comment: null }];
  const withGrant: Catalog = { ...emptyCatalog, schemas, grants: [grant] };
  const withoutGrant: Catalog = { ...emptyCatalog, schemas, grants: [] };
  const db = (catalog: Catalog): SourcedSide => ({ source: { kind: 'url', url: 'postgres://x/y' }, catalog, renames: noRenames });
  const dir = (catalog: Catalog): SourcedSide => ({ source: { kind: 'dir', dir: 'schema' }, catalog, renames: noRenames });

  const cases: [string, SourcedSide, SourcedSide, boolean, boolean][] = [
    ['two databases, not asked', db(withGrant), db(withoutGrant), false, false],
    ['two databases, asked (--privileges)', db(withGrant), db(withoutGrant), true, true],
    ['declarations that declare grants', db(withGrant), dir(withoutGrant), false, true],
    ['declarations that declare none (grants: null)', db(withGrant), dir({ ...emptyCatalog, schemas, grants: null }), false, false],
  ];
  for (const [name, from, to, asked, compared] of cases) {
    it(`${name}: privileges ${compared ? 'compared' : 'left out'}`, () => {
      expect(comparesPrivileges(from, to, asked)).to.equal(compared);
      const sqls = planDiff(from, to, { privileges: asked }).steps.map((s) => s.sql);
      expect(sqls).to.have.length(compared ? 1 : 0);
      for (const sql of sqls) expect(sql).to.match(/^REVOKE USAGE ON SCHEMA reports FROM reporting/);
    });
  }
});

for (const engine of engines) {
  describe(`library: planTarget (${engine.name})`, function () {
    this.timeout(120_000);
    const fresh = useFreshDb(engine);
    it('plans the target database to the declarations, DDL first, and the plan applies', async () => {
      const app = schema('app');
      const users = table(app, 'users', { columns: { id: c.integer().primaryKey(), email: c.text() } });
      const declared = collectDeclarations([{ app, users }]);
      const root = mkdtempSync(join(tmpdir(), 'schemakit-plan-target-'));
      try {
        const plan = await planTarget(fresh(), declared, {}, { root });
        expect(plan.steps.map((s) => s.object)).to.include.members(['app', 'app.users']);
        await applyPlan(fresh(), plan);
        expect((await planTarget(fresh(), declared, {}, { root })).steps).to.deep.equal([]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  });
}
