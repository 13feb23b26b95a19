import { expect } from 'chai';
import { c, check, collectDeclarations, index, schema, sql, table, view, type Declared } from '../../src/declare';
import { introspect } from '../../src/introspect';
import { normalizeInto } from '../../src/pipeline';
import { buildCatalogInto } from '../../src/pipeline/build-catalog';
import { SchemakitError } from '../../src/util';
import { engines } from '../support/engines';

/** Runs normalizeInto on a fresh database of the engine; returns the error it throws. */
async function rejected(engine: (typeof engines)[number], declared: Declared): Promise<{ err: SchemakitError }> {
  const db = await engine.fresh();
  try {
    const err = await normalizeInto(declared, db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, 'normalization fails').to.be.instanceOf(SchemakitError);
    return { err: err as SchemakitError };
  } finally {
    await db.close();
  }
}

/**
 * Every Postgres-side error in the declarations at once (issue 19): normalization tries each declared object
 * on its own when the whole batch is rejected, and reports every rejection at its declaration's file:line.
 */
for (const engine of engines) {
  describe(`pipeline: normalization reports every rejected declaration (${engine.name})`, function () {
    this.timeout(120_000);

    it('a bad default, a CHECK with a wrong operator and a view on a missing column: three errors, one run', async () => {
      const app = schema('app');
      const users = table(app, 'users', {
        columns: {
          id: c.integer().primaryKey(),
          role: c
            .text()
            .notNull()
            .default(sql`'user'`),
          created_at: c
            .timestamptz()
            .notNull()
            .default(sql`nowww()`),
          balance: c.integer(),
        },
        checks: (t) => [check('balance_positive', sql`${t.balance} >>> 0`), check('role_known', sql`role IN ('user', 'admin')`)],
        indexes: (t) => [index('users_role_idx').on(t.role)],
      });
      const active = view(app, 'active_users', { as: sql`SELECT id, missing_col FROM ${users}` });
      const onActive = view(app, 'active_ids', { as: sql`SELECT id FROM ${active}` });
      const fine = view(app, 'user_ids', { as: sql`SELECT id FROM ${users}` });
      const declared = collectDeclarations([{ app, users, active, onActive, fine }]);
      const { err } = await rejected(engine, declared);

      expect(err.code).to.equal('declaration-rejected');
      const got = err.problems.map((p) => [p.object, p.location]);
      expect(got).to.have.deep.members([
        ['app.users.created_at', declared.locations.get('app.users.created_at')],
        ['app.users.balance_positive', declared.locations.get('app.users.balance_positive')],
        ['app.active_users', declared.locations.get('app.active_users')],
      ]);
      expect(new Set(got.map(([, at]) => at)).size, 'each at its own line').to.equal(3);
      expect(err.message).to.include('Postgres rejected 3 declarations').and.include('nowww()').and.include('>>>').and.include('missing_col');
      // The view on the rejected view is not tried (its error would only repeat the first); the rest passed.
      expect(err.message).to.include('not tried, as they need a rejected object: app.active_ids');
      expect(err.message).to.not.match(/role_known|users_role_idx|user_ids/);
    });

    it('a table Postgres rejects as a whole is reported at the table; what needs it is not tried', async () => {
      const app = schema('app');
      const odd = table(app, 'odd', { columns: { id: c.integer().primaryKey(), v: c.type('no_such_type') } });
      const child = table(app, 'child', { columns: { id: c.integer().primaryKey(), odd_id: c.integer().references(() => odd.columns.id) } });
      const declared = collectDeclarations([{ app, odd, child }]);
      const { err } = await rejected(engine, declared);
      expect(err.problems.map((p) => [p.object, p.location])).to.deep.equal([['app.odd', declared.locations.get('app.odd')]]);
      expect(err.message)
        .to.match(/type "no_such_type" does not exist/)
        .and.match(/not tried, as they need a rejected object: app\.child\.child_odd_id_fkey/);
    });
  });
}

for (const engine of engines) {
  describe(`pipeline: buildCatalogInto across transactions (${engine.name})`, function () {
    this.timeout(120_000);

    it('a rejection in a later transaction is found, what needs it is skipped, and what passed is kept', async () => {
      const app = schema('app');
      const a = table(app, 'a', { columns: { id: c.integer().primaryKey() } });
      const b = table(app, 'b', { columns: { id: c.integer().primaryKey(), a_id: c.integer().references(() => a.columns.id) } });
      const bad = view(app, 'bad', { as: sql`SELECT nope FROM ${b}` });
      const onBad = view(app, 'on_bad', { as: sql`SELECT * FROM ${bad}` });
      const good = view(app, 'good', { as: sql`SELECT id FROM ${b}` });
      const declared = collectDeclarations([{ app, a, b, bad, onBad, good }]);
      const db = await engine.fresh();
      try {
        const built = await buildCatalogInto(declared.catalog, db, { statementsPerTransaction: 2 });
        expect(built.rejected.map((r) => r.object)).to.deep.equal(['app.bad']);
        expect(built.notTried).to.deep.equal(['app.on_bad']);
        const after = await introspect(db);
        expect(after.tables.map((t) => t.name)).to.deep.equal(['a', 'b']);
        expect(after.views.map((v) => v.name)).to.deep.equal(['good']);
        expect(after.constraints.map((k) => k.name)).to.include('b_a_id_fkey');
      } finally {
        await db.close();
      }
    });
  });
}
