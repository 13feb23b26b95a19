import { expect } from 'chai';
import { introspect } from '../../src/introspect';
import { engines } from '../support/engines';

const SQL = `
  CREATE TABLE users (id integer PRIMARY KEY);
  CREATE TABLE p (id bigint GENERATED ALWAYS AS IDENTITY, at date NOT NULL DEFAULT current_date, x text CHECK (x <> ''),
                  user_id integer REFERENCES users, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
  CREATE INDEX p_x_idx ON p (x);
  CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
  CREATE TABLE p2 (id bigint NOT NULL, at date NOT NULL, x text, user_id integer, CONSTRAINT p_x_check CHECK (x <> ''));
  CREATE INDEX p2_x ON p2 (x);
  ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
  CREATE TABLE refs (id bigint, at date, FOREIGN KEY (id, at) REFERENCES p);
  CREATE TABLE parent (a integer CHECK (a > 0), b text);
  CREATE UNLOGGED TABLE kid (c text, b text) INHERITS (parent) WITH (fillfactor = 60);
  ALTER TABLE kid ENABLE ROW LEVEL SECURITY;
`;

for (const engine of engines) {
  describe(`introspect table shapes on ${engine.name}`, function () {
    this.timeout(120_000);
    it('reports what was declared, never the copies Postgres makes on partitions and children', async () => {
      const db = await engine.fresh();
      try {
        await db.exec(SQL);
        const cat = await introspect(db);
        const t = (name: string) => cat.tables.find((x) => x.name === name)!;
        expect(t('p').partitionBy).to.deep.equal({ strategy: 'range', key: 'at' });
        expect(t('p1')).to.deep.include({
          columns: [],
          partitionOf: { schema: 'public', table: 'p', bound: "FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')" },
        });
        // Attached with its own columns and check: after ATTACH they are the parent's too.
        expect(t('p2').columns).to.deep.equal([]);
        expect(t('kid')).to.deep.include({
          inherits: [{ schema: 'public', name: 'parent' }],
          persistence: 'unlogged',
          rowSecurity: true,
          forceRowSecurity: false,
        });
        expect(t('kid').storageParameters).to.deep.equal([{ name: 'fillfactor', value: '60' }]);
        expect(t('kid').columns.map((c) => c.name)).to.deep.equal(['c']); // a is inherited and b merged with the parent's: both are the parent's
        expect(cat.constraints.map((c) => `${c.table}.${c.name}`).sort()).to.deep.equal([
          'p.p_pkey',
          'p.p_user_id_fkey',
          'p.p_x_check',
          'parent.parent_a_check',
          'refs.refs_id_at_fkey',
          'users.users_pkey',
        ]);
        expect(cat.indexes.map((i) => i.name)).to.deep.equal(['p_x_idx']);
      } finally {
        await db.close();
      }
    });
  });
}
