import { expect } from 'chai';
import { renameIdentifierInSql, renameQualifiedInSql } from '../../src/diff';
import { renameRegconfigInSql } from '../../src/diff/rename-sql';

/** Renames inside expressions go by lexemes: whole names and constants, never text inside strings or comments. */
describe('rename-sql', () => {
  const cases: [string, (sql: string) => string, string, string][] = [
    ['identifier', (s) => renameIdentifierInSql(s, 'old', 'new'), "old + old_x + 'old' /* old */", "new + old_x + 'old' /* old */"],
    ['qualified', (s) => renameQualifiedInSql(s, 'public', 'mood', 'feeling'), "'x'::public.mood, mood, other.mood", "'x'::public.feeling, mood, other.mood"],
    [
      'regconfig constant',
      (s) => renameRegconfigInSql(s, 'public', 'cfg', 'cfg2'),
      "to_tsvector('public.cfg'::regconfig, body) || 'public.cfg' || 'say ''public.cfg''::regconfig'",
      "to_tsvector('public.cfg2'::regconfig, body) || 'public.cfg' || 'say ''public.cfg''::regconfig'",
    ],
    ['regconfig of a quoted name', (s) => renameRegconfigInSql(s, 'app', 'Cfg', 'cfg'), `'app."Cfg"'::regconfig`, `'app.cfg'::regconfig`],
  ];
  for (const [name, rename, sql, expected] of cases) it(name, () => expect(rename(sql)).to.equal(expected));
});
