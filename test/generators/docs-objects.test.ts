import { expect } from 'chai';
import { renderDocs, renderSite } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { engines, useFreshDb } from '../support/engines';
import { expectGolden } from './golden';

/** Every kind issue 4 documents: partitions, exclusion constraints, RLS and policies, triggers, rules, views, routines, type objects. */
const SQL = `
CREATE SCHEMA shop;
COMMENT ON SCHEMA shop IS 'Shop';
CREATE DOMAIN shop.price AS numeric(10,2) NOT NULL DEFAULT 0 CHECK (VALUE >= 0);
COMMENT ON DOMAIN shop.price IS 'Money | never negative';
CREATE TYPE shop.address AS (street text, city text);
CREATE SEQUENCE shop.invoice_no START 1000 INCREMENT 10 CYCLE;
CREATE TABLE shop.orders (
  id bigint NOT NULL,
  placed_at date NOT NULL,
  total shop.price,
  ship_to shop.address,
  owner text NOT NULL DEFAULT current_user,
  PRIMARY KEY (id, placed_at)
) PARTITION BY RANGE (placed_at);
COMMENT ON TABLE shop.orders IS 'Orders, by month';
CREATE TABLE shop.orders_2024 PARTITION OF shop.orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE shop.orders_old PARTITION OF shop.orders DEFAULT;
ALTER TABLE shop.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE shop.orders FORCE ROW LEVEL SECURITY;
CREATE POLICY own_orders ON shop.orders FOR SELECT TO public USING (owner = current_user);
CREATE POLICY no_free ON shop.orders AS RESTRICTIVE FOR INSERT TO public WITH CHECK ((total)::numeric > 0);
COMMENT ON POLICY own_orders ON shop.orders IS 'Everyone sees their own';
CREATE TABLE shop.bookings (
  id integer PRIMARY KEY,
  room integer NOT NULL,
  during tstzrange NOT NULL,
  CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room > 0)
);
CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END;
$$;
COMMENT ON FUNCTION shop.touch() IS 'Trigger function';
CREATE TRIGGER bookings_touch BEFORE INSERT OR UPDATE OF room ON shop.bookings
  FOR EACH ROW WHEN (NEW.room IS NOT NULL) EXECUTE FUNCTION shop.touch();
CREATE TRIGGER bookings_audit AFTER TRUNCATE ON shop.bookings FOR EACH STATEMENT EXECUTE FUNCTION shop.touch('truncated');
CREATE FUNCTION shop.area(r integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE RETURN r * r;
CREATE FUNCTION shop.area(w integer, h integer) RETURNS integer LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT w * h; END;
CREATE FUNCTION shop.booked(r integer) RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
  BEGIN ATOMIC SELECT count(*) FROM shop.bookings WHERE bookings.room = r; END;
CREATE PROCEDURE shop.purge(before date) LANGUAGE sql AS $$ DELETE FROM shop.orders WHERE placed_at < before $$;
CREATE VIEW shop.big_orders WITH (security_barrier) AS SELECT o.id, o.placed_at, o.total, b.room FROM shop.orders o JOIN shop.bookings b ON b.id = o.id WHERE (o.total)::numeric > 100;
COMMENT ON VIEW shop.big_orders IS 'Orders over 100';
CREATE MATERIALIZED VIEW shop.room_load AS SELECT b.room, shop.booked(b.room) AS n, count(o.id) AS orders FROM shop.bookings b LEFT JOIN shop.orders o ON o.id = b.id GROUP BY b.room WITH NO DATA;
CREATE FUNCTION shop.block() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER big_orders_block INSTEAD OF DELETE ON shop.big_orders FOR EACH ROW EXECUTE FUNCTION shop.block();
CREATE RULE bookings_keep_rooms AS ON DELETE TO shop.bookings WHERE OLD.room = 0 DO INSTEAD NOTHING;
COMMENT ON RULE bookings_keep_rooms ON shop.bookings IS 'Room 0 stays';
`;

for (const engine of engines) {
  describe(`generators/docs: programmable and type objects (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);

    it('renders tables with partitions, policies, triggers and exclusions, and pages of views and routines, as the golden files', async () => {
      await db().exec(SQL);
      const files = renderDocs(await introspect(db()), { title: 'Objects' });
      expect([...files.keys()]).to.include.members([
        'views/shop.big_orders.md',
        'views/shop.room_load.md',
        'routines/shop.area~28integer~29.md',
        'routines/shop.area~28integer~2C~20integer~29.md',
        'routines/shop.purge.md',
        'tables/shop.orders_2024.md',
      ]);
      expectGolden('objects', files);
    });

    it('the HTML site has the same sections and pages, linked', async () => {
      await db().exec(SQL);
      const site = renderSite(await introspect(db()), { title: 'Objects' });
      const orders = site.get('tables/shop.orders.html')!;
      expect(orders).to.include('<h2>Partitions</h2>').and.to.include('<a href="../tables/shop.orders_2024.html">orders_2024</a>');
      expect(orders).to.include('<h2>Policies</h2>').and.to.include('Row-level security is enabled and forced');
      expect(site.get('tables/shop.orders_old.html')).to.include('Partition of <a href="../tables/shop.orders.html">orders</a>: <code>DEFAULT</code>');
      const bookings = site.get('tables/shop.bookings.html')!;
      expect(bookings).to.include('<h2>Exclusion constraints</h2>').and.to.include('<code>during WITH &amp;&amp;</code>');
      expect(bookings).to.include('<a href="../routines/shop.touch.html">touch()</a>');
      expect(bookings).to.include('<h2>Rules</h2>').and.to.include('<tr><td><code>bookings_keep_rooms</code></td><td>ON DELETE DO INSTEAD</td>');
      expect(site.get('views/shop.room_load.html')).to.include('<a href="../routines/shop.booked.html">booked(integer)</a>');
      expect(site.get('routines/shop.booked.html')).to.include('<pre><code class="language-sql">BEGIN ATOMIC');
      const schema = site.get('schemas/shop.html')!;
      for (const h of ['Views', 'Functions and procedures', 'Sequences', 'Domains', 'Composite types']) expect(schema).to.include(`<h2>${h}</h2>`);
      expect(schema).to.include('<a href="../routines/shop.area~28integer~2C~20integer~29.html">area</a>');
    });
  });
}
