import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, restoreBackup, type Db, queryRow } from '../../src/db';
import { takeBackup } from '../../src/backup';
import { introspect } from '../../src/introspect';
import { catalogView as view } from '../support/catalog-view';
import { engines } from '../support/engines';
import { rejection } from '../support/rejection';
import { present } from '../support/present';

const START = `
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'bad');
CREATE TABLE app.users (id integer PRIMARY KEY, email text UNIQUE, mood app.mood DEFAULT 'ok');
COMMENT ON TABLE app.users IS 'people';
INSERT INTO app.users VALUES (1, 'a@x', 'ok'), (2, 'b@x', 'bad');`;

const CHANGE = `
DROP TABLE app.users; CREATE TABLE app.later (id integer); CREATE TABLE public.also_later (x text);`;

const tables = async (db: Db) =>
  present(
    (
      await db.query<{ t: string }>(
        "SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY table_schema, table_name) AS t FROM information_schema.tables WHERE table_schema IN ('app', 'public')",
      )
    )[0],
  ).t;

const rows = async (db: Db) =>
  (await queryRow<{ v: string }>(db, "SELECT string_agg(id || ':' || email || ':' || mood, ',' ORDER BY id) AS v FROM app.users")).v;

for (const engine of engines) {
  describe(`backup and restore on ${engine.name}`, function () {
    this.timeout(120_000);
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'schemakit-backup-'));
    });
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

    it('a truncated or garbage backup is refused before anything is touched: the target keeps what it has', async function () {
      this.timeout(180_000);
      const bad = (file: string) => {
        const bytes = readFileSync(file);
        const truncated = join(dir, `truncated-${file.split('/').pop()}`);
        writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
        const garbage = join(dir, `garbage-${file.split('/').pop()}`);
        writeFileSync(garbage, Buffer.from('this is not a backup\n'.repeat(50)));
        return [truncated, garbage];
      };
      const AFTER = 'app.later,public.also_later';
      if (engine.kind === 'postgres') {
        const db = await engine.fresh();
        try {
          await db.exec(START);
          const backup = await takeBackup(db, join(dir, 'backups'));
          await db.exec(CHANGE);
          for (const file of bad(backup.file)) {
            const err = await rejection(restoreBackup(file, { url: db.url! }));
            expect(err.code, err.message).to.equal('bad-backup');
            expect(err.message).to.include('The target was not changed');
            expect(await tables(db)).to.equal(AFTER);
          }
        } finally {
          await db.close();
        }
      } else {
        const dataDir = join(dir, 'pglite');
        let db = await openPglite({ dataDir, extensions: [] });
        let file: string;
        try {
          await db.exec(START);
          file = (await takeBackup(db, join(dir, 'backups'))).file;
          await db.exec(CHANGE);
        } finally {
          await db.close();
        }
        for (const f of bad(file)) {
          const err = await rejection(restoreBackup(f, { pgliteDir: dataDir }));
          expect(err.code, err.message).to.equal('bad-backup');
          expect(err.message).to.include('The target was not changed');
          db = await openPglite({ dataDir, extensions: [] });
          try {
            expect(await tables(db)).to.equal(AFTER);
          } finally {
            await db.close();
          }
        }
      }
    });

    if (engine.kind === 'postgres') {
      it('a restore that fails halfway (an owner role the server lacks) is rolled back: the target keeps what it has', async function () {
        this.timeout(120_000);
        const role = `schemakit_gone_${process.pid}_${Date.now().toString(36)}`;
        const db = await engine.fresh();
        try {
          await db.exec(START);
          await db.exec(`CREATE ROLE ${role}; CREATE TABLE app.owned (x int); ALTER TABLE app.owned OWNER TO ${role}`);
          const backup = await takeBackup(db, join(dir, 'backups'));
          await db.exec(`DROP TABLE app.owned; DROP ROLE ${role}`);
          await db.exec(CHANGE);
          const err = await rejection(restoreBackup(backup.file, { url: db.url! }));
          expect(err.code, err.message).to.equal('restore-failed');
          expect(err.message).to.include('rolled back').and.include(role);
          expect(await tables(db)).to.equal('app.later,public.also_later');
        } finally {
          await db.exec(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
          await db.close();
        }
      });
    }
    // PGlite has no partial restore to roll back: the restored directory is built beside the target and swapped in whole.
  });
}
