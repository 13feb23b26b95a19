import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackup, listBackups, restoreDatabase, sidecarPath } from '../../src/backup';
import { createTempDatabase, openPglite, type Db, type TempDatabase, queryRow } from '../../src/db';
import { SchemakitError } from '../../src/util';
import { engine, engines } from '../support/engines';
import { describeRun, makeProject, runCli, type CliResult, type Project } from '../cli/run-cli';
import { shop } from '../cli/schemas';
import { present } from '../support/present';

const flipByte = (file: string, at: number) => {
  const b = readFileSync(file);
  b[at] = present(b[at]) ^ 0xff;
  writeFileSync(file, b);
};

const rows = async (db: Db) => (await queryRow<{ n: number }>(db, 'SELECT count(*)::int AS n FROM app.t')).n;

/** A plain `restore FILE` checks the file against its sidecar's sha256 before it touches the target. */
for (const e of engines) {
  describe(`restore checks the sidecar first (${e.name})`, function () {
    this.timeout(120_000);
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'schemakit-bkpol-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const open = () => (e.kind === 'postgres' ? e.fresh() : openPglite({ dataDir: join(dir, 'db'), extensions: [] }));
    const target = (db: Db) => (e.kind === 'postgres' ? { url: db.url! } : { pgliteDir: join(dir, 'db') });

    it('refuses a file whose sha256 differs from its sidecar, leaving the target as it was; without a sidecar it restores', async () => {
      let db = await open();
      // PGlite keeps its data directory to itself: it is closed while restore works on the directory.
      const release = async () => {
        if (e.kind === 'pglite') await db.close();
      };
      const reacquire = async () => {
        if (e.kind === 'pglite') db = await open();
      };
      try {
        await db.exec('CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY); INSERT INTO app.t SELECT generate_series(1, 50)');
        const { file } = await createBackup(db, { dir: join(dir, 'bk') });
        await db.exec('INSERT INTO app.t SELECT generate_series(51, 60)');
        await release();
        flipByte(file, 200);
        const err = await restoreDatabase(file, target(db)).then(
          () => null,
          (x: Error) => x,
        );
        expect(err).to.be.instanceOf(SchemakitError);
        expect((err as SchemakitError).code).to.equal('bad-backup');
        expect(err!.message).to.match(
          / is corrupted: its sha256 is [0-9a-f]{64}, its sidecar .*\.json says [0-9a-f]{64} .*Nothing was restored: the target was not changed\./,
        );
        expect(err!.message).to.contain(file);
        await reacquire();
        expect(await rows(db)).to.equal(60);
        // Without its sidecar (a backup from before sidecars) there is nothing to check against: it is restored.
        flipByte(file, 200);
        rmSync(sidecarPath(file));
        await release();
        await restoreDatabase(file, target(db));
        await reacquire();
        expect(await rows(db)).to.equal(50);
      } finally {
        await db.close();
      }
    });
  });
}

const expectExit = (r: CliResult, code: number) => expect(r.code, describeRun(r)).to.equal(code);

/** The CLI side (server only: each run of the binary on the embedded engine costs a PGlite start, and the logic is the same). */
const server = engine('postgres');
(server ? describe : describe.skip)('backup policies and restore checks through the CLI (postgres-15)', function () {
  this.timeout(240_000);
  let project: Project;
  let t: TempDatabase;
  beforeEach(async () => {
    project = makeProject(shop, 'schemakit-bkpol-cli-');
    t = await createTempDatabase(undefined, 'schemakit_cli');
  });
  afterEach(async () => {
    project.remove();
    await t.dispose();
  });

  const migration = (id: string, up: string) => {
    mkdirSync(join(project.dir, 'generated', 'migrations', id), { recursive: true });
    writeFileSync(join(project.dir, 'generated', 'migrations', id, 'up.sql'), up);
  };

  it('requireBackup { before: [migrate], keep: 2 }: migrate up backs up with a sidecar and keeps the newest 2; restore refuses a corrupted one', async () => {
    writeFileSync(
      join(project.dir, 'schemakit.yaml'),
      `envs:\n  prod:\n    url: ${t.db.url}\n    policy:\n      requireBackup:\n        dir: bk\n        before: [migrate]\n        keep: 2\n`,
    );
    const cli = (...args: string[]) => runCli(args, { cwd: project.dir });
    for (let i = 1; i <= 3; i++) {
      migration(`2026010${i}000000_m${i}`, i === 1 ? 'CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY);\n' : `INSERT INTO app.t VALUES (${i});\n`);
      const up = await cli('migrate', 'up', '--env', 'prod');
      expectExit(up, 0);
      expect(up.stderr).to.match(/Backed up .* to .*bk\/.*-full\.dump \(.*metadata in .*\.json\); undo with: schemakit restore /);
      if (i === 3) expect(up.stderr).to.contain('Deleted 1 older backup(s) of');
    }
    const kept = listBackups(join(project.dir, 'bk'));
    expect(kept.map((b) => b.meta.migrationHead?.version)).to.deep.equal(['20260102000000', '20260101000000']);
    expect(readdirSync(join(project.dir, 'bk'))).to.have.length(4);

    const newest = present(kept[0]).file;
    flipByte(newest, 300);
    const refused = await cli('restore', newest, '--url', t.db.url!, '--yes');
    expectExit(refused, 1);
    expect(refused.stderr).to.match(
      /is corrupted: its sha256 is [0-9a-f]{64}, its sidecar .* says [0-9a-f]{64}.*Nothing was restored: the target was not changed/,
    );
    expect((await t.db.query('SELECT id FROM app.t ORDER BY id')).map((r) => r.id)).to.deep.equal([2, 3]);
    // The intact older one (taken before 2 was inserted) restores.
    expectExit(await cli('restore', present(kept[1]).file, '--url', t.db.url!, '--yes'), 0);
    expect((await t.db.query('SELECT id FROM app.t ORDER BY id')).map((r) => r.id)).to.deep.equal([]);
  });
});
