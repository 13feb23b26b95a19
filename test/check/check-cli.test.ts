import { expect } from 'chai';
import { expectExit, useCliTarget } from '../cli/cli-target';
import { runCli } from '../cli/run-cli';
import { engine } from '../support/engines';
import { queryRow } from '../../src/db';

const schema = (unique: boolean) => ({
  'people.ts': `import { table, c, expect, dataCheck${unique ? ', unique' : ''} } from 'schemakit';

export const people = table('people', {
  naturalKey: ['email'],
  columns: { id: c.integer().primaryKey(), email: c.text().notNull(), created_at: c.timestamptz() },${
    unique
      ? `
  uniques: (t) => [unique('people_email_key', [t.email])],`
      : ''
  }
});

export const visits = table('visits', {
  columns: { id: c.integer().primaryKey(), person_id: c.integer().references(() => people.columns.id), page_id: c.integer().references(() => people.columns.id, { enforced: false }) },
});

export const peopleOk = expect(people).rows('>', 0).noEmptyStrings('email');
`,
});

// The issue's "done when" as one CLI scenario: check names each problem, dedupe merges, the unique constraint then
// applies. On the server only: seven CLI runs each starting embedded PGlite exceed several minutes on a loaded machine;
// test/check/check.test.ts and dedupe.test.ts cover PGlite through the library.
const pg = engine('postgres');
if (pg) {
  describe('schemakit check / dedupe (CLI, postgres-15)', function () {
    this.timeout(240_000);
    const target = useCliTarget(pg, schema(false), 'schemakit-check-');
    const run = (args: string[]) => runCli(args, { cwd: target().project.dir, timeoutMs: 120_000 });

    it('check finds orphans, duplicates and empty strings; dedupe merges them; the refused unique constraint then applies', async () => {
      const t = target();
      expectExit(await run(['apply', '--yes', ...t.urlArgs]), 0);
      await t.onTarget((db) =>
        db.exec(`INSERT INTO people VALUES (1, 'a@x', '2020-01-01'), (2, 'a@x', '2024-01-01'), (3, '', '2020-01-01'), (4, 'b@x', NULL);
        INSERT INTO visits VALUES (10, 1, 4), (11, 1, 77), (12, 2, NULL), (13, 3, 78);`),
      );

      const c = await run(['check', '--json', ...t.urlArgs]);
      expectExit(c, 1);
      const report = JSON.parse(c.stdout);
      expect(Object.keys(report)).to.deep.equal(['database', 'engine', 'readOnly', 'checked', 'findings', 'skipped']);
      expect(report.readOnly).to.equal(true);
      expect(
        report.findings.map((f: { kind: string; count: number; samples: string[]; location: string }) => [
          f.kind,
          f.count,
          f.samples,
          /^schema\/people\.ts:\d+$/.test(f.location),
        ]),
      ).to.deep.equal([
        ['orphans', 2, ['11', '13'], true],
        ['duplicate-natural-key', 1, ['a@x'], true],
        ['empty-strings', 1, ['3'], true],
      ]);
      expect(Object.keys(report.findings[0])).to.deep.equal(['kind', 'object', 'count', 'samples', 'message', 'location', 'fix']);
      const text = await run(['check', ...t.urlArgs]);
      expectExit(text, 1);
      expect(text.stdout).to.include('natural key (email) of public.people: 1 duplicate group (2 rows)');

      t.project.writeSchema(schema(true));
      const refused = await run(['apply', '--yes', ...t.urlArgs]);
      expectExit(refused, 1);
      expect(refused.stderr).to.include('clear them with: schemakit dedupe public.people --key email --keep most-complete');

      const dry = await run(['dedupe', 'public.people', '--key', 'email', '--keep', 'newest:created_at', '--json', ...t.urlArgs]);
      expectExit(dry, 0);
      const d = JSON.parse(dry.stdout);
      expect(Object.keys(d)).to.deep.equal(['table', 'key', 'keep', 'groups', 'losers', 'samples', 'references', 'dryRun', 'changed', 'backup']);
      expect([d.groups, d.losers, d.samples, d.dryRun]).to.deep.equal([1, 1, [{ key: 'a@x', survivor: '2', losers: ['1'] }], true]);

      const merged = await run(['dedupe', 'public.people', '--key', 'email', '--keep', 'newest:created_at', '--yes', ...t.urlArgs]);
      expectExit(merged, 0);
      expect(merged.stdout).to.include('public.visits: 2 re-pointed, 0 deleted');
      expect(merged.stdout).to.include('public.people: 0 re-pointed, 1 deleted');
      expect(
        await t.onTarget(async (db) => (await queryRow<{ v: string }>(db, `SELECT string_agg(id || ':' || person_id, ' ' ORDER BY id) AS v FROM visits`)).v),
      ).to.equal('10:2 11:2 12:2 13:3');

      expectExit(await run(['apply', '--yes', ...t.urlArgs]), 0);
      const bad = await run(['dedupe', 'people', '--key', 'email', '--keep', 'latest', ...t.urlArgs]);
      expectExit(bad, 1);
      expect(bad.stderr).to.include('--keep "latest" is not a strategy');
    });
  });
}
