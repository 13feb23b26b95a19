import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitStatements } from '../../src/sql';
import { lexSql, quotedName, sqlTokens, stringValue } from '../../src/util';
import { checkGolden } from '../support/golden';
import { present } from '../support/present';

/**
 * Golden cases of the one SQL lexer (as Atlas's sql/migrate/testdata/lex): each `test/sql/lex/NAME.sql`
 * has `NAME.lex` listing its lexemes (depth, kind, text; spaces left out) and the statements
 * splitStatements cuts it into. DB-free.
 */
const dir = join(__dirname, '..', '..', '..', 'test', 'sql', 'lex');

function render(sql: string): string {
  const lexemes = lexSql(sql)
    .filter((l) => l.kind !== 'space')
    .map((l) => `${l.depth} ${l.kind} ${JSON.stringify(l.text)}`);
  const statements = splitStatements(sql).map((s) => `${s.line}: ${JSON.stringify(s.sql)}`);
  return [...lexemes, '-- statements', ...statements, ''].join('\n');
}

describe('SQL lexer', () => {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    it(`golden: ${file}`, () => {
      const sql = readFileSync(join(dir, file), 'utf8');
      expect(
        lexSql(sql)
          .map((l) => l.text)
          .join(''),
        'the lexemes give the input back',
      ).to.equal(sql);
      checkGolden(null, join(dir, file.replace(/\.sql$/, '.lex')), render(sql));
    });
  }

  const values: [string, string][] = [
    ["'plain'", 'plain'],
    ["'it''s'", "it's"],
    ["E'it\\'s'", "it's"],
    ["E'a\\\\b'", 'a\\b'],
    ["E'tab\\there'", 'tab\there'],
    ["E'q''q'", "q'q"],
    ["''", ''],
    ["'open", 'open'],
  ];
  for (const [text, value] of values) {
    it(`string value of ${text}`, () => {
      const t = present(sqlTokens(text)[0]);
      expect(t.kind).to.equal('string');
      expect(stringValue(present(t))).to.equal(value);
    });
  }

  const names: [string, string][] = [
    ['"a"', 'a'],
    ['"a""b"', 'a"b'],
    ['"My Table"', 'My Table'],
    ['""', ''],
  ];
  for (const [text, name] of names) {
    it(`quoted name of ${text}`, () => {
      const t = present(sqlTokens(text)[0]);
      expect(t.kind).to.equal('quoted');
      expect(quotedName(present(t))).to.equal(name);
    });
  }
});
