import { expect } from 'chai';
import type { Db } from '../../src/db';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { lintPlan, lintScript, readTableSizes, runPreflight, scriptTables } from '../../src/lint';
import { planChanges, type Plan } from '../../src/plan';
import { engines } from '../support/engines';

const MIGRATION = `-- 0007_reporting
ALTER TABLE reporting.events ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
CREATE INDEX events_kind_idx ON reporting.events (kind);
SET lock_timeout = '3s';
CREATE INDEX CONCURRENTLY events_at_idx ON reporting.events (at);
ALTER TABLE reporting.events ADD CONSTRAINT events_org_fkey FOREIGN KEY (org_id) REFERENCES reporting.orgs (id) NOT VALID,
  ALTER COLUMN kind SET NOT NULL;
ALTER TABLE reporting.events VALIDATE CONSTRAINT events_org_fkey;
ALTER TABLE reporting.events DROP COLUMN legacy;
UPDATE reporting.events SET kind = 'x';
DELETE FROM reporting.events WHERE at < now() - interval '1 year';
`;

describe('lint of migration files', () => {
  it('finds rewrites, blocking scans, data loss, unbounded updates and a missing lock_timeout, by file:line', () => {
    const f = lintScript('m/up.sql', MIGRATION).map((x) => `${x.severity} ${x.location} ${x.rule}`);
    expect(f).to.deep.equal([
      'warning m/up.sql:2 missing-lock-timeout',
      'warning m/up.sql:2 may-fail-on-data',
      'warning m/up.sql:2 table-rewrite',
      'warning m/up.sql:3 blocking-scan',
      'warning m/up.sql:6 may-fail-on-data',
      'warning m/up.sql:6 blocking-scan',
      'error m/up.sql:9 deletes-data',
      'warning m/up.sql:10 unbounded-dml',
    ]);
    expect(scriptTables(MIGRATION)).to.deep.equal(['reporting.events', 'reporting.orgs']);
  });
});

describe('lint of migration files: tables the file creates', () => {
  it('a first migration has no lock, rewrite or data warnings about its brand-new tables', () => {
    const first = `CREATE SCHEMA app;
CREATE TABLE app.users (id bigint NOT NULL, email text, CONSTRAINT users_pkey PRIMARY KEY (id));
CREATE TABLE app.accounts (id serial NOT NULL, owner bigint NOT NULL);
ALTER TABLE app.accounts ADD CONSTRAINT accounts_owner_fkey FOREIGN KEY (owner) REFERENCES app.users (id);
CREATE INDEX accounts_owner_idx ON app.accounts USING btree (owner);
CREATE UNIQUE INDEX users_email_idx ON app.users (email);
ALTER TABLE app.users ADD COLUMN created_at timestamptz DEFAULT now() NOT NULL, ALTER COLUMN email SET NOT NULL;
ALTER TABLE app.users ALTER COLUMN email TYPE varchar(200), DROP COLUMN created_at;
CREATE TABLE notes (id int);
CREATE INDEX notes_id_idx ON public.notes (id);
`;
    expect(lintScript('m/up.sql', first)).to.deep.equal([]);
  });

  it('what touches an existing table, or rows the file put into a new one, is still reported', () => {
    const script = `CREATE TABLE app.accounts (id int NOT NULL, owner bigint);
ALTER TABLE app.accounts ADD CONSTRAINT accounts_owner_fkey FOREIGN KEY (owner) REFERENCES app.users (id);
INSERT INTO app.accounts VALUES (1, 1);
ALTER TABLE app.accounts ADD CONSTRAINT positive CHECK (id > 0);
CREATE INDEX accounts_owner_idx ON app.accounts (owner);
CREATE TABLE app.copy AS SELECT * FROM app.accounts;
ALTER TABLE app.copy ALTER COLUMN id SET NOT NULL;
CREATE INDEX users_email_idx ON app.users (email);
`;
    const f = lintScript('m/up.sql', script).map((x) => `${x.location} ${x.rule} ${x.object ?? ''}`.trim());
    expect(f).to.deep.equal([
      // The foreign key locks the existing app.users, so the missing lock_timeout is real; its scan of the new table is not.
      'm/up.sql:2 missing-lock-timeout app.users',
      // Rows were inserted: the check and the NOT NULL can fail on them (no lock warning: nobody else uses the tables).
      'm/up.sql:4 may-fail-on-data',
      'm/up.sql:7 may-fail-on-data',
      'm/up.sql:8 blocking-scan app.users',
    ]);
  });
});

for (const engine of engines) {
  describe(`lint with table sizes on ${engine.name}`, function () {
    this.timeout(120_000);
    let db: Db;
    let target: Db;
    beforeEach(async function () {
      this.timeout(60_000);
      db = await engine.fresh();
      target = await engine.fresh();
      await db.exec(`CREATE SCHEMA reporting;
        CREATE TABLE reporting.events (id integer, kind text, payload text, org_id integer, legacy text);
        INSERT INTO reporting.events SELECT g, CASE WHEN g % 100 = 0 THEN NULL ELSE 'k' END, '{}', 1, 'l' FROM generate_series(1, 5000) g;
        CREATE TABLE reporting.orgs (id integer PRIMARY KEY);
        ANALYZE reporting.events;`);
      await target.exec(`CREATE SCHEMA reporting;
        CREATE TABLE reporting.orgs (id integer PRIMARY KEY);
        CREATE TABLE reporting.events (id integer, kind text NOT NULL, payload jsonb, org_id integer REFERENCES reporting.orgs (id), legacy text);`);
    });
    afterEach(async () => {
      await db.close();
      await target.close();
    });
    const plan = async (): Promise<Plan> => planChanges(diffCatalogs(await introspect(db), await introspect(target)));

    it('names the size of the table a step rewrites, an error above the large-table threshold', async () => {
      const p = await plan();
      const sizes = await readTableSizes(
        db,
        p.steps.flatMap((s) => s.locks.map((l) => l.table)),
      );
      expect(sizes.get('reporting.events')?.rows).to.equal(5000);
      const small = lintPlan(p, sizes);
      const rewrite = small.find((f) => f.rule === 'table-rewrite')!;
      expect(rewrite.severity).to.equal('warning');
      expect(rewrite.message, rewrite.message).to.match(
        /^ALTER TABLE reporting\.events ALTER COLUMN payload TYPE jsonb USING payload::jsonb rewrites reporting\.events \(\d+ kB, ~5k rows\) under ACCESS EXCLUSIVE$/,
      );
      const large = lintPlan(p, sizes, { largeTableRows: 1000 });
      expect(large.filter((f) => f.severity === 'error').map((f) => f.rule)).to.deep.equal(['blocking-scan', 'table-rewrite', 'blocking-scan']);
    });

    it('turns "may fail on data" into data-check errors with the numbers when the pre-flight checks ran', async () => {
      const p = await plan();
      const findings = lintPlan(p, new Map(), {}, await runPreflight(db, p));
      const data = findings.filter((f) => f.rule === 'data-check').map((f) => `${f.severity} ${f.message}`);
      expect(data).to.deep.equal([
        'error SET NOT NULL reporting.events.kind: 50 nulls',
        'error FK reporting.events.org_id → reporting.orgs: 5000 orphan rows (e.g. 1)',
      ]);
      expect(findings.some((f) => f.rule === 'may-fail-on-data')).to.equal(false);
    });
  });
}
