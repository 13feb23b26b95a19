import { expect } from 'chai';
import { renderPull } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { engines, useFreshDb } from '../support/engines';
import { planAfterPull } from './pull-round-trip';

/** User aggregates of every shape, one called by a view (issue 9). */
const AGGREGATES_SQL = `
  CREATE SCHEMA stats;
  CREATE FUNCTION stats.add_int(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
  CREATE AGGREGATE stats.total(integer) (SFUNC = stats.add_int, STYPE = integer, INITCOND = '0', COMBINEFUNC = stats.add_int, PARALLEL = SAFE);
  COMMENT ON AGGREGATE stats.total(integer) IS 'sum of integers';
  CREATE AGGREGATE stats.pct(double precision ORDER BY anyelement) (
    SFUNC = ordered_set_transition, STYPE = internal, FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
  CREATE AGGREGATE stats.rnk(VARIADIC "any" ORDER BY VARIADIC "any") (
    SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
  CREATE AGGREGATE stats.msum(integer) (SFUNC = int4_sum, STYPE = bigint, MSFUNC = int4_avg_accum, MINVFUNC = int4_avg_accum_inv,
    MSTYPE = bigint[], MFINALFUNC = int2int4_sum, MINITCOND = '{0,0}');
  CREATE AGGREGATE stats.biggest(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >);
  CREATE AGGREGATE stats.n(*) (SFUNC = int8inc, STYPE = bigint, INITCOND = '0');
  CREATE TABLE stats.items (id integer PRIMARY KEY, qty integer NOT NULL);
  CREATE VIEW stats.item_totals AS SELECT stats.total(qty) AS qty, stats.n(*) AS n FROM stats.items;
`;

/** Range types with every option, used by columns (range, multirange, array) and a view. */
const RANGES_SQL = `
  CREATE SCHEMA spans;
  CREATE FUNCTION spans.time_diff(x time, y time) RETURNS double precision LANGUAGE sql IMMUTABLE STRICT
    AS 'SELECT EXTRACT(EPOCH FROM (x - y))::double precision';
  CREATE TYPE spans.timerange AS RANGE (SUBTYPE = time, SUBTYPE_DIFF = spans.time_diff);
  CREATE TYPE spans.floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi);
  COMMENT ON TYPE spans.floatrange IS 'ranges of doubles';
  CREATE TYPE spans.textrange AS RANGE (SUBTYPE = text, COLLATION = "C", MULTIRANGE_TYPE_NAME = textranges);
  CREATE TYPE spans.revrange AS RANGE (SUBTYPE = integer, SUBTYPE_OPCLASS = int4_ops);
  CREATE TABLE spans.slots (id integer PRIMARY KEY, hours spans.timerange[], score spans.floatrange NOT NULL, names public.textranges);
  CREATE VIEW spans.wide AS SELECT id FROM spans.slots WHERE score && spans.floatrange(0, 10);
`;

/** Extended statistics on columns and expressions, with kinds, a target, a comment, in another schema. */
const STATISTICS_SQL = `
  CREATE SCHEMA stats;
  CREATE TABLE addresses (id integer PRIMARY KEY, city text, zip text, street text, "Country" text);
  CREATE STATISTICS addresses_city_zip (dependencies) ON city, zip FROM addresses;
  COMMENT ON STATISTICS addresses_city_zip IS 'zip implies city';
  CREATE STATISTICS stats.addresses_all ON zip, "Country", (lower(street)) FROM addresses;
  ALTER STATISTICS stats.addresses_all SET STATISTICS 500;
  CREATE STATISTICS addresses_lower_city ON (lower(city || "Country")) FROM addresses;
`;

/** Text search dictionaries and configurations, one used by an index. */
const TEXT_SEARCH_SQL = `
  CREATE SCHEMA search;
  CREATE TEXT SEARCH DICTIONARY search.simple_dict (TEMPLATE = pg_catalog.simple, STOPWORDS = english, ACCEPT = false);
  COMMENT ON TEXT SEARCH DICTIONARY search.simple_dict IS 'simple, without stop words';
  CREATE TEXT SEARCH CONFIGURATION search.my_search (COPY = pg_catalog.english);
  ALTER TEXT SEARCH CONFIGURATION search.my_search ALTER MAPPING FOR asciiword WITH search.simple_dict, english_stem;
  CREATE TEXT SEARCH CONFIGURATION search.bare (PARSER = default);
  CREATE TABLE search.docs (id integer PRIMARY KEY, body text);
  CREATE INDEX docs_fts ON search.docs USING gin (to_tsvector('search.my_search'::regconfig, body));
`;

/** Rules: INSTEAD with a condition, ALSO with two actions, DO INSTEAD NOTHING on a view, with a comment, in a schema. */
const RULES_SQL = `
  CREATE SCHEMA shop;
  CREATE TABLE shop.orders (id integer PRIMARY KEY, placed date NOT NULL, total numeric(8,2));
  CREATE TABLE shop.orders_2019 (id integer PRIMARY KEY, placed date NOT NULL, total numeric(8,2));
  CREATE TABLE shop.audit (what text NOT NULL);
  CREATE VIEW shop.big_orders AS SELECT id, total FROM shop.orders WHERE total > 1000;
  CREATE RULE orders_old AS ON INSERT TO shop.orders WHERE NEW.placed < '2020-01-01'
    DO INSTEAD INSERT INTO shop.orders_2019 VALUES (NEW.id, NEW.placed, NEW.total);
  CREATE RULE orders_audit AS ON DELETE TO shop.orders DO ALSO (INSERT INTO shop.audit VALUES ('delete ' || OLD.id); NOTIFY orders_gone);
  CREATE RULE big_orders_keep AS ON UPDATE TO shop.big_orders DO INSTEAD NOTHING;
  COMMENT ON RULE orders_old ON shop.orders IS 'orders of 2019 and before';
`;

/** Pull writes these kinds so that they load back to the same catalog: the plan after it is empty. */
for (const engine of engines) {
  describe(`generators/pull aggregates, range types, statistics, text search, rules (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);

    it('pulls normal, ordered-set, hypothetical, moving and zero-argument aggregates; the plan after it is empty', async () => {
      await db().exec(AGGREGATES_SQL);
      const files = renderPull(await introspect(db()));
      const functions = files.get('stats/functions.ts') ?? '';
      expect(functions)
        .to.include("aggregate(stats, 'total', {")
        .and.include('sfunc: addInt,')
        .and.include("orderBy: ['anyelement']")
        .and.include('hypothetical: true');
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });

    it('pulls rules on tables and views with their conditions and actions; the plan after it is empty', async () => {
      await db().exec(RULES_SQL);
      const files = renderPull(await introspect(db()));
      expect(files.get('shop/triggers.ts'))
        .to.include("rule(orders, 'orders_old', {")
        .and.include("event: 'insert',")
        .and.include('instead: true,')
        .and.include("rule(bigOrders, 'big_orders_keep', {")
        .and.include('action: sql`NOTHING`');
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });

    it('pulls range types and columns of range and multirange types; the plan after it is empty', async () => {
      await db().exec(RANGES_SQL);
      const files = renderPull(await introspect(db()));
      expect(files.get('spans/types.ts')).to.include("rangeType(spans, 'textrange', 'text', {").and.include('subtypeDiff: timeDiff,');
      expect(files.get('spans/slots.ts')).to.include('c.type(floatrange)');
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });

    it('pulls text search dictionaries and configurations; the plan after it is empty', async () => {
      await db().exec(TEXT_SEARCH_SQL);
      const files = renderPull(await introspect(db()));
      expect(files.get('search/types.ts')).to.include("textSearchConfiguration(search, 'my_search', {").and.include('asciiword: [simpleDict');
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });

    it('pulls extended statistics into their table file; the plan after it is empty', async () => {
      await db().exec(STATISTICS_SQL);
      const files = renderPull(await introspect(db()));
      expect(files.get('public/addresses.ts'))
        .to.include("statistics(addresses, 'addresses_city_zip', {")
        .and.include("kinds: ['dependencies'],")
        .and.include('target: 500,');
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });
  });
}
