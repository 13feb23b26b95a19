import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { c, check, collectDeclarations, schema, sql, table } from '../../src/declare';
import { prepareReferenceData } from '../../src/pipeline';
import { formatProblem } from '../../src/util';
import { engines, useFreshDb } from '../support/engines';

/** Built-in types only: the rows are checked in the target's own session (no scratch database for them). */
function declared() {
  const g = schema('gc');
  const kind = table(g, 'kind', {
    columns: { code: c.text().primaryKey(), weight: c.integer() },
    checks: (t) => [check('kind_code_lower', sql`${t.code} ~ '^[a-z]+$'`)],
  });
  const thing = table(g, 'thing', { columns: { id: c.integer().primaryKey(), kind: c.text().references(() => kind.columns.code) } });
  return collectDeclarations([{ g, kind, thing }]);
}

/**
 * A row that refers to a rejected row of another file reports that row as the cause, not "not found":
 * one root cause per mistake. A value no file has stays "not found".
 */
for (const engine of engines) {
  describe(`data: problems caused by a rejected row (${engine.name})`, function () {
    this.timeout(60_000);
    const db = useFreshDb(engine);

    it('a reference to a rejected row names that row; a missing one is still not found', async () => {
      const root = mkdtempSync(join(tmpdir(), 'schemakit-data-cascade-'));
      mkdirSync(join(root, 'data', 'gc'), { recursive: true });
      writeFileSync(join(root, 'data', 'gc', 'kind.csv'), 'code,weight\nok,1\nBAD,2\nfine,x\n');
      writeFileSync(join(root, 'data', 'gc', 'thing.csv'), 'id,kind\n1,ok\n2,BAD\n3,fine\n4,nope\n');
      const problems = (await prepareReferenceData(declared(), db(), { root })).problems.map(formatProblem);
      rmSync(root, { recursive: true, force: true });
      expect(problems).to.have.length(5);
      expect(problems[0]).to.match(/^data\/gc\/kind\.csv:3:1: column "code": "BAD" does not match CHECK kind_code_lower/);
      expect(problems[1]).to.match(/^data\/gc\/kind\.csv:4:2: column "weight": "x" is not a valid integer/);
      expect(problems.slice(2)).to.deep.equal([
        'data/gc/thing.csv:3:2: column "kind": "BAD" refers to the row on data/gc/kind.csv:3, which is invalid (its problem is reported there) (FOREIGN KEY thing_kind_fkey)',
        'data/gc/thing.csv:4:2: column "kind": "fine" refers to the row on data/gc/kind.csv:4, which is invalid (its problem is reported there) (FOREIGN KEY thing_kind_fkey)',
        'data/gc/thing.csv:5:2: column "kind": "nope" not found in gc.kind (code) (FOREIGN KEY thing_kind_fkey)',
      ]);
    });
  });
}
