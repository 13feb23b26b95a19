import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, defaultAdminUrl, openPglite, type Db } from '../../src/db';
import { introspect } from '../../src/introspect';
import { introspectCached } from '../../src/pipeline/introspect-cache';
import { present } from '../support/present';

/** Only the embedded engine keeps an introspection: a data directory no other process can change meanwhile. */
describe("pipeline: the embedded target's introspection is cached until its catalogs change (pglite-18; a server is always read)", function () {
  this.timeout(180_000);
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'schemakit-introspect-cache-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const entries = (cacheDir: string) => readdirSync(cacheDir).filter((f) => f.startsWith('introspected-'));
  const tables = async (db: Db, cacheDir: string) => (await introspectCached(db, {}, cacheDir)).tables.map((t) => `${t.schema}.${t.name}`);

  it('answers from the cache while nothing changed; DDL, or a data directory made again, reads it anew', async () => {
    const dataDir = join(work, 'pglite');
    const cacheDir = join(work, 'cache');
    let db = await openPglite({ dataDir });
    try {
      await db.exec('CREATE TABLE public.a (id integer PRIMARY KEY)');
      expect(await introspectCached(db, {}, cacheDir)).to.deep.equal(await introspect(db));
      expect(entries(cacheDir)).to.have.length(1);
      // Reading (introspect itself included) takes no transaction id: the next call is the cached one.
      const [file] = entries(cacheDir);
      writeFileSync(join(cacheDir, present(file)), JSON.stringify({ ...(await introspect(db)), tables: [] }));
      expect(await tables(db, cacheDir)).to.deep.equal([]);
      await db.exec('CREATE TABLE public.b (id integer)');
      expect(await tables(db, cacheDir)).to.deep.equal(['public.a', 'public.b']);
    } finally {
      await db.close();
    }
    // The same directory made again, with the same number of transactions: another identity.
    rmSync(dataDir, { recursive: true, force: true });
    db = await openPglite({ dataDir });
    try {
      await db.exec('CREATE TABLE public.c (id integer PRIMARY KEY)');
      await db.exec('CREATE TABLE public.d (id integer)');
      expect(await tables(db, cacheDir)).to.deep.equal(['public.c', 'public.d']);
    } finally {
      await db.close();
    }
  });

  it('a server (postgres-15) is introspected every time', async () => {
    const cacheDir = join(work, 'cache');
    const server = await connectPostgres(defaultAdminUrl());
    try {
      await introspectCached(server, {}, cacheDir);
    } finally {
      await server.close();
    }
    expect(() => readdirSync(cacheDir)).to.throw();
  });
});
