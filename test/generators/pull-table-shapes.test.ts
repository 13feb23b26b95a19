import { expect } from 'chai';
import { renderPull } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { engines, useFreshDb } from '../support/engines';
import { planAfterPull } from './pull-round-trip';

/** Table shapes pull writes: unlogged, storage parameters, row-level security and policies, column storage and compression. */
export const TABLE_SHAPES_SQL = `
  CREATE UNLOGGED TABLE scratch (x text, doc jsonb, owner text) WITH (fillfactor = 70, autovacuum_enabled = false);
  ALTER TABLE scratch ALTER COLUMN x SET STORAGE external;
  ALTER TABLE scratch ALTER COLUMN doc SET COMPRESSION pglz;
  ALTER TABLE scratch ENABLE ROW LEVEL SECURITY;
  CREATE POLICY own ON scratch USING (owner = current_user);
  CREATE POLICY own_insert ON scratch AS RESTRICTIVE FOR INSERT WITH CHECK (owner = current_user AND x IS NOT NULL);
  COMMENT ON POLICY own ON scratch IS 'owners see their rows';
  CREATE TABLE forced (id integer PRIMARY KEY);
  ALTER TABLE forced ENABLE ROW LEVEL SECURITY;
  ALTER TABLE forced FORCE ROW LEVEL SECURITY;
  CREATE TABLE bookings (id bigint PRIMARY KEY, room_id integer NOT NULL, during tstzrange NOT NULL, guest text, cancelled boolean NOT NULL DEFAULT false,
    CONSTRAINT bookings_room_overlap EXCLUDE USING gist (during WITH &&) INCLUDE (guest) WHERE (NOT cancelled) DEFERRABLE,
    CONSTRAINT bookings_guest_lower EXCLUDE USING hash (lower(guest) WITH =));
  CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
  CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
  CREATE TABLE events_old PARTITION OF events FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
  CREATE TABLE events_rest PARTITION OF events DEFAULT;
  CREATE TABLE tagged (tag text NOT NULL, n integer) PARTITION BY LIST (lower(tag));
  CREATE TABLE tagged_ab PARTITION OF tagged FOR VALUES IN ('a', 'b');
  CREATE TABLE hashed (id integer) PARTITION BY HASH (id);
  CREATE TABLE hashed_0 PARTITION OF hashed FOR VALUES WITH (modulus 2, remainder 0);
  CREATE TABLE hashed_1 PARTITION OF hashed FOR VALUES WITH (modulus 2, remainder 1);
  CREATE TABLE base (id integer, note text);
  CREATE TABLE derived (extra text) INHERITS (base);
  COMMENT ON CONSTRAINT bookings_guest_lower ON bookings IS 'one row per guest';
`;

/** Pull writes table shapes that load back to the same tables. */
for (const engine of engines) {
  describe(`generators/pull table shapes (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);

    it('pulls partitions, inheritance, unlogged tables, storage parameters, row-level security, policies, exclusions, column storage; the plan after it is empty', async () => {
      await db().exec(TABLE_SHAPES_SQL);
      const files = renderPull(await introspect(db()));
      expect(files.get('public/scratch.ts')).to.include('policies: (t) =>');
      expect(files.get('public/bookings.ts')).to.include('exclusions: (t) =>');
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });
  });
}
