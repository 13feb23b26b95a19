import { expect } from 'chai';
import { ident, literal } from '../../src/sql';
import { engines } from '../support/engines';
import { present } from '../support/present';
import { queryRow } from '../../src/db';

for (const engine of engines) {
  describe(`sql/quote agrees with Postgres on ${engine.name}`, function () {
    this.timeout(120_000);
    it('ident() equals quote_ident() for every keyword and tricky names', async () => {
      const db = await engine.fresh();
      try {
        const words = (await db.query<{ word: string }>('SELECT word FROM pg_get_keywords()')).map((r) => r.word);
        const names = [...words, 'Users', 'a"b', 'first name', 'café', '日本', '1st', '_x', 'a$b', ''];
        const rows = await db.query<{ q: string }>('SELECT quote_ident(n) AS q FROM unnest($1::text[]) WITH ORDINALITY AS u(n, i) ORDER BY i', [names]);
        const mismatches = names.flatMap((n, i) => (ident(n) !== present(rows[i]).q ? [`${n}: ${ident(n)} vs ${present(rows[i]).q}`] : []));
        expect(mismatches).to.deep.equal([]);
      } finally {
        await db.close();
      }
    });
    it('literal() round-trips quotes, backslashes and unicode', async () => {
      const db = await engine.fresh();
      try {
        for (const s of ["it's", 'a\\b', "x\\'y", 'ünï 日本', '']) {
          const r = await queryRow<{ v: string }>(db, `SELECT ${literal(s)} AS v`);
          expect(r.v).to.equal(s);
        }
      } finally {
        await db.close();
      }
    });
  });
}
