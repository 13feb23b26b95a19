import { expect } from 'chai';
import { join } from 'node:path';
import { renderPull } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { loadSchemaDir } from '../../src/load';
import { normalizeInto } from '../../src/pipeline';
import { engines, useFreshDb } from '../support/engines';
import { expectGolden } from './golden';
import { planAfterPull } from './pull-round-trip';
import { PULL_SQL } from './pull-schema';

const exampleSchema = join(__dirname, '..', '..', '..', 'schema');

/**
 * Pull writes declarations that load back to the same catalog: on each engine a representative database
 * (PULL_SQL) and the example schema are pulled, the files compared with goldens, loaded, and planned
 * against the database they came from: the plan must be empty.
 */
for (const engine of engines) {
  describe(`generators/pull (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine, { extensions: ['citext'] });

    it('pulls a representative database as the golden files, one file per table; the plan after it is empty', async () => {
      await db().exec(PULL_SQL);
      const files = renderPull(await introspect(db()));
      expectGolden('pull-table', files);
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });

    it('pulls the same database one file per schema; the plan after it is empty', async () => {
      await db().exec(PULL_SQL);
      const files = renderPull(await introspect(db()), { layout: 'schema' });
      expect([...files.keys()]).to.include.members(['crm/schema.ts', 'crm/types.ts', 'crm/tables.ts', 'extensions.ts']);
      expectGolden('pull-schema', files);
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });

    it('pulls the example schema applied to a database; the plan after it is empty', async () => {
      await normalizeInto(await loadSchemaDir(exampleSchema), db());
      const files = renderPull(await introspect(db()));
      expect(files.get('reporting/audit-logs.ts')).to.include("export const auditLogs = table(reporting, 'audit_logs', {");
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });
  });
}
