import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const src = join(__dirname, '..', '..', '..', 'src');

/** Hand-made quoting: doubling quotes, or gluing a quote character onto a string. */
const HAND_QUOTING: readonly RegExp[] = [
  /replace\(\/"\/g/, // name.replace(/"/g, '""')
  /replace\(\/'\/g/, // value.replace(/'/g, "''")
  /(['"`])"\1\s*\+/, // '"' + name
  /\+\s*(['"`])"\1/, // name + '"'
  /(['"`])'\1\s*\+|\+\s*"'"/, // "'" + value
];

/** Files that quote for something other than SQL, each with its reason. */
const NOT_SQL: Record<string, string> = {
  [join('util', 'quote.ts')]: 'the quoting module itself',
  [join('generators', 'docs', 'mermaid.ts')]: 'Mermaid label text (#quot;), not SQL',
  [join('model', 'integrity.ts')]: 'a shell command suggested to the user (POSIX single quotes)',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('architecture: quoting', function () {
  this.timeout(60_000); // spawns node / reads every src file with ts-morph: seconds, more on a loaded machine
  it('only util/quote.ts quotes identifiers and literals (ident, literal, qualified)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(src)) {
      const rel = relative(src, file);
      if (NOT_SQL[rel] !== undefined) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (HAND_QUOTING.some((re) => re.test(line))) offenders.push(`${rel.split(sep).join('/')}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).to.deep.equal([]);
  });
});
