import { expect } from 'chai';
import { splitStatements } from '../../src/migrate';
import { present } from '../support/present';

describe('splitStatements', () => {
  it('splits at top-level semicolons only, with lines and outside-transaction marks', () => {
    const text = [
      '-- header comment; with a semicolon',
      '',
      "INSERT INTO t VALUES ('a;b', E'it\\'s; ok', \"we;ird\");",
      '/* block /* nested; */ still comment; */',
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$;',
      'DO $$ BEGIN PERFORM 1; END $$;',
      '-- outside transaction',
      "ALTER TYPE s.e ADD VALUE IF NOT EXISTS 'x';",
      '-- schemakit:no-transaction',
      'CREATE INDEX CONCURRENTLY i ON t (a);',
      'SELECT $1;',
      '-- trailing comment only',
    ].join('\n');
    const s = splitStatements(text);
    expect(s.map((x) => x.sql)).to.deep.equal([
      "INSERT INTO t VALUES ('a;b', E'it\\'s; ok', \"we;ird\")",
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$',
      'DO $$ BEGIN PERFORM 1; END $$',
      "ALTER TYPE s.e ADD VALUE IF NOT EXISTS 'x'",
      'CREATE INDEX CONCURRENTLY i ON t (a)',
      'SELECT $1',
    ]);
    expect(s.map((x) => x.line)).to.deep.equal([3, 5, 6, 8, 10, 11]);
    expect(s.map((x) => x.outsideTransaction)).to.deep.equal([false, false, false, true, true, false]);
  });

  it('does not take a hazard comment or the renderUp header for an outside-transaction mark', () => {
    const s = splitStatements('-- statements marked "outside transaction" cannot run …\n\n-- hazard deletes-data: x\nDROP TABLE t;\n');
    expect(s).to.have.length(1);
    expect(present(s[0]).outsideTransaction).to.equal(false);
  });
  it('keeps a BEGIN ATOMIC routine body (with CASE … END inside) in one statement, as psql does', () => {
    const body = [
      'CREATE FUNCTION public.f(x integer) RETURNS text LANGUAGE sql',
      'BEGIN ATOMIC',
      "  SELECT CASE WHEN x > 0 THEN 'pos' ELSE 'neg' END;",
      '  SELECT 1;',
      'END',
    ].join('\n');
    const s = splitStatements(`BEGIN;\n${body};\nSELECT 'end';\nEND;\n`);
    expect(s.map((x) => x.sql)).to.deep.equal(['BEGIN', body, "SELECT 'end'", 'END']);
  });
});
