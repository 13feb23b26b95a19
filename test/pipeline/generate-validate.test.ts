import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAdminUrl } from '../../src/db';
import { introspect } from '../../src/introspect';
import { noRenames } from '../../src/model';
import { generateMigration } from '../../src/pipeline';
import { SchemakitError } from '../../src/util';
import { engines } from '../support/engines';

const FIRST = `CREATE TABLE public.notes (id integer PRIMARY KEY, body text);
INSERT INTO public.notes VALUES (1, 'seeded by the migration');`;

/**
 * `generate` validates its plan as `apply` does (issue 9), on the state the existing migration files replay
 * to: the outcome is part of the result, and a plan that fails there (here: a NOT NULL column without a
 * default added to a table the files seed with a row) is refused with `plan-invalid`, nothing written.
 */
for (const engine of engines) {
  describe(`generate validates its plan (${engine.name})`, function () {
    this.timeout(180_000);
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'schemakit-generate-'));
      mkdirSync(join(dir, '20240101000000_first'));
      writeFileSync(join(dir, '20240101000000_first', 'up.sql'), FIRST);
      writeFileSync(join(dir, '20240101000000_first', 'down.sql'), 'DROP TABLE public.notes;');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const replay = engine.kind === 'postgres' ? { devUrl: defaultAdminUrl() } : {};

    async function declaredFrom(sql: string) {
      const db = await engine.fresh();
      try {
        await db.exec(sql);
        return { catalog: await introspect(db), renames: noRenames, locations: new Map<string, string>() };
      } finally {
        await db.close();
      }
    }

    it('a plan that reaches the declarations is written with its validation', async () => {
      const declared = await declaredFrom('CREATE TABLE public.notes (id integer PRIMARY KEY, body text, title text);');
      const r = await generateMigration(declared, { name: 'title', dir, root: dir, replay, now: new Date('2024-02-01T00:00:00Z') });
      expect(r.written).to.be.a('string');
      expect(r.validation?.outcome).to.equal('converges');
      expect(r.validation?.durationMs).to.be.a('number');
    });

    it('a plan that fails on the replayed state is refused (plan-invalid) and nothing is written', async () => {
      const declared = await declaredFrom('CREATE TABLE public.notes (id integer PRIMARY KEY, body text, title text NOT NULL);');
      let error: unknown = null;
      try {
        await generateMigration(declared, { name: 'title', dir, root: dir, replay, now: new Date('2024-02-01T00:00:00Z') });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(SchemakitError);
      expect((error as SchemakitError).code).to.equal('plan-invalid');
      expect((error as Error).message).to.contain('fails on the state the migration files replay to');
      expect((error as Error).message).to.contain('title');
      expect(readdirSync(dir)).to.deep.equal(['20240101000000_first']);
      expect(existsSync(join(dir, '20240201000000_title'))).to.equal(false);
    });
  });
}
