import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openPglite, pgliteStatePath, restoreBackup, unchangedPgliteState } from '../../src/db';
import { takeBackup } from '../../src/backup';

/**
 * The stamp of an embedded data directory (db/pglite-state.ts) tells its state without starting PGlite. The
 * embedded engine only: a server has no data directory of ours (plan always reads it).
 */
describe('db: the state of a closed embedded data directory, known without starting it (pglite-18 only)', function () {
  this.timeout(300_000);
  let work: string;
  let dir: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'schemakit-pglite-state-'));
    dir = join(work, 'pglite');
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const openClose = async (sql?: string) => {
    const db = await openPglite({ dataDir: dir, extensions: [] });
    try {
      if (sql) await db.exec(sql);
    } finally {
      await db.close();
    }
  };

  it('a clean close stamps it; reading keeps the state, a write through schemakit changes it, opening removes the stamp', async () => {
    await openClose('CREATE TABLE public.a (id integer)');
    const first = await unchangedPgliteState(dir);
    expect(first).to.be.a('string');
    await openClose(); // read only: same state
    expect(await unchangedPgliteState(dir)).to.equal(first);
    await openClose('INSERT INTO public.a VALUES (1)');
    const afterWrite = await unchangedPgliteState(dir);
    expect(afterWrite).to.be.a('string').and.not.equal(first);
    // While a process has it open, it has no stamp (a crash then leaves none).
    const db = await openPglite({ dataDir: dir, extensions: [] });
    try {
      expect(existsSync(pgliteStatePath(dir))).to.equal(false);
    } finally {
      await db.close();
    }
    expect(await unchangedPgliteState(dir)).to.equal(afterWrite);
  });

  it('another program that opens the directory (not through schemakit) voids the stamp', async () => {
    await openClose('CREATE TABLE public.a (id integer)');
    expect(await unchangedPgliteState(dir)).to.be.a('string');
    const pg = await PGlite.create({ dataDir: dir });
    await pg.exec('CREATE TABLE public.b (id integer)');
    await pg.close();
    expect(existsSync(pgliteStatePath(dir))).to.equal(true); // it left the stamp: the fingerprint tells
    expect(await unchangedPgliteState(dir)).to.equal(null);
  });

  it('a restore replaces the directory: no known state until it is opened again', async () => {
    const db = await openPglite({ dataDir: dir, extensions: [] });
    let file: string;
    try {
      await db.exec('CREATE TABLE public.a (id integer)');
      file = (await takeBackup(db, join(work, 'backups'))).file;
    } finally {
      await db.close();
    }
    expect(await unchangedPgliteState(dir)).to.be.a('string');
    await restoreBackup(file, { pgliteDir: dir });
    expect(await unchangedPgliteState(dir)).to.equal(null);
  });
});
