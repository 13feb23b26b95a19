import { expect } from 'chai';
import { engines } from '../support/engines';
import { expectExit, useCliTarget } from './cli-target';
import { describeRun, runCli } from './run-cli';
import { shop, shopWith } from './schemas';
import { present } from '../support/present';

/** Issue 10 item 18: what apply says is true — each refused hazard once, no "one transaction" when online. */
for (const engine of engines) {
  describe(`cli apply messages on ${engine.name}`, function () {
    this.timeout(900_000);
    const target = useCliTarget(engine, shop);

    it('the deletes-data refusal lists each hazard once; --online does not claim one transaction', async () => {
      const { project, urlArgs } = target();
      expectExit(await runCli(['apply', '--yes', ...urlArgs], { cwd: project.dir, timeoutMs: 280_000 }), 0);

      project.writeSchema(shopWith({ 'notes.ts': null }));
      const refused = await runCli(['apply', '--yes', ...urlArgs], { cwd: project.dir, timeoutMs: 280_000 });
      expectExit(refused, 1);
      const lines = refused.stderr.split('\n').filter((l) => l.includes('[deletes-data]') || /^ {2}step \d+:/.test(l));
      expect(lines.length, describeRun(refused)).to.be.greaterThan(0);
      const hazardLines = refused.stderr.split('\n').filter((l) => /step \d+: .*shop\.notes/.test(l));
      expect(new Set(hazardLines.map((l) => l.replace(/^.*?step/, 'step'))).size, describeRun(refused)).to.equal(hazardLines.length);

      project.writeSchema(
        shopWith({
          'notes.ts': present(shop['notes.ts']).replace(
            'columns: { id: c.integer().primaryKey(), body: c.text() },',
            "columns: { id: c.integer().primaryKey(), body: c.text() },\n  indexes: (t) => [index('notes_body_idx').on(t.body)],",
          ),
        }),
      );
      const online = await runCli(['apply', '--yes', '--online', ...urlArgs], { cwd: project.dir, timeoutMs: 280_000 });
      expectExit(online, 0);
      expect(online.stdout, describeRun(online)).to.match(/outside any transaction/);
      expect(online.stdout).not.to.contain('in one transaction (');
    });
  });
}
