import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { catalogHash, metaFromPlan, migrateDown, migrateUp, readHistory, readMigrations, writeMigration } from '../../src/migrate';
import { planChanges, renderDown, renderUp } from '../../src/plan';
import { readFixtureCases } from '../harness/fixture-case';
import { catalogView as view } from '../support/catalog-view';
import { engine } from '../support/engines';

/**
 * Every fixture of the engine's harness as a versioned migration: its plan written as a migration directory,
 * `migrate up` reaches B with one history row, and `migrate down` (the recorded down SQL) restores A when the
 * case is reversible. On the PG15 server only: the fixture harness already covers both engines' planning.
 */
const server = engine('postgres');
// Not registered at all without the server: 194 skipped cases would only be noise.
if (server)
  describe('fixtures as migration directories (postgres-15): up reaches B, down restores A', function () {
    this.timeout(60_000);
    const root = mkdtempSync(join(tmpdir(), 'schemakit-fixture-migrations-'));
    after(() => rmSync(root, { recursive: true, force: true }));

    for (const fx of readFixtureCases()) {
      const skip = fx.skip['postgres-15'] ?? fx.skip.postgres;
      (skip ? it.skip : it)(fx.name, async () => {
        const [dbA, dbB] = [await server!.fresh(), await server!.fresh()];
        try {
          await dbA.exec(fx.a);
          await dbB.exec(fx.b);
          const [catA, catB] = [await introspect(dbA), await introspect(dbB)];
          const plan = planChanges(diffCatalogs(catA, catB, fx.renames));
          const dir = join(root, fx.name);
          writeMigration(dir, {
            version: '20260101000000',
            name: fx.name.replace(/[^A-Za-z0-9_-]/g, '_'),
            up: renderUp(plan),
            down: renderDown(plan),
            meta: metaFromPlan(plan, { from: catalogHash(catA), to: catalogHash(catB), hashedOn: 'postgres 15' }),
          });
          const runs = await migrateUp(dbA, readMigrations(dir));
          expect(runs).to.have.length(1);
          expect(view(await introspect(dbA)), 'migrate up reaches B').to.deep.equal(view(catB));
          if (!fx.reversible) return;
          await migrateDown(dbA, { allowHazards: ['deletes-data'] });
          expect(view(await introspect(dbA)), 'migrate down restores A').to.deep.equal(view(catA));
          expect(await readHistory(dbA)).to.deep.equal([]);
        } finally {
          await dbA.close();
          await dbB.close();
        }
      });
    }
  });
