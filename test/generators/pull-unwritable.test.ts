import { expect } from 'chai';
import { renderPull } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { engines, useFreshDb } from '../support/engines';
import { planAfterPull } from './pull-round-trip';

/**
 * Objects pull refused before issue 9: SQL-standard bodies, triggers running a built-in or an extension's
 * function (the full-text `tsvector_update_trigger` pattern, `tcn`), INCLUDE on a materialized view's index,
 * and `nextval()` defaults of standalone sequences (written as `seq.nextval()`).
 */
const ONCE_UNWRITABLE_SQL = `
  CREATE EXTENSION tcn;
  CREATE SCHEMA app;
  CREATE TABLE items (id integer PRIMARY KEY, n integer GENERATED ALWAYS AS IDENTITY (START WITH 10));
  CREATE MATERIALIZED VIEW item_counts AS SELECT id, count(*) AS n FROM items GROUP BY id;
  CREATE INDEX item_counts_n ON item_counts (n) INCLUDE (id);
  CREATE UNIQUE INDEX item_counts_id ON item_counts (id DESC) INCLUDE (n) WHERE id > 0;
  CREATE FUNCTION one() RETURNS integer LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
  CREATE FUNCTION app.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN a + b;
  CREATE PROCEDURE app.bump(x integer) LANGUAGE sql BEGIN ATOMIC UPDATE public.items SET id = id + x WHERE id < 0; SELECT app.add(x, 1); END;
  CREATE TABLE docs (id integer PRIMARY KEY, title text, body text, tsv tsvector);
  CREATE TRIGGER docs_tsv BEFORE INSERT OR UPDATE ON docs FOR EACH ROW
    EXECUTE FUNCTION tsvector_update_trigger(tsv, 'pg_catalog.english', title, body);
  CREATE TRIGGER docs_notify AFTER INSERT OR UPDATE OR DELETE ON docs FOR EACH ROW EXECUTE FUNCTION triggered_change_notification();
  CREATE SEQUENCE counter;
  CREATE SEQUENCE app."Invoice numbers" START WITH 100;
  CREATE TABLE app.invoices (id bigint PRIMARY KEY DEFAULT nextval('app."Invoice numbers"'), seen integer NOT NULL DEFAULT nextval('counter'::regclass));
`;

/** Pull writes every object it introspects: the plan after the pull is empty. */
for (const engine of engines) {
  describe(`generators/pull once unwritable objects (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine, { extensions: ['tcn'] });

    it('writes BEGIN ATOMIC routines, triggers on built-in and extension functions, INCLUDE on materialized views, seq.nextval(); the plan after it is empty', async () => {
      await db().exec(ONCE_UNWRITABLE_SQL);
      const files = renderPull(await introspect(db()));
      const all = [...files.values()].join('\n');
      expect(all).to.include("function: { schema: 'pg_catalog', name: 'tsvector_update_trigger' }");
      expect(all).to.include("function: { schema: 'public', name: 'triggered_change_notification' }");
      expect(all).to.include('atomic: true');
      expect(all).to.include(".include('id')");
      expect(all).to.include('.default(counter.nextval())');
      expect(all).to.match(/\.default\(\w+\.nextval\(\)\)/);
      expect(all).not.to.include("nextval('");
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });
  });
}
