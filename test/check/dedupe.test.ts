import { expect } from 'chai';
import { dedupe, parseKeep, type DedupeOptions } from '../../src/check';
import { queryRow, type Db } from '../../src/db';
import { engines, useFreshDb } from '../support/engines';

// Group a@x: 1 (oldest, lowest score, one NULL), 2 and 3 tie on created_at and score (2 has two NULLs, 3 none);
// group b@x: 4 and 5 tie on everything (the primary key decides); 6 is alone; NULL emails are never duplicates.
const SETUP = `
CREATE TABLE people (id int PRIMARY KEY, email text, created_at timestamptz, score int, name text, phone text);
INSERT INTO people VALUES
  (1, 'a@x', '2020-01-01', 5, 'A', NULL), (2, 'a@x', '2022-01-01', 9, NULL, NULL), (3, 'a@x', '2022-01-01', 9, 'C', '1'),
  (4, 'b@x', '2021-01-01', 1, 'D', '2'), (5, 'b@x', '2021-01-01', 1, 'E', '3'), (6, 'c@x', '2021-01-01', 1, 'F', '4'),
  (7, NULL, '2021-01-01', 1, 'G', '5'), (8, NULL, '2021-01-01', 1, 'H', '6');
CREATE TABLE accounts (person_id int REFERENCES people (id), n int, PRIMARY KEY (person_id, n));
CREATE TABLE entries (id int PRIMARY KEY, person_id int, n int, FOREIGN KEY (person_id, n) REFERENCES accounts ON UPDATE CASCADE);
CREATE TABLE notes (id int PRIMARY KEY, person_id int REFERENCES people (id) ON DELETE CASCADE);
INSERT INTO accounts VALUES (1, 1), (3, 2), (5, 1), (4, 9);
INSERT INTO entries VALUES (100, 1, 1), (101, 3, 2), (102, 5, 1);
INSERT INTO notes VALUES (200, 1), (201, 5), (202, 6);`;

const rows = async (db: Db, sql: string) => (await queryRow<{ v: string }>(db, `SELECT string_agg(x::text, ' ' ORDER BY x::text) AS v FROM (${sql}) AS x`)).v;
const snapshot = async (db: Db) => [
  await rows(db, 'SELECT id FROM people'),
  await rows(db, 'SELECT person_id, n FROM accounts'),
  await rows(db, 'SELECT id, person_id, n FROM entries'),
  await rows(db, 'SELECT id, person_id FROM notes'),
];
const opts = (keep: string, extra: Partial<DedupeOptions> = {}): DedupeOptions => ({ table: 'public.people', key: ['email'], keep: parseKeep(keep), ...extra });

for (const engine of engines) {
  describe(`schemakit dedupe (${engine.name})`, function () {
    this.timeout(180_000);
    const db = useFreshDb(engine);

    it('every strategy picks its survivor, ties broken by primary key', async () => {
      await db().exec(SETUP);
      const survivors: Record<string, string[]> = {};
      for (const keep of ['newest:created_at', 'oldest:created_at', 'max:score', 'min:score', 'most-complete']) {
        const r = await dedupe(db(), opts(keep));
        survivors[keep] = r.samples.map((g) => `${g.key}:${g.survivor}<-${g.losers.join(',')}`);
        expect([r.groups, r.losers, r.dryRun]).to.deep.equal([2, 3, true]);
      }
      expect(survivors).to.deep.equal({
        'newest:created_at': ['a@x:2<-1,3', 'b@x:4<-5'],
        'oldest:created_at': ['a@x:1<-2,3', 'b@x:4<-5'],
        'max:score': ['a@x:2<-1,3', 'b@x:4<-5'],
        'min:score': ['a@x:1<-2,3', 'b@x:4<-5'],
        'most-complete': ['a@x:3<-1,2', 'b@x:4<-5'],
      });
    });

    it('a dry run lists the referencing foreign keys through two levels and changes nothing', async () => {
      await db().exec(SETUP);
      const before = await snapshot(db());
      const r = await dedupe(db(), opts('newest:created_at'));
      expect(r.references).to.deep.equal([
        { constraint: 'public.accounts.accounts_person_id_fkey', table: 'public.accounts', columns: ['person_id'], level: 1, rows: 3 },
        { constraint: 'public.entries.entries_person_id_n_fkey', table: 'public.entries', columns: ['person_id', 'n'], level: 2, rows: 3 },
        { constraint: 'public.notes.notes_person_id_fkey', table: 'public.notes', columns: ['person_id'], level: 1, rows: 2 },
      ]);
      expect(r.changed).to.deep.equal([]);
      expect(await snapshot(db())).to.deep.equal(before);
    });

    it('--yes re-points every reference (two levels) to the survivors, deletes the losers in batches, then the unique constraint applies', async () => {
      await db().exec(SETUP);
      const r = await dedupe(db(), opts('newest:created_at', { apply: true, batchSize: 2 }));
      expect(r.dryRun).to.equal(false);
      expect(r.changed).to.deep.equal([
        { table: 'public.accounts', updated: 3, deleted: 0 },
        { table: 'public.notes', updated: 2, deleted: 0 },
        { table: 'public.entries', updated: 3, deleted: 0 },
        { table: 'public.people', updated: 0, deleted: 3 },
      ]);
      expect(await snapshot(db())).to.deep.equal([
        '(2) (4) (6) (7) (8)',
        '(2,1) (2,2) (4,1) (4,9)',
        '(100,2,1) (101,2,2) (102,4,1)',
        '(200,2) (201,4) (202,6)',
      ]);
      await db().exec('ALTER TABLE people ADD CONSTRAINT people_email_key UNIQUE (email)');
      expect((await dedupe(db(), opts('newest:created_at', { apply: true }))).losers).to.equal(0);
    });

    it('--where scopes the groups', async () => {
      await db().exec(SETUP);
      const r = await dedupe(db(), opts('newest:created_at', { where: 'id <> 3' }));
      expect(r.samples.map((g) => `${g.survivor}<-${g.losers.join(',')}`)).to.deep.equal(['2<-1', '4<-5']);
    });

    it('refuses, naming the unique constraint, when re-pointing would violate it; nothing changed', async () => {
      await db().exec(SETUP);
      await db().exec('INSERT INTO people VALUES (9, NULL); INSERT INTO accounts VALUES (2, 1)');
      const before = await snapshot(db());
      let err: Error | null = null;
      try {
        await dedupe(db(), opts('newest:created_at', { apply: true }));
      } catch (e) {
        err = e as Error;
      }
      expect(err?.message).to.match(
        /^dedupe: refused, nothing changed: re-pointing public\.accounts\.accounts_person_id_fkey to the survivors would violate unique constraint public\.accounts\.accounts_pkey \(person_id, n\), e\.g\. \(2,1\)/,
      );
      expect(await snapshot(db())).to.deep.equal(before);
    });

    it('refuses when a second-level foreign key does not cascade updates', async () => {
      await db().exec(SETUP);
      await db().exec('ALTER TABLE entries DROP CONSTRAINT entries_person_id_n_fkey; ALTER TABLE entries ADD FOREIGN KEY (person_id, n) REFERENCES accounts');
      const before = await snapshot(db());
      let err: Error | null = null;
      try {
        await dedupe(db(), opts('newest:created_at', { apply: true }));
      } catch (e) {
        err = e as Error;
      }
      expect(err?.message).to.match(
        /refused, nothing changed: re-pointing public\.accounts\.accounts_person_id_fkey .* which foreign key public\.entries\.entries_person_id_n_fkey references without ON UPDATE CASCADE/,
      );
      expect(await snapshot(db())).to.deep.equal(before);
    });

    it('bad input gives a clear error', async () => {
      await db().exec(SETUP + '; CREATE TABLE nokey (a int)');
      const fails = async (o: DedupeOptions) => {
        try {
          await dedupe(db(), o);
        } catch (e) {
          return (e as Error).message;
        }
        return 'no error';
      };
      expect(await fails(opts('newest:created_at', { table: 'nope' }))).to.equal(`dedupe: no table nope in ${db().description}`);
      expect(await fails(opts('newest:nope'))).to.equal('dedupe: public.people has no column nope (columns: id, email, created_at, score, name, phone)');
      expect(await fails(opts('most-complete', { key: ['email', 'x'] }))).to.match(/^dedupe: public\.people has no column x/);
      expect(await fails(opts('most-complete', { table: 'nokey', key: ['a'] }))).to.equal(
        'dedupe: public.nokey has no primary key: dedupe needs one to break ties and to re-point foreign keys',
      );
      expect(() => parseKeep('latest')).to.throw(
        'dedupe: --keep "latest" is not a strategy: use newest:<col>, oldest:<col>, max:<col>, min:<col> or most-complete',
      );
    });
  });
}
