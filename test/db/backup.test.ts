import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, restoreBackup, takeBackup, type Db } from '../../src/db';
import { introspect } from '../../src/introspect';
import { catalogView as view } from '../support/catalog-view';
import { engines } from '../support/engines';

const START = `
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'bad');
CREATE TABLE app.users (id integer PRIMARY KEY, email text UNIQUE, mood app.mood DEFAULT 'ok');
COMMENT ON TABLE app.users IS 'people';
INSERT INTO app.users VALUES (1, 'a@x', 'ok'), (2, 'b@x', 'bad');`;

const CHANGE = `
DROP TABLE app.users; CREATE TABLE app.later (id integer); CREATE TABLE public.also_later (x text);`;

const rows = async (db: Db) => (await db.query<{ v: string }>("SELECT string_agg(id || ':' || email || ':' || mood, ',' ORDER BY id) AS v FROM app.users"))[0].v;

for (const engine of engines) {
  describe(`backup and restore on ${engine.name}`, function () {
    let dir: string;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'schemakit-backup-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('backs up, and restore brings back the catalog and the data as they were (objects made since are gone)', async function () {
      this.timeout(120_000);
      if (engine.kind === 'postgres') {
        const db = await engine.fresh();
        try {
          await db.exec(START);
          const before = await introspect(db);
          const backup = await takeBackup(db, join(dir, 'backups'));
          expect(backup.file).to.match(/\.dump$/);
          expect(backup.bytes).to.be.greaterThan(0);
          await db.exec(CHANGE);
          await restoreBackup(backup.file, { url: db.url! });
          expect(view(await introspect(db))).to.deep.equal(view(before));
          expect(await rows(db)).to.equal('1:a@x:ok,2:b@x:bad');
        } finally {
          await db.close();
        }
      } else {
        const dataDir = join(dir, 'pglite');
        let db = await openPglite({ dataDir, extensions: [] });
        let before;
        let file: string;
        try {
          await db.exec(START);
          before = await introspect(db);
          const backup = await takeBackup(db, join(dir, 'backups'));
          expect(backup.file).to.match(/\.tar\.gz$/);
          file = backup.file;
          await db.exec(CHANGE);
        } finally {
          await db.close();
        }
        await restoreBackup(file, { pgliteDir: dataDir });
        db = await openPglite({ dataDir, extensions: [] });
        try {
          expect(view(await introspect(db))).to.deep.equal(view(before));
          expect(await rows(db)).to.equal('1:a@x:ok,2:b@x:bad');
        } finally {
          await db.close();
        }
      }
    });
  });
}
