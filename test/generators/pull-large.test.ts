import { expect } from 'chai';
import { generateSchemaSql, runPsql } from '../../bench/setup-db';
import { createTempDatabase, type TempDatabase } from '../../src/db';
import { renderPull } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { engine } from '../support/engines';
import { planAfterPull } from './pull-round-trip';

/**
 * The round trip on the benchmark's generated schema of 1,000 tables (shared bench/gen-schema.js, seed 42):
 * pull, load the 1,000 files (type checked), plan against the same database: nothing to do. PostgreSQL 15
 * only: loading 1,000 tables into PGlite takes minutes and proves nothing the small cases do not.
 */
(engine('postgres') ? describe : describe.skip)('generators/pull: 1,000 generated tables (postgres-15)', function () {
  this.timeout(900_000);
  let temp: TempDatabase | null = null;

  before(async function () {
    temp = await createTempDatabase(undefined, 'schemakit_pull_1000');
    await runPsql(temp.db.url!, generateSchemaSql(1000));
  });
  after(async () => {
    await temp?.dispose();
  });

  it('pull then plan shows no changes', async () => {
    const catalog = await introspect(temp!.db);
    expect(catalog.tables.length).to.equal(1000);
    const files = renderPull(catalog);
    expect(files.size).to.be.greaterThan(1000);
    expect(await planAfterPull(temp!.db, files)).to.deep.equal([]);
  });
});
