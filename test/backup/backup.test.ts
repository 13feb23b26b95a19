import { expect } from 'chai';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBackup,
  describeDatabase,
  fileSha256,
  listBackups,
  pruneBackups,
  readSidecar,
  restoreTables,
  sidecarPath,
  tocEntriesOf,
  verifyBackup,
  type BackupMeta,
} from '../../src/backup';
import { connectPostgres, openPglite, restoreBackup, runPgProgram, childConnection, type Db, queryRow } from '../../src/db';
import { SchemakitError } from '../../src/util';
import { engines } from '../support/engines';
import { runCli } from '../cli/run-cli';
import { present } from '../support/present';

const START = `
CREATE SCHEMA app;
CREATE TABLE app.users (id serial PRIMARY KEY, email text UNIQUE NOT NULL);
CREATE INDEX users_lower_email ON app.users (lower(email));
CREATE TABLE app.orders (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id integer REFERENCES app.users, total numeric NOT NULL DEFAULT 0);
INSERT INTO app.users (email) SELECT 'u' || g || '@x' FROM generate_series(1, 120) g;
INSERT INTO app.orders (user_id, total) SELECT 1 + g % 120, g FROM generate_series(1, 300) g;`;

const counts = async (db: Db) => Object.fromEntries((await describeDatabase(db)).tables.map((t) => [t.name, t.rows]));

const flipByte = (file: string, at: number) => {
  const b = readFileSync(file);
  b[at] = present(b[at]) ^ 0xff;
  writeFileSync(file, b);
};

for (const engine of engines) {
  describe(`schemakit backup on ${engine.name}`, function () {
    this.timeout(180_000);
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'schemakit-bk-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** A database with START in it: a fresh server database, or an embedded one in `dir`. */
    const withStart = async (): Promise<Db> => {
      const db = engine.kind === 'postgres' ? await engine.fresh() : await openPglite({ dataDir: join(dir, 'pglite'), extensions: [] });
      await db.exec(START);
      return db;
    };

    it('writes a sidecar describing the backup (hash, head, sha256, tables with exact rows)', async () => {
      const db = await withStart();
      try {
        await db.exec(`CREATE SCHEMA schemakit; CREATE TABLE schemakit.migrations (version text, name text, checksum text, applied_at timestamptz, applied_by text, duration_ms int, down_sql text);
          INSERT INTO schemakit.migrations VALUES ('20260101000000', 'init', 'x', now(), 'me', 1, null), ('20260201000000', 'orders', 'y', now(), 'me', 1, null)`);
        const { file, meta } = await createBackup(db, { dir });
        expect(readSidecar(file)).to.deep.equal(meta);
        expect(meta.engine).to.equal(engine.kind);
        expect(meta.kind).to.equal('full');
        expect(meta.migrationHead).to.deep.equal({ version: '20260201000000', name: 'orders' });
        expect(meta.catalogHash).to.equal((await describeDatabase(db)).hash);
        expect(meta.sha256).to.match(/^[0-9a-f]{64}$/);
        expect(meta.tables.map((t) => [t.name, t.rows])).to.deep.equal([
          ['app.orders', 300],
          ['app.users', 120],
        ]);
        expect(present(meta.tables[1]).indexes).to.deep.equal(['users_lower_email']);
        expect(present(meta.tables[1]).sequences).to.deep.equal(['users_id_seq']);
      } finally {
        await db.close();
      }
    });

    it('round-trips a full backup: backup, drop, restore, same catalog hash and row counts', async () => {
      const db = await withStart();
      let created;
      try {
        created = await createBackup(db, { dir });
        await db.exec('DROP SCHEMA app CASCADE');
      } finally {
        if (engine.kind === 'pglite') await db.close();
      }
      if (engine.kind === 'postgres') {
        try {
          await restoreBackup(created.file, { url: db.url! });
          const after = await describeDatabase(db);
          expect(after.hash).to.equal(created.meta.catalogHash);
          expect(await counts(db)).to.deep.equal({ 'app.orders': 300, 'app.users': 120 });
        } finally {
          await db.close();
        }
      } else {
        await restoreBackup(created.file, { pgliteDir: join(dir, 'pglite') });
        const again = await openPglite({ dataDir: join(dir, 'pglite'), extensions: [] });
        try {
          expect((await describeDatabase(again)).hash).to.equal(created.meta.catalogHash);
          expect(await counts(again)).to.deep.equal({ 'app.orders': 300, 'app.users': 120 });
        } finally {
          await again.close();
        }
      }
    });

    it('--verify restores into a scratch database and passes an intact backup, touching nothing else', async () => {
      const db = await withStart();
      try {
        const { file } = await createBackup(db, { dir: join(dir, 'b') });
        await db.exec("INSERT INTO app.users (email) VALUES ('later@x')");
        const r = await verifyBackup(file, db.url);
        expect(r.ok, JSON.stringify(r.checks)).to.equal(true);
        expect(r.checks.map((c) => [c.check, c.ok])).to.deep.equal(
          engine.kind === 'postgres'
            ? [
                ['sha256', true],
                ['archive', true],
                ['restore', true],
                ['catalog-hash', true],
                ['row-counts', true],
              ]
            : [
                ['sha256', true],
                ['restore', true],
                ['catalog-hash', true],
                ['row-counts', true],
              ],
        );
        expect((await counts(db))['app.users']).to.equal(121);
      } finally {
        await db.close();
      }
    });

    it('--verify catches a corrupted file: sha256 mismatch, and an archive that cannot be restored', async () => {
      const db = await withStart();
      try {
        const { file } = await createBackup(db, { dir });
        const size = readFileSync(file).length;
        flipByte(file, Math.floor(size / 2));
        const bad = await verifyBackup(file, db.url);
        expect(bad.ok).to.equal(false);
        expect(bad.checks.map((c) => [c.check, c.ok])).to.deep.equal([['sha256', false]]);
        // The same damage with a sidecar that agrees: the restore itself must fail and be reported.
        writeFileSync(file, readFileSync(file).subarray(0, Math.floor(size / 2)));
        const meta = readSidecar(file);
        writeFileSync(sidecarPath(file), JSON.stringify({ ...meta, sha256: await fileSha256(file) }));
        const broken = await verifyBackup(file, db.url);
        expect(broken.ok).to.equal(false);
        expect(broken.checks.find((c) => c.ok === false)!.check).to.be.oneOf(['archive', 'restore']);
      } finally {
        await db.close();
      }
    });

    it('prune keeps exactly N (newest), never deletes a file without its sidecar, and --dry-run deletes nothing', () => {
      // Engine-independent: sidecars are written by hand with known times.
      const at = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
      for (let i = 0; i < 5; i++) {
        const name = `db-${i}.dump`;
        writeFileSync(join(dir, name), `dump ${i}`);
        writeFileSync(
          sidecarPath(join(dir, name)),
          JSON.stringify({ format: 'schemakit-backup/1', file: name, kind: 'full', only: null, createdAt: at(i), tables: [] } as Partial<BackupMeta>),
        );
      }
      writeFileSync(join(dir, 'orphan.dump'), 'no sidecar');
      expect(listBackups(dir).map((b) => b.meta.file)).to.deep.equal(['db-4.dump', 'db-3.dump', 'db-2.dump', 'db-1.dump', 'db-0.dump']);
      const dry = pruneBackups(dir, { keep: 2, dryRun: true });
      expect(dry.removed.length).to.equal(3);
      expect(readdirSync(dir).length).to.equal(11);
      const r = pruneBackups(dir, { keep: 2 });
      expect(r.kept.map((b) => b.meta.file)).to.deep.equal(['db-4.dump', 'db-3.dump']);
      expect(readdirSync(dir).sort()).to.deep.equal(['db-3.dump', 'db-3.dump.json', 'db-4.dump', 'db-4.dump.json', 'orphan.dump']);
      const old = pruneBackups(dir, { olderThanMs: 86_400_000, now: new Date(Date.UTC(2026, 0, 5, 12)) });
      expect(old.removed.map((b) => b.meta.file)).to.deep.equal(['db-3.dump']);
      expect(() => pruneBackups(dir, {})).to.throw(SchemakitError, /--keep N or --older-than/);
    });

    if (engine.kind === 'pglite') {
      it('refuses server-only options (the embedded engine archives its whole data directory; no per-table restore)', async () => {
        const db = await withStart();
        try {
          for (const o of [{ kind: 'schema-only' as const }, { tables: ['app.users'] }, { compress: 3 }]) {
            const err = await createBackup(db, { dir, ...o }).then(
              () => null,
              (e: Error) => e,
            );
            expect(err?.message).to.match(/embedded engine backs up its whole data directory/);
          }
          const { file } = await createBackup(db, { dir });
          const err = await restoreTables(file, 'postgres://root@127.0.0.1:5432/postgres', ['app.users']).then(
            () => null,
            (e: Error) => e,
          );
          expect(err?.message).to.match(/embedded-database backup/);
        } finally {
          await db.close();
        }
      });
      return;
    }

    it('round-trips a schema-only backup (catalog, no rows) and verifies it', async () => {
      const db = await withStart();
      try {
        const { file, meta } = await createBackup(db, { dir, kind: 'schema-only' });
        expect(meta.tables.every((t) => t.rows === null)).to.equal(true);
        await db.exec('DROP SCHEMA app CASCADE');
        await restoreBackup(file, { url: db.url! });
        expect((await describeDatabase(db)).hash).to.equal(meta.catalogHash);
        expect(await counts(db)).to.deep.equal({ 'app.orders': 0, 'app.users': 0 });
        expect((await verifyBackup(file, db.url)).ok).to.equal(true);
      } finally {
        await db.close();
      }
    });

    it('round-trips a data-only backup into the emptied tables with pg_restore; --verify reads its archive only', async () => {
      const db = await withStart();
      try {
        const { file, meta } = await createBackup(db, { dir, kind: 'data-only', compress: 9 });
        expect(meta.compress).to.equal(9);
        await db.exec('TRUNCATE app.orders, app.users');
        // schemakit restore replaces the whole database, which a data-only archive cannot rebuild: pg_restore --data-only it.
        await runPgProgram('pg_restore', ['--data-only', '--single-transaction', `--dbname=${db.url}`, file], childConnection(db.url!).env, (d) => d, 'x');
        expect(await counts(db)).to.deep.equal({ 'app.orders': 300, 'app.users': 120 });
        const v = await verifyBackup(file, db.url);
        expect(v.ok).to.equal(true);
        expect(v.checks.map((c) => [c.check, c.ok])).to.deep.equal([
          ['sha256', true],
          ['archive', true],
          ['restore', null],
        ]);
      } finally {
        await db.close();
      }
    });

    it('round-trips a --table backup through restore --table', async () => {
      const db = await withStart();
      try {
        const { file, meta } = await createBackup(db, { dir, tables: ['app.users'] });
        expect(meta.only).to.deep.equal(['app.users']);
        expect(meta.tables.map((t) => t.name)).to.deep.equal(['app.users']);
        await db.exec('DROP TABLE app.orders; DROP TABLE app.users');
        await restoreTables(file, db.url!, ['app.users']);
        expect((await counts(db))['app.users']).to.equal(120);
        expect((await verifyBackup(file, db.url)).ok).to.equal(true);
      } finally {
        await db.close();
      }
    });

    it('restores one table alone from a full backup (indexes, constraints, sequence) in one transaction, refusing an existing one unless replace', async () => {
      const db = await withStart();
      try {
        const { file } = await createBackup(db, { dir });
        await db.exec("INSERT INTO app.users (email) VALUES ('kept@x')");
        const err = await restoreTables(file, db.url!, ['app.orders']).then(
          () => null,
          (e: Error) => e,
        );
        expect(err?.message).to.match(/app\.orders already exists .* --replace.*not changed/);
        await db.exec('DROP TABLE app.orders');
        await restoreTables(file, db.url!, ['app.orders']);
        expect(await counts(db)).to.deep.equal({ 'app.orders': 300, 'app.users': 121 });
        const cons = await db.query<{ c: string }>("SELECT conname AS c FROM pg_constraint WHERE conrelid = 'app.orders'::regclass ORDER BY 1");
        expect(cons.map((c) => c.c)).to.deep.equal(['orders_pkey', 'orders_user_id_fkey']);
        await db.exec('INSERT INTO app.orders (user_id) VALUES (1)');
        expect((await queryRow<{ m: number }>(db, 'SELECT max(id) AS m FROM app.orders')).m).to.equal(301);
        await db.exec('DELETE FROM app.orders WHERE id > 100');
        await restoreTables(
          file,
          db.url!,
          ['orders'].map((t) => `app.${t}`),
          { replace: true },
        );
        expect((await counts(db))['app.orders']).to.equal(300);
        // users is referenced by orders: DROP is refused by PostgreSQL and the transaction leaves users as it was.
        const refused = await restoreTables(file, db.url!, ['app.users'], { replace: true }).then(
          () => null,
          (e: Error) => e,
        );
        expect(refused?.message).to.match(/rolled back.*cannot drop table/s);
        expect((await counts(db))['app.users']).to.equal(121);
        const none = await restoreTables(file, db.url!, ['app.nope']).then(
          () => null,
          (e: Error) => e,
        );
        expect(none?.message).to.match(/holds no table app\.nope/);
      } finally {
        await db.close();
      }
    });

    it("picks the table's entries from the archive's table of contents", () => {
      const toc = [
        '; comment',
        '220; 1259 16390 TABLE app users root',
        '221; 1259 16389 SEQUENCE app users_id_seq root',
        '222; 0 16390 TABLE DATA app users root',
        '223; 2606 16395 CONSTRAINT app users users_pkey root',
        '224; 1259 16400 INDEX app users_lower_email root',
        '225; 1259 16401 TABLE app users_archive root',
        '226; 2604 16402 DEFAULT app users id root',
        '227; 2606 16403 FK CONSTRAINT app orders orders_user_id_fkey root',
      ].join('\n');
      expect(
        tocEntriesOf(toc, [{ name: 'app.users', rows: 1, estimatedRows: 1, indexes: ['users_lower_email'], sequences: ['users_id_seq'] }]).map(
          (l) => l.split(';')[0],
        ),
      ).to.deep.equal(['220', '221', '222', '223', '224', '226']);
    });

    it("never puts the password on pg_dump's command line", async () => {
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'pg_dump'), `#!/bin/sh\necho "$@" > "${bin}/argv"\necho "pw=$PGPASSWORD" > "${bin}/env"\nexit 1\n`);
      chmodSync(join(bin, 'pg_dump'), 0o755);
      const db = await connectPostgres('postgres://root:s3cret-pw@127.0.0.1:5432/postgres');
      const path = process.env.PATH;
      process.env.PATH = `${bin}:${path}`;
      try {
        const err = await createBackup(db, { dir: join(dir, 'out') }).then(
          () => null,
          (e: Error) => e,
        );
        expect(err).to.be.instanceOf(SchemakitError);
      } finally {
        process.env.PATH = path;
        await db.close();
      }
      expect(readFileSync(join(bin, 'argv'), 'utf8'))
        .to.contain('--dbname=postgres://root@127.0.0.1:5432/postgres')
        .and.not.contain('s3cret-pw');
      expect(readFileSync(join(bin, 'env'), 'utf8').trim()).to.equal('pw=s3cret-pw');
      expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : []).to.deep.equal([]);
    });

    it('CLI: --json shapes of backup, backup list, backup prune and restore --verify; bad input exits 1 naming the problem', async () => {
      const db = await withStart();
      try {
        const url = db.url!;
        const cli = (...args: string[]) => runCli(args, { cwd: dir });
        const b = await cli('backup', '--url', url, '--out', 'bk', '--json');
        expect(b.code, b.stderr).to.equal(0);
        const meta = JSON.parse(b.stdout);
        expect(meta).to.include.keys(
          'path',
          'sidecar',
          'kind',
          'catalogHash',
          'sha256',
          'bytes',
          'tables',
          'migrationHead',
          'serverVersion',
          'schemakitVersion',
        );
        await cli('backup', '--url', url, '--out', 'bk', '--schema-only');
        const l = await cli('backup', 'list', '--out', 'bk', '--json');
        const list = JSON.parse(l.stdout);
        expect(list.backups.map((x: { kind: string }) => x.kind)).to.deep.equal(['schema-only', 'full']);
        expect(list.backups[1]).to.include({ rows: 420, tables: 2 });
        const v = await cli('restore', meta.path, '--verify', '--url', url, '--json');
        expect(v.code, v.stderr).to.equal(0);
        expect(JSON.parse(v.stdout)).to.include({ ok: true });
        const p = await cli('backup', 'prune', '--out', 'bk', '--keep', '1', '--json');
        expect(JSON.parse(p.stdout).removed.map((x: { file: string }) => x.file)).to.deep.equal([meta.path]);
        for (const [args, msg] of [
          [['backup', '--url', url, '--schema-only', '--data-only'], /exclude each other/],
          [['backup', '--url', url, '--compress', '12'], /--compress must be an integer from 0 to 9/],
          [['backup', '--url', url, '--table', 'app.nope'], /no table matches --table app\.nope|pg_dump failed/],
          [['backup', 'prune', '--out', 'bk'], /--keep N or --older-than/],
          [['backup', 'prune', '--out', 'bk', '--older-than', 'soon'], /not an age like 30d/],
          [['restore', join(dir, 'missing.dump'), '--verify', '--url', url], /does not exist/],
          [['restore', meta.path, '--replace', '--url', url], /--replace goes with --table/],
        ] as const) {
          const r = await cli(...args);
          expect(r.code, args.join(' ')).to.equal(1);
          expect(r.stderr, args.join(' ')).to.match(msg);
          expect(r.stdout).to.equal('');
        }
      } finally {
        await db.close();
      }
    });
  });
}
