import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';

const src = join(__dirname, '..', '..', '..', 'src');

/**
 * A regular expression that scans SQL text token by token: global or sticky (it walks the text) and with an
 * alternative for SQL string literals (`'…'` with doubled quotes), so that it can step over them. Anchored
 * patterns that read one known value (`^'…'::type$`) are not scanners.
 */
const SCANS_STRINGS = /\[\^'\]\|''|''\|\[\^'\]|'\[\^'\]\*\(\?:''\[\^'\]\*\)\*'/;
/** A dollar-quote tag (`$tag$`): only the lexer knows where a dollar-quoted body ends. */
const DOLLAR_TAG = /\\\$\(\?:\[A-Za-z_|\\\$\[A-Za-z_|\\\$\\w/;

/** Whether a regex literal (`/…/flags`) is a SQL token scanner or knows dollar quotes. */
function scansSql(re: string): boolean {
  const flags = re.slice(re.lastIndexOf('/') + 1);
  return (/[gy]/.test(flags) && SCANS_STRINGS.test(re)) || DOLLAR_TAG.test(re);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

/** The regular expression literals of a file, with their lines. */
function regexLiterals(file: string): { line: number; text: string }[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { line: number; text: string }[] = [];
  const visit = (n: ts.Node): void => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) out.push({ line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, text: n.getText(sf) });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('architecture: one SQL lexer', function () {
  this.timeout(60_000);
  it('only util/sql-lex.ts scans SQL text with a token regex (string literals stepped over, dollar quotes)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(src)) {
      const rel = relative(src, file).split(sep).join('/');
      if (rel === 'util/sql-lex.ts') continue;
      for (const { line, text } of regexLiterals(file)) if (scansSql(text)) offenders.push(`${rel}:${line}: ${text}`);
    }
    expect(offenders).to.deep.equal([]);
  });

  it('the rule sees a token scanner and a dollar-quote tag, and passes an anchored literal', () => {
    const flagged = scansSql;
    expect(flagged(String.raw`/'(?:[^']|'')*'|"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*|\s+|[\s\S]/g`)).to.equal(true);
    expect(flagged(String.raw`/\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/`)).to.equal(true);
    expect(flagged(String.raw`/^'((?:[^']|'')*)'::(.+)$/`)).to.equal(false);
    expect(flagged(String.raw`/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g`)).to.equal(false);
  });
});
