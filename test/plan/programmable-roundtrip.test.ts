import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createTempDatabase, defaultAdminUrl, urlForDatabase, type Db } from '../../src/db';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { applyPlan } from '../../src/apply';
import { hazardKinds, planChanges } from '../../src/plan';
import { catalogView } from '../support/catalog-view';
import { engines } from '../support/engines';

/**
 * A realistic schema with many programmable objects: per table a trigger on the seeds' shared trigger
 * function, a view, a SQL and a PL/pgSQL function; views on views, materialized views with indexes,
 * overloads, a procedure, a function used in defaults and checks, an enum read by views and functions.
 */
export function programmableSchema(n: number): string {
  const out = [
    `CREATE TYPE status AS ENUM ('new', 'active', 'closed');`,
    `CREATE FUNCTION update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;`,
    `CREATE FUNCTION new_code() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT md5(random()::text) $$;`,
    `CREATE FUNCTION is_code(t text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT length(t) = 32 $$;`,
    `CREATE FUNCTION is_open(s status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s <> 'closed' $$;`,
    `CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;`,
    `CREATE FUNCTION add(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;`,
    `CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;`,
    `CREATE EVENT TRIGGER roundtrip_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION on_ddl();`,
  ];
  for (let i = 0; i < n; i++) {
    const t = `t${i}`;
    out.push(
      `CREATE TABLE ${t} (id integer PRIMARY KEY, code text NOT NULL DEFAULT new_code() CHECK (is_code(code)), status status NOT NULL DEFAULT 'new', amount integer, updated_at timestamptz);`,
      `CREATE TRIGGER ${t}_touch BEFORE UPDATE ON ${t} FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION update_updated_at_column();`,
      `CREATE VIEW ${t}_open AS SELECT id, status, amount FROM ${t} WHERE is_open(status);`,
      `COMMENT ON VIEW ${t}_open IS 'open rows of ${t}';`,
      `CREATE FUNCTION ${t}_total(s status DEFAULT 'active') RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT sum(amount) FROM public.${t} WHERE status = s $$;`,
      `CREATE FUNCTION ${t}_rows() RETURNS SETOF ${t} LANGUAGE plpgsql STABLE ROWS 100 SET search_path = public AS $$ BEGIN RETURN QUERY SELECT * FROM ${t}; END $$;`,
    );
    if (i % 5 === 0) out.push(`CREATE VIEW ${t}_big AS SELECT id, amount FROM ${t}_open WHERE amount > 100 WITH CASCADED CHECK OPTION;`);
    if (i % 10 === 0) {
      out.push(
        `CREATE MATERIALIZED VIEW ${t}_summary AS SELECT status, count(*) AS n FROM ${t} GROUP BY status;`,
        `CREATE UNIQUE INDEX ${t}_summary_status ON ${t}_summary (status);`,
        `CREATE PROCEDURE ${t}_close(target integer) LANGUAGE plpgsql AS $$ BEGIN UPDATE ${t} SET status = 'closed' WHERE id = target; END $$;`,
      );
    }
  }
  return out.join('\n');
}

/** pg_dump --schema-only of a database, without its header lines that differ by run. */
function dump(url: string): string | null {
  const r = spawnSync('pg_dump', ['--schema-only', '--no-owner', '-d', url], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('--') && !l.startsWith('\\restrict') && !l.startsWith('\\unrestrict'))
    .join('\n');
}

const N = 40;

for (const engine of engines) {
  describe(`programmable objects round trip on ${engine.name}`, function () {
    this.timeout(120_000);
    it(`diff from empty to a schema with ${N} tables, their triggers, views, functions and matviews reproduces it`, async function () {
      this.timeout(300_000);
      const a = await engine.fresh();
      const b = await engine.fresh();
      try {
        await a.exec(programmableSchema(N));
        const original = await introspect(a);
        expect(original.views.length).to.be.greaterThan(N);
        expect(original.triggers.length).to.equal(N);
        const plan = planChanges(diffCatalogs(await introspect(b), original));
        await applyPlan(b, plan, { allowHazards: hazardKinds });
        const copy = await introspect(b);
        expect(catalogView(copy)).to.deep.equal(catalogView(original));
        expect(planChanges(diffCatalogs(copy, original)).steps.map((s) => s.sql)).to.deep.equal([]);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}

describe('programmable objects round trip: pg_dump agrees (postgres-15)', function () {
  this.timeout(120_000);
  if (!engines.some((e) => e.kind === 'postgres')) return;
  it(`pg_dump --schema-only of the original and of the copy made by the plan are equal`, async function () {
    this.timeout(300_000);
    const a = await createTempDatabase(defaultAdminUrl(), 'schemakit_rt');
    const b = await createTempDatabase(defaultAdminUrl(), 'schemakit_rt');
    try {
      await a.db.exec(programmableSchema(N));
      const plan = planChanges(diffCatalogs(await introspect(b.db), await introspect(a.db)));
      await applyPlan(b.db, plan, { allowHazards: hazardKinds });
      const [da, dbb] = [dump(urlForDatabase(defaultAdminUrl(), a.name)), dump(urlForDatabase(defaultAdminUrl(), b.name))];
      if (da === null || dbb === null) this.skip();
      expect(dbb).to.equal(da);
    } finally {
      await dropEventTriggers(a.db);
      await dropEventTriggers(b.db);
      await a.dispose();
      await b.dispose();
    }
  });
});

/** Event triggers are database objects: dropped before the database is. */
async function dropEventTriggers(db: Db): Promise<void> {
  await db.exec('DROP EVENT TRIGGER IF EXISTS roundtrip_ddl');
}
