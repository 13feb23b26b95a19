import { expect } from 'chai';
import { renderPull } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { readFixtureCases } from '../harness/fixture-case';
import { engines } from '../support/engines';
import { planAfterPull } from './pull-round-trip';

/**
 * Every state of the SQL fixtures is something a database can be in, so each must pull and plan back to no
 * changes. By default five of the richest cases run, and the partitions whose parts of parent indexes have names of their
 * own (which declarations leave to Postgres, so pull then plan must not rename them); SCHEMAKIT_PULL_ALL_FIXTURES=1 runs the B side of all ~190
 * (a few minutes per engine; all of them, A and B sides, pass on PostgreSQL 15 and PGlite as of this commit).
 */
const all = process.env.SCHEMAKIT_PULL_ALL_FIXTURES === '1';
const sample =
  /^(mixed-(everything-multi-schema|multi-tenant|reporting-schema-from-empty|soft-delete|status-check-to-enum)|partition-parts-keep-target-names(-sub-partitioned)?)$/;
const cases = readFixtureCases().filter((c) => all || sample.test(c.name));

for (const engine of engines) {
  describe(`generators/pull: fixture states round trip (${engine.name})`, function () {
    this.timeout(120_000);
    for (const fx of cases) {
      const skip = fx.skip[engine.name] ?? fx.skip[engine.kind];
      (skip ? it.skip : it)(fx.name, async () => {
        const db = await engine.fresh({ extensions: fx.extensions });
        try {
          await db.exec(fx.b);
          const catalog = await introspect(db);
          const files = renderPull(catalog);
          if (files.size === 0) return void expect(catalog.tables, 'nothing pulled from a database with tables').to.deep.equal([]);
          // Type checking is the other pull tests' job (it costs ~2 s a folder); here the catalog must come back.
          expect(await planAfterPull(db, files, { typecheck: false }), 'plan after pull').to.deep.equal([]);
        } finally {
          await db.close();
        }
      });
    }
  });
}
